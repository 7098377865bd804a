package dev.atenea.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderOutcome.Failed;
import dev.atenea.provider.ProviderOutcome.Pending;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.WorkFiles;
import dev.atenea.support.Mp4Boxes;
import org.jcodec.common.DemuxerTrack;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalVideoProviderTest {

	private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(40);

	@TempDir
	Path renders;

	@TempDir
	Path work;

	private final List<LocalVideoProvider> started = new ArrayList<>();

	@AfterEach
	void destroyProviders() throws InterruptedException {
		for (LocalVideoProvider provider : this.started) {
			provider.destroy();
		}
	}

	@Test
	void rendersMp4WithDurationTimesFpsFramesInTheBackground() throws IOException {
		LocalVideoProvider provider = provider();
		GenerationRequest request = request(Map.of("duration_seconds", 3));

		ProviderOutcome accepted = provider.generate(request);

		assertThat(accepted).isInstanceOfSatisfying(Pending.class, (pending) -> {
			assertThat(pending.operationId()).matches("local-video-[0-9a-f-]{36}");
			assertThat(pending.progress()).isZero();
		});
		GeneratedMedia media = awaitCompleted(provider, ((Pending) accepted).operationId(), request);
		assertThat(media.file()).isEqualTo(this.work.resolve("call.mp4"));
		assertThat(media.contentType()).isEqualTo("video/mp4");
		assertThat(media.extension()).isEqualTo("mp4");
		assertThat(Mp4Boxes.topLevel(media.file())).first().isEqualTo("ftyp");
		assertThat(Mp4Boxes.topLevel(media.file())).contains("moov", "mdat");
		assertVideo(media.file(), 3 * 24, 480, 270);
	}

	@Test
	void answersPollsFromAnotherProcessThroughTheRenderDirectory() throws IOException {
		LocalVideoProvider owner = provider();
		LocalVideoProvider other = provider();
		GenerationRequest request = request(Map.of("duration_seconds", 1, "aspect_ratio", "9:16"));

		String id = ((Pending) owner.generate(request)).operationId();

		assertThat(other.poll(id, request)).isInstanceOf(Pending.class);
		GeneratedMedia media = awaitCompleted(other, id, request);
		assertVideo(media.file(), 24, 270, 480);
		assertThat(owner.poll(id, request)).as("the video now belongs to the caller")
			.isEqualTo(Failed.transiently("render was lost"));
	}

	@Test
	void rendersSquareVideoForSquareAspectRatio() throws IOException {
		LocalVideoProvider provider = provider();
		GenerationRequest request = request(Map.of("duration_seconds", 1, "aspect_ratio", "1:1"));

		GeneratedMedia media = awaitCompleted(provider, ((Pending) provider.generate(request)).operationId(), request);

		assertVideo(media.file(), 24, 360, 360);
	}

	@Test
	void pollsAtConfiguredInterval() {
		assertThat(provider().pollInterval()).isEqualTo(Duration.ofSeconds(2));
	}

	@Nested
	class WhenOperationIsNotRunningHere {

		@Test
		void unknownOperationIsLostAndMayBeRetried() {
			ProviderOutcome outcome = provider().poll("local-video-" + UUID.randomUUID(), request(Map.of()));

			assertThat(outcome).isEqualTo(Failed.transiently("render was lost"));
		}

		@Test
		void operationIdOutsideThePatternFailsForGood() {
			LocalVideoProvider provider = provider();

			for (String id : List.of("../../etc/passwd", "local-video-../../etc/passwd", "", "LOCAL-VIDEO-x")) {
				assertThat(provider.poll(id, request(Map.of()))).isInstanceOfSatisfying(Failed.class,
						(failed) -> assertThat(failed.retryable()).isFalse());
			}
		}

		@Test
		void partKeptFreshByAnotherProcessIsPendingWithItsProgress() throws IOException {
			String id = "local-video-" + UUID.randomUUID();
			Files.writeString(LocalVideoProviderTest.this.renders.resolve(id + ".part"), "042");

			ProviderOutcome outcome = provider().poll(id, request(Map.of()));

			assertThat(outcome).isEqualTo(new Pending(id, 42));
		}

		@Test
		void partWithoutRecentHeartbeatIsLost() throws IOException {
			String id = "local-video-" + UUID.randomUUID();
			Path part = Files.writeString(LocalVideoProviderTest.this.renders.resolve(id + ".part"), "042");
			Files.setLastModifiedTime(part, FileTime.from(Instant.now().minusSeconds(31)));

			ProviderOutcome outcome = provider().poll(id, request(Map.of()));

			assertThat(outcome).isEqualTo(Failed.transiently("render was lost"));
		}

		@Test
		void failedRenderMayBeRetried() throws IOException {
			String id = "local-video-" + UUID.randomUUID();
			Files.writeString(LocalVideoProviderTest.this.renders.resolve(id + ".failed"), "");

			ProviderOutcome outcome = provider().poll(id, request(Map.of()));

			assertThat(outcome).isEqualTo(Failed.transiently("video render failed"));
		}

	}

	@Test
	void deletesExpiredRenderFilesButNothingElseWhenRenderStarts() throws IOException {
		Path orphan = oldFile("local-video-" + UUID.randomUUID() + ".encoding", Duration.ofHours(2));
		Path recent = oldFile("local-video-" + UUID.randomUUID() + ".mp4", Duration.ofMinutes(10));
		Path foreign = oldFile("notes.txt", Duration.ofHours(2));
		LocalVideoProvider provider = provider();
		GenerationRequest request = request(Map.of("duration_seconds", 1));

		awaitCompleted(provider, ((Pending) provider.generate(request)).operationId(), request);

		assertThat(orphan).doesNotExist();
		assertThat(recent).exists();
		assertThat(foreign).exists();
	}

	@Test
	void abandonsRendersThatOutliveTheShutdownGrace() throws InterruptedException {
		LocalVideoProvider provider = provider(Map.of("render-shutdown-grace", "0s"));
		GenerationRequest request = request(Map.of("duration_seconds", 10));
		String id = ((Pending) provider.generate(request)).operationId();

		provider.destroy();

		assertThat(provider().poll(id, request)).isEqualTo(Failed.transiently("render was lost"));
	}

	@Test
	void letsAcceptedRendersFinishWhenShutDownSoOthersCollectThem() throws InterruptedException {
		LocalVideoProvider provider = provider(Map.of("render-shutdown-grace", "60s"));
		GenerationRequest request = request(Map.of("duration_seconds", 1));
		String id = ((Pending) provider.generate(request)).operationId();

		provider.destroy();

		assertThat(provider().poll(id, request)).isInstanceOf(ProviderOutcome.Completed.class);
	}

	private LocalVideoProvider provider() {
		return provider(Map.of());
	}

	private LocalVideoProvider provider(Map<String, String> settings) {
		Map<String, String> all = new HashMap<>(settings);
		all.put("render-directory", this.renders.toString());
		LocalVideoProvider provider = new LocalVideoProvider(TestProperties.bind(all));
		this.started.add(provider);
		return provider;
	}

	private GenerationRequest request(Map<String, Object> params) {
		return new GenerationRequest(UUID.randomUUID(), UUID.randomUUID(), MediaKind.VIDEO,
				"A paper boat drifting down a rainy street", null, params, 1, new WorkFiles(this.work, "call"));
	}

	private Path oldFile(String name, Duration age) throws IOException {
		Path file = Files.writeString(this.renders.resolve(name), "left over");
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
		return file;
	}

	private static GeneratedMedia awaitCompleted(LocalVideoProvider provider, String id, GenerationRequest request) {
		ProviderOutcome outcome = await().atMost(RENDER_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> provider.poll(id, request), (answer) -> !(answer instanceof Pending));
		assertThat(outcome).isInstanceOf(ProviderOutcome.Completed.class);
		return ((ProviderOutcome.Completed) outcome).media();
	}

	private static void assertVideo(Path file, int frames, int width, int height) throws IOException {
		try (SeekableByteChannel channel = NIOUtils.readableChannel(file.toFile())) {
			DemuxerTrack track = MP4Demuxer.createMP4Demuxer(channel).getVideoTrack();
			DemuxerTrackMeta meta = track.getMeta();
			Size size = meta.getVideoCodecMeta().getSize();

			assertThat(meta.getTotalFrames()).isEqualTo(frames);
			assertThat(countPackets(track)).isEqualTo(frames);
			assertThat(size.getWidth()).isEqualTo(width);
			assertThat(size.getHeight()).isEqualTo(height);
		}
	}

	private static int countPackets(DemuxerTrack track) throws IOException {
		int count = 0;
		while (track.nextFrame() != null) {
			count++;
		}
		return count;
	}

}
