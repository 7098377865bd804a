package dev.atenea.provider.local;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for speech when espeak-ng is missing or fails: one soft tone per letter or
 * digit (longer for vowels), a short gap per space and longer rests at punctuation, so
 * the audio lasts roughly as long as reading the text aloud. Writes 16-bit mono PCM WAV
 * at {@link #SAMPLE_RATE}.
 *
 * <p>
 * Every tone starts and ends at silence through a short raised-cosine fade, so joins
 * between tones do not click.
 */
final class ToneSpeaker {

	static final int SAMPLE_RATE = 22_050;

	private static final double BASE_FREQUENCY = 196.0;

	/**
	 * A major pentatonic scale and its octave: any sequence of these sounds consonant.
	 */
	private static final double[] SCALE = { 1.0, 9.0 / 8, 5.0 / 4, 3.0 / 2, 5.0 / 3, 2.0 };

	private static final double AMPLITUDE = 0.3 * Short.MAX_VALUE;

	private static final double OVERTONE = 0.25;

	private static final int FADE_SAMPLES = samples(8);

	/** Caps the output of a pathological text at ten minutes of audio. */
	private static final long MAX_SAMPLES = 600L * SAMPLE_RATE;

	void speak(String text, Path file) throws IOException {
		List<Note> notes = score(text);
		long sampleCount = notes.stream().mapToLong(Note::samples).sum();
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
			WaveFile.writeHeader(out, SAMPLE_RATE, 2 * sampleCount);
			for (Note note : notes) {
				note.play(out);
			}
		}
	}

	static List<Note> score(String text) {
		List<Note> notes = new ArrayList<>();
		notes.add(Note.rest(150));
		long total = 0;
		for (int index = 0; index < text.length() && total < MAX_SAMPLES;) {
			int codePoint = text.codePointAt(index);
			index += Character.charCount(codePoint);
			Note note = noteFor(codePoint);
			if (note != null) {
				notes.add(note);
				total += note.samples();
			}
		}
		notes.add(Note.rest(250));
		return notes;
	}

	private static Note noteFor(int codePoint) {
		if (Character.isLetterOrDigit(codePoint)) {
			double frequency = BASE_FREQUENCY * SCALE[Math.floorMod(Character.toLowerCase(codePoint), SCALE.length)];
			return new Note(frequency, samples(isVowel(codePoint) ? 90 : 50));
		}
		if (Character.isWhitespace(codePoint)) {
			return Note.rest(60);
		}
		return switch (codePoint) {
			case ',', ';', ':' -> Note.rest(220);
			case '.', '!', '?' -> Note.rest(420);
			default -> null;
		};
	}

	private static boolean isVowel(int codePoint) {
		String bare = Normalizer.normalize(Character.toString(Character.toLowerCase(codePoint)), Normalizer.Form.NFD);
		return "aeiouy".indexOf(bare.charAt(0)) >= 0;
	}

	private static int samples(int millis) {
		return SAMPLE_RATE * millis / 1000;
	}

	/**
	 * A tone, or a rest when its frequency is zero.
	 */
	record Note(double frequency, int samples) {

		static Note rest(int millis) {
			return new Note(0, ToneSpeaker.samples(millis));
		}

		void play(OutputStream out) throws IOException {
			int fade = Math.min(FADE_SAMPLES, this.samples / 2);
			for (int index = 0; index < this.samples; index++) {
				int value = (int) Math.round(AMPLITUDE * envelope(index, fade) * wave(index));
				out.write(value & 0xff);
				out.write((value >> 8) & 0xff);
			}
		}

		private double wave(int index) {
			double angle = 2 * Math.PI * this.frequency * index / SAMPLE_RATE;
			return (Math.sin(angle) + OVERTONE * Math.sin(2 * angle)) / (1 + OVERTONE);
		}

		private double envelope(int index, int fade) {
			int fromEdge = Math.min(index, this.samples - 1 - index);
			return (fromEdge >= fade) ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * fromEdge / fade);
		}

	}

}
