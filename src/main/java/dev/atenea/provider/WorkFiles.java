package dev.atenea.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files one provider call writes before its result is stored. Each is named for the
 * call ({@code <task>-<attempt>-<call>.<extension>}) in the shared work directory, so two
 * deliveries of the same message never write the same file, and no directory is made and
 * removed per call: on ext4 those two took about as long as writing and storing a small
 * result (see {@code bench/README.md}).
 */
public final class WorkFiles {

	private static final Logger logger = LoggerFactory.getLogger(WorkFiles.class);

	private final Path directory;

	private final String prefix;

	private final Set<Path> handedOut = ConcurrentHashMap.newKeySet();

	/**
	 * @param directory an existing directory shared by every call
	 * @param prefix a name no other call uses
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
