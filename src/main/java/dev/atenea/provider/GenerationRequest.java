package dev.atenea.provider;

import java.util.Map;
import java.util.UUID;

/**
 * What a provider is asked to make: one attempt of one task for one item.
 *
 * @param taskUuid the task being run
 * @param itemUuid the item the media is for
 * @param kind the kind of media
 * @param prompt the prompt, or for audio the text to speak
 * @param model the model asked for, or {@code null} for the provider's default
 * @param params kind-specific options already validated against the provider's
 * {@link ProviderDescriptor}: {@code duration_seconds}, {@code aspect_ratio},
 * {@code width}, {@code height}, {@code voice}
 * @param attempt the attempt number, starting at 1
 * @param work where the provider writes its files before the result is stored
 */
public record GenerationRequest(UUID taskUuid, UUID itemUuid, MediaKind kind, String prompt, String model,
		Map<String, Object> params, int attempt, WorkFiles work) {

	public GenerationRequest {
		params = Map.copyOf(params);
	}

	public int intParam(String name, int defaultValue) {
		return (this.params.get(name) instanceof Number number) ? number.intValue() : defaultValue;
	}

	public String stringParam(String name, String defaultValue) {
		return (this.params.get(name) instanceof String text) ? text : defaultValue;
	}

}
