package dev.atenea.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a WAV file says about itself, read chunk by chunk from its bytes.
 *
 * @param format the audio format code, 1 for PCM
 * @param channels the number of channels
 * @param sampleRate samples per second
 * @param byteRate bytes per second
 * @param bitsPerSample bits per sample
 * @param dataOffset where the sample data starts
 * @param dataBytes how many bytes of sample data the file holds
 */
public record WaveInfo(int format, int channels, int sampleRate, int byteRate, int bitsPerSample, int dataOffset,
		int dataBytes) {

	public static WaveInfo read(Path file) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		if (!"RIFF".equals(fourCc(bytes, 0)) || !"WAVE".equals(fourCc(bytes, 8))) {
			throw new IllegalArgumentException("Not a RIFF/WAVE file: " + file);
		}
		ByteBuffer fmt = null;
		for (int offset = 12; offset + 8 <= bytes.limit();) {
			String id = fourCc(bytes, offset);
			int size = bytes.getInt(offset + 4);
			int body = offset + 8;
			if ("fmt ".equals(id)) {
				fmt = bytes.slice(body, size).order(ByteOrder.LITTLE_ENDIAN);
			}
			else if ("data".equals(id) && fmt != null) {
				int available = Math.min(size, bytes.limit() - body);
				return new WaveInfo(fmt.getShort(0), fmt.getShort(2), fmt.getInt(4), fmt.getInt(8), fmt.getShort(14),
						body, available);
			}
			offset = body + size + (size & 1);
		}
		throw new IllegalArgumentException("No fmt chunk before a data chunk in " + file);
	}

	private static String fourCc(ByteBuffer bytes, int offset) {
		byte[] id = new byte[4];
		bytes.get(offset, id);
		return new String(id, StandardCharsets.US_ASCII);
	}

	public Duration duration() {
		return Duration.ofNanos(this.dataBytes * 1_000_000_000L / this.byteRate);
	}

	/**
	 * The 16-bit samples of a mono file.
	 */
	public short[] samples(Path file) throws IOException {
		ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file), this.dataOffset, this.dataBytes)
			.order(ByteOrder.LITTLE_ENDIAN);
		short[] samples = new short[this.dataBytes / 2];
		data.asShortBuffer().get(samples);
		return samples;
	}

}
