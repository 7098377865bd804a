package dev.atenea.provider.local;

import dev.atenea.support.WaveInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.WorkFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LocalAudioProviderTest {

	private static final String ONE_WORD = "Hello";

	private static final String TWO_SENTENCES = "The quick brown fox jumps over the lazy dog. "
			+ "Then it runs back home across the frozen river.";

	private static final String DASHES = "--version is what I said, and then --help.";

	@TempDir
	Path work;

	@Nested
	class WithEspeak {

		private final EspeakSpeaker espeak = new EspeakSpeaker("espeak-ng", Duration.ofSeconds(60));

		@BeforeEach
		void requireEspeak() throws InterruptedException {
			assumeTrue(this.espeak.isAvailable(), "espeak-ng is not installed");
		}

		@Test
		void speaksLongerTextForLonger() throws Exception {
			WaveInfo word = speak(ONE_WORD, "en");
			WaveInfo sentences = speak(TWO_SENTENCES, "en");

			assertThat(word.format()).isEqualTo(1);
			assertThat(word.channels()).isEqualTo(1);
			assertThat(word.bitsPerSample()).isEqualTo(16);
			assertThat(word.duration()).isPositive();
			assertThat(sentences.duration()).isGreaterThan(word.duration().multipliedBy(3));
		}

		@Test
		void speaksTextStartingWithDashesInsteadOfReadingOptions() throws Exception {
			WaveInfo dashes = speak(DASHES, "en");

			assertThat(dashes.duration()).isGreaterThan(Duration.ofSeconds(1));
		}

		@Test
		void providerSpeaksThroughEspeakWithRequestedVoice() throws IOException {
			LocalAudioProvider provider = new LocalAudioProvider(TestProperties.bind(Map.of()));

			GeneratedMedia media = completed(provider.generate(request(TWO_SENTENCES, Map.of("voice", "es"))));

			assertThat(media.contentType()).isEqualTo("audio/wav");
			assertThat(media.extension()).isEqualTo("wav");
			assertThat(WaveInfo.read(media.file()).duration()).isGreaterThan(Duration.ofSeconds(2));
			try (Stream<Path> files = Files.list(LocalAudioProviderTest.this.work)) {
				assertThat(files).as("the text file given to espeak-ng is deleted").containsExactly(media.file());
			}
		}

		private WaveInfo speak(String text, String voice) throws Exception {
			Path file = LocalAudioProviderTest.this.work.resolve(UUID.randomUUID() + ".wav");
			assertThat(this.espeak.speak(text, voice, file)).isTrue();
			return WaveInfo.read(file);
		}

	}

	@Nested
	class WithoutEspeak {

		private final LocalAudioProvider provider = new LocalAudioProvider(
				TestProperties.bind(Map.of("espeak-command", "/nonexistent/espeak-ng")));

		@Test
		void synthesizesPcmWaveWhoseDurationGrowsWithText() throws IOException {
			WaveInfo word = generate(ONE_WORD);
			WaveInfo sentences = generate(TWO_SENTENCES);

			assertThat(word.format()).isEqualTo(1);
			assertThat(word.channels()).isEqualTo(1);
			assertThat(word.sampleRate()).isEqualTo(ToneSpeaker.SAMPLE_RATE);
			assertThat(word.bitsPerSample()).isEqualTo(16);
			assertThat(word.duration()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(2));
			assertThat(sentences.duration()).isGreaterThan(word.duration().multipliedBy(5));
		}

		@Test
		void speaksTextStartingWithDashes() throws IOException {
			assertThat(generate(DASHES).duration()).isGreaterThan(Duration.ofSeconds(2));
		}

		@Test
		void startsAndEndsSilentWithoutClicks() throws IOException {
			GeneratedMedia media = completed(this.provider.generate(request(TWO_SENTENCES, Map.of())));
			WaveInfo wave = WaveInfo.read(media.file());

			short[] samples = wave.samples(media.file());

			assertThat(samples[0]).isZero();
			assertThat(samples[samples.length - 1]).isZero();
			int largestJump = 0;
			for (int index = 1; index < samples.length; index++) {
				largestJump = Math.max(largestJump, Math.abs(samples[index] - samples[index - 1]));
			}
			assertThat(largestJump).isLessThan(3_000);
		}

		private WaveInfo generate(String text) throws IOException {
			return WaveInfo.read(completed(this.provider.generate(request(text, Map.of("voice", "fr")))).file());
		}

	}

	private GenerationRequest request(String text, Map<String, Object> params) {
		return new GenerationRequest(UUID.randomUUID(), UUID.randomUUID(), MediaKind.AUDIO, text, null, params, 2,
				new WorkFiles(this.work, "call"));
	}

	private static GeneratedMedia completed(ProviderOutcome outcome) {
		assertThat(outcome).isInstanceOf(ProviderOutcome.Completed.class);
		return ((ProviderOutcome.Completed) outcome).media();
	}

}
