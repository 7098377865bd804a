package dev.atenea.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;

/**
 * Where finished media files live: the port of the local-disk and cloud stores.
 *
 * <p>
 * Keys are made by Atenea from uuids and a known extension, never from user input, and
 * every store checks them against {@link #KEY_PATTERN} before touching anything.
 */
public interface MediaStore {

	/**
	 * {@code <kind>/<item uuid>/<task uuid>.<extension>}.
	 */
	Pattern KEY_PATTERN = Pattern.compile(
			"(videos|images|audio)/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\.[a-z0-9]{1,8}");

	/**
	 * Moves a file into the store under {@code key}, replacing what was there.
	 */
	StoredMedia store(String key, Path file, String contentType) throws IOException;

	/**
	 * The stored file, or empty when there is none under the key.
	 */
	Optional<Resource> open(String key);

	void delete(String key) throws IOException;

	static String requireValidKey(String key) {
		if (key == null || !KEY_PATTERN.matcher(key).matches()) {
			throw new IllegalArgumentException("Not a media key: " + key);
		}
		return key;
	}

}
