package dev.atenea.storage;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Media on the local disk, under {@code <data dir>/media}.
 */
public class LocalMediaStore implements MediaStore {

	private final Path root;

	public LocalMediaStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	@Override
	public StoredMedia store(String key, Path file, String contentType) throws IOException {
		Path target = resolve(key);
		Files.createDirectories(target.getParent());
		move(file, target);
		return new StoredMedia(key, contentType, Files.size(target));
	}

	@Override
	public Optional<Resource> open(String key) {
		Path path = resolve(key);
		return Files.isRegularFile(path) ? Optional.of(new FileSystemResource(path)) : Optional.empty();
	}

	@Override
	public void delete(String key) throws IOException {
		Files.deleteIfExists(resolve(key));
	}

	/**
	 * Checks the key twice: against the pattern, and that the resolved path stays under
	 * the root, so no key can reach outside the media folder.
	 */
	private Path resolve(String key) {
		Path path = this.root.resolve(MediaStore.requireValidKey(key)).normalize();
		if (!path.startsWith(this.root)) {
			throw new IllegalArgumentException("Media key escapes the media folder: " + key);
		}
		return path;
	}

	/**
	 * Renames when source and target share a file system, so readers never see half a
	 * file; copies through a temporary name otherwise.
	 */
	private static void move(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Path partial = target.resolveSibling(target.getFileName() + ".partial");
			Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			Files.delete(source);
		}
	}

}
