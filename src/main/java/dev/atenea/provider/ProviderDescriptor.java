package dev.atenea.provider;

import java.util.List;
import java.util.Map;

/**
 * What a provider offers, so requests can be validated before anything is queued and the
 * UI can offer only what works.
 *
 * @param name the provider's name as used in the {@code provider} field, e.g.
 * {@code local}
 * @param kind the kind of media it makes
 * @param models the models it accepts; the first is the default
 * @param durationsSeconds for video, the clip lengths it accepts (empty for other kinds)
 * @param aspectRatios for video, the aspect ratios it accepts (empty for other kinds)
 * @param maxSide for images, the largest width or height in pixels (0 for other kinds)
 * @param voices for audio, the voices it accepts
 * @param defaults the value of each option a request leaves out, by option name
 * ({@code duration_seconds}, {@code aspect_ratio}, {@code width}, {@code height},
 * {@code voice}); an option without one defaults to its first choice
 */
public record ProviderDescriptor(String name, MediaKind kind, List<String> models, List<Integer> durationsSeconds,
		List<String> aspectRatios, int maxSide, List<String> voices, Map<String, Object> defaults) {

	public ProviderDescriptor {
		models = List.copyOf(models);
		durationsSeconds = List.copyOf(durationsSeconds);
		aspectRatios = List.copyOf(aspectRatios);
		voices = List.copyOf(voices);
		defaults = Map.copyOf(defaults);
	}

	public String defaultModel() {
		return this.models.isEmpty() ? null : this.models.get(0);
	}

}
