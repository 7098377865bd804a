package dev.atenea.provider.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.ProviderException;

/**
 * Checks that a downloaded video is an MP4 before it is stored and served as one: a
 * proxy's error page answered with 200 must fail the task, not complete it.
 */
public final class VideoFiles {

	private static final byte[] FILE_TYPE_BOX = { 'f', 't', 'y', 'p' };

	private VideoFiles() {
	}

	/**
	 * The file as an MP4 video.
	 * @throws ProviderException a final one, through {@code failures}, when the file does
	 * not start with an ISO media {@code ftyp} box
	 */
	public static GeneratedMedia mp4(Path file, ProviderFailures failures) {
		byte[] head = head(file);
		if (head.length < 8 || !Arrays.equals(Arrays.copyOfRange(head, 4, 8), FILE_TYPE_BOX)) {
			throw failures.malformed("a result that is not an MP4 video", null);
		}
		return new GeneratedMedia(file, "video/mp4", "mp4");
	}

	private static byte[] head(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(8);
		}
		catch (IOException ex) {
			throw ProviderException.retryable("The downloaded video could not be read", ex);
		}
	}

}
