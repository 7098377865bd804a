package dev.atenea.generation;

import java.util.Map;

/**
 * What a user asks for when creating an item, before it is checked against the provider.
 *
 * @param title optional; derived from the prompt when blank
 * @param prompt the prompt, or for audio the text to speak
 * @param provider optional; {@code local} when blank
 * @param model optional; the provider's default when blank
 * @param params kind-specific options, e.g. {@code duration_seconds} or {@code voice}
 */
public record ItemDraft(String title, String prompt, String provider, String model, Map<String, Object> params) {

	public ItemDraft {
		params = Map.copyOf(params);
	}

}
