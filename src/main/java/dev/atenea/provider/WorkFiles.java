package dev.atenea.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files one provider call writes before its result is stored. They lie in the work
 * directory all calls share, under a name of the call's own, so two deliveries of the
 * same message never write the same file and no directory is made and removed per call:
 * on the project's ext4 test machine those two system calls took about 150 µs a call (see
 * {@code bench/README.md}).
 *
 * <p>
 * A provider writes only to paths {@link #file(String)} gives it, one per extension
 * (asking twice for the same extension gives the same path); anything else it writes
 * there it deletes itself. {@link #deleteAll()} deletes what is left of these files after
 * the call.
 */
public final class WorkFiles {

	private static final Logger logger = LoggerFactory.getLogger(WorkFiles.class);

	private final Path directory;

	private final String prefix;

	private final Set<Path> handedOut = ConcurrentHashMap.newKeySet();

	/**
	 * @param directory an existing directory shared by every call
	 * @param prefix a name no other call uses, such as
	 * {@code <task>-<attempt>-<random uuid>}
	 */
	public WorkFiles(Path directory, String prefix) {
		this.directory = directory;
		this.prefix = prefix;
	}

	/**
	 * A path for the call to write, not yet created; its extension tells tools such as
	 * ffmpeg the format.
	 */
	public Path file(String extension) {
		Path file = this.directory.resolve(this.prefix + "." + extension);
		this.handedOut.add(file);
		return file;
	}

	/**
	 * Deletes whichever of the files handed out still exist: what a failed call left, or
	 * a result that was not stored.
	 */
	public void deleteAll() {
		for (Path file : this.handedOut) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				logger.debug("Could not delete {}: {}", file, ex.toString());
			}
		}
	}

}
