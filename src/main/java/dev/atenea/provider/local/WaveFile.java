package dev.atenea.provider.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The header of a canonical WAV file (RIFF, one {@code fmt } and one {@code data} chunk)
 * holding 16-bit mono PCM.
 */
final class WaveFile {

	static final int HEADER_BYTES = 44;

	private static final short PCM = 1;

	private static final short CHANNELS = 1;

	private static final short BITS_PER_SAMPLE = 16;

	private WaveFile() {
	}

	static void writeHeader(OutputStream out, int sampleRate, long dataBytes) throws IOException {
		int blockAlign = CHANNELS * BITS_PER_SAMPLE / 8;
		ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
		header.put(ascii("RIFF")).putInt(Math.toIntExact(36 + dataBytes)).put(ascii("WAVE"));
		header.put(ascii("fmt ")).putInt(16).putShort(PCM).putShort(CHANNELS).putInt(sampleRate);
		header.putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort(BITS_PER_SAMPLE);
		header.put(ascii("data")).putInt(Math.toIntExact(dataBytes));
		out.write(header.array());
	}

	/**
	 * Whether the file starts like a WAV file and holds more than a header.
	 */
	static boolean isWave(Path file) throws IOException {
		if (!Files.isRegularFile(file) || Files.size(file) <= HEADER_BYTES) {
			return false;
		}
		try (InputStream in = Files.newInputStream(file)) {
			byte[] start = in.readNBytes(12);
			return "RIFF".equals(ascii(start, 0)) && "WAVE".equals(ascii(start, 8));
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static String ascii(byte[] bytes, int offset) {
		return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
	}

}
