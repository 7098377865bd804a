package dev.atenea.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The types of the top-level boxes of an MP4 file, in file order.
 */
public final class Mp4Boxes {

	private Mp4Boxes() {
	}

	public static List<String> topLevel(Path file) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
		List<String> types = new ArrayList<>();
		long offset = 0;
		while (offset + 8 <= bytes.limit()) {
			int at = Math.toIntExact(offset);
			long size = Integer.toUnsignedLong(bytes.getInt(at));
			byte[] type = new byte[4];
			bytes.get(at + 4, type);
			types.add(new String(type, StandardCharsets.US_ASCII));
			if (size == 1) {
				size = bytes.getLong(at + 8);
			}
			else if (size == 0) {
				size = bytes.limit() - offset;
			}
			if (size < 8) {
				throw new IllegalArgumentException("Box of size " + size + " at " + offset + " in " + file);
			}
			offset += size;
		}
		return types;
	}

}
