package dev.atenea.provider.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files that hold the state of video renders, so that any worker process sharing the
 * directory can poll a render that another one started.
 *
 * <p>
 * Lifecycle of render {@code id}: {@code id.part} appears when the render is accepted and
 * holds its progress as three digits; the owning process rewrites it every second as a
 * heartbeat, even while the render waits for a thread. The encoder writes
 * {@code id.encoding}; when it is done that file is renamed atomically to {@code id.mp4}
 * and only then is the part deleted, so a poll always sees one of them. A render that
 * fails leaves {@code id.failed} instead. A part that nobody rewrote for
 * {@code staleAfter} belongs to a process that died. Leftovers of any kind are deleted
 * once older than {@code retention}.
 */
final class RenderDirectory {

	private static final String PREFIX = "local-video-";

	private static final Pattern OPERATION_ID = Pattern
		.compile(PREFIX + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final Logger logger = LoggerFactory.getLogger(RenderDirectory.class);

	private final Path root;

	private final Duration staleAfter;

	private final Duration retention;

	private final Clock clock;

	/**
	 * @param clock compared with file modification times, which the file system records
	 * in wall-clock time, so it must be a clock of the real time
	 */
	RenderDirectory(Path root, Duration staleAfter, Duration retention, Clock clock) {
		this.root = root;
		this.staleAfter = staleAfter;
		this.retention = retention;
		this.clock = clock;
	}

	static String newOperationId() {
		return PREFIX + UUID.randomUUID();
	}

	/**
	 * Whether the text is an operation id this class made; only those are ever turned
	 * into file names, so no id can reach outside the directory.
	 */
	static boolean isOperationId(String text) {
		return text != null && OPERATION_ID.matcher(text).matches();
	}

	/**
	 * Records a newly accepted render, after deleting expired leftovers of earlier ones.
	 */
	void accept(String id) throws IOException {
		Files.createDirectories(this.root);
		deleteExpired();
		Files.writeString(part(id), progressText(0), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
	}

	/**
	 * Rewrites the render's progress, which also proves its owner is alive. Never creates
	 * the part: one that is gone belongs to a render that has ended.
	 */
	void heartbeat(String id, int progress) {
		ByteBuffer text = StandardCharsets.US_ASCII.encode(progressText(progress));
		try (FileChannel channel = FileChannel.open(part(id), StandardOpenOption.WRITE)) {
			channel.write(text, 0);
		}
		catch (NoSuchFileException ex) {
			logger.trace("Render {} ended before its heartbeat", id);
		}
		catch (IOException ex) {
			logger.debug("Heartbeat of render {} failed", id, ex);
		}
	}

	Path encodingFile(String id) {
		return file(id, ".encoding");
	}

	void finish(String id) throws IOException {
		Files.move(encodingFile(id), video(id), StandardCopyOption.ATOMIC_MOVE);
		Files.deleteIfExists(part(id));
	}

	void fail(String id) {
		try {
			Files.writeString(failure(id), "", StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			logger.debug("Render {} could not record its failure", id, ex);
		}
		abandon(id);
	}

	/**
	 * Forgets a render that will not finish, so polls answer "lost" at once instead of
	 * waiting for its heartbeat to go stale.
	 */
	void abandon(String id) {
		deleteQuietly(encodingFile(id));
		deleteQuietly(part(id));
	}

	RenderState state(String id) throws IOException {
		Path video = video(id);
		if (Files.exists(video)) {
			return new RenderState.Finished(video);
		}
		if (Files.exists(failure(id))) {
			return new RenderState.Broken();
		}
		try {
			Instant touched = Files.getLastModifiedTime(part(id)).toInstant();
			if (touched.plus(this.staleAfter).isBefore(this.clock.instant())) {
				return new RenderState.Lost("its worker stopped beating");
			}
			return new RenderState.Running(progress(Files.readString(part(id), StandardCharsets.US_ASCII)));
		}
		catch (NoSuchFileException ex) {
			return ended(id);
		}
	}

	/**
	 * The state of a render whose part vanished while it was being read: it finished or
	 * failed in between, or was never known here.
	 */
	private RenderState ended(String id) {
		if (Files.exists(video(id))) {
			return new RenderState.Finished(video(id));
		}
		return Files.exists(failure(id)) ? new RenderState.Broken() : new RenderState.Lost("it is unknown");
	}

	private void deleteExpired() {
		Instant cutoff = this.clock.instant().minus(this.retention);
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.root, PREFIX + "*")) {
			for (Path file : files) {
				deleteIfOlder(file, cutoff);
			}
		}
		catch (IOException ex) {
			logger.debug("Could not list {} to delete expired renders", this.root, ex);
		}
	}

	private void deleteIfOlder(Path file, Instant cutoff) {
		try {
			if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
				logger.debug("Deleted expired render file {}", file.getFileName());
			}
		}
		catch (IOException ex) {
			logger.trace("Another process deleted or holds {}", file.getFileName(), ex);
		}
	}

	private Path part(String id) {
		return file(id, ".part");
	}

	private Path video(String id) {
		return file(id, ".mp4");
	}

	private Path failure(String id) {
		return file(id, ".failed");
	}

	private Path file(String id, String suffix) {
		if (!isOperationId(id)) {
			throw new IllegalStateException("Not a render operation id: " + id);
		}
		return this.root.resolve(id + suffix);
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.debug("Could not delete {}", file.getFileName(), ex);
		}
	}

	private static String progressText(int progress) {
		return "%03d".formatted(Math.clamp(progress, 0, 100));
	}

	/**
	 * Reads progress leniently: a part caught mid-rewrite counts as no progress yet.
	 */
	private static int progress(String text) {
		try {
			return Math.clamp(Integer.parseInt(text.strip()), 0, 100);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * What the files say about one render.
	 */
	sealed interface RenderState {

		record Running(int progress) implements RenderState {
		}

		record Finished(Path video) implements RenderState {
		}

		record Broken() implements RenderState {
		}

		record Lost(String why) implements RenderState {
		}

	}

}
