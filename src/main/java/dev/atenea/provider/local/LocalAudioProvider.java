package dev.atenea.provider.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The offline audio provider: speaks the text into a WAV file, synchronously, with
 * espeak-ng when it is installed and works, and otherwise with the built-in
 * {@link ToneSpeaker}. Either way a longer text gives longer audio.
 */
@Component
class LocalAudioProvider implements GenerationProvider {

	/** The espeak-ng voices offered; the first is the default. */
	static final List<String> VOICES = List.of("en", "en-us", "en-gb", "es", "fr", "de", "it", "pt");

	private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("local", MediaKind.AUDIO,
			List.of("espeak-ng"), List.of(), List.of(), 0, VOICES, Map.of("voice", VOICES.get(0)));

	private static final Logger logger = LoggerFactory.getLogger(LocalAudioProvider.class);

	private final EspeakSpeaker espeak;

	private final ToneSpeaker tones = new ToneSpeaker();

	LocalAudioProvider(LocalProviderProperties properties) {
		this.espeak = new EspeakSpeaker(properties.espeakCommand(), properties.espeakTimeout());
	}

	@Override
	public ProviderDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		String text = (request.prompt() != null) ? request.prompt() : "";
		String voice = voice(request);
		Path file = request.work().file("wav");
		try {
			boolean spoken = this.espeak.speak(text, voice, file);
			if (!spoken) {
				this.tones.speak(text, file);
			}
			logger.debug("Spoke {} chars for task {} item {} attempt {} with {}", text.length(), request.taskUuid(),
					request.itemUuid(), request.attempt(),
					spoken ? "espeak-ng voice " + voice : "the tone synthesizer");
		}
		catch (IOException ex) {
			throw ProviderException.retryable("The local audio could not be written", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ProviderException.retryable("The local audio was interrupted", ex);
		}
		return new ProviderOutcome.Completed(new GeneratedMedia(file, "audio/wav", "wav"));
	}

	/**
	 * The requested voice when it is one of {@link #VOICES}, otherwise the default; only
	 * names from that fixed list ever reach the espeak-ng command line.
	 */
	private static String voice(GenerationRequest request) {
		String requested = request.stringParam("voice", VOICES.get(0));
		return VOICES.contains(requested) ? requested : VOICES.get(0);
	}

}
