package dev.atenea.provider.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.ProviderException;

/**
 * Tells an image's type from its first bytes, for results that come by URL or base64
 * without a trustworthy content type. What is served to the user is then what the file
 * is, whatever a CDN claimed.
 */
public final class ImageFiles {

	private ImageFiles() {
	}

	/**
	 * The file as generated media of its real type.
	 * @throws ProviderException a final one, through {@code failures}, when the file is
	 * not a PNG, JPEG or WebP image
	 */
	public static GeneratedMedia image(Path file, ProviderFailures failures) {
		byte[] head = head(file);
		if (startsWith(head, 0x89, 'P', 'N', 'G')) {
			return new GeneratedMedia(file, "image/png", "png");
		}
		if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
			return new GeneratedMedia(file, "image/jpeg", "jpg");
		}
		if (startsWith(head, 'R', 'I', 'F', 'F') && head.length >= 12
				&& Arrays.equals(Arrays.copyOfRange(head, 8, 12), new byte[] { 'W', 'E', 'B', 'P' })) {
			return new GeneratedMedia(file, "image/webp", "webp");
		}
		throw failures.malformed("a result that is not a PNG, JPEG or WebP image", null);
	}

	private static byte[] head(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(12);
		}
		catch (IOException ex) {
			throw ProviderException.retryable("The downloaded image could not be read", ex);
		}
	}

	private static boolean startsWith(byte[] bytes, int... prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
