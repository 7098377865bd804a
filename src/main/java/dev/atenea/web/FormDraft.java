package dev.atenea.web;

import java.util.HashMap;
import java.util.Map;

import dev.atenea.generation.ItemDraft;
import dev.atenea.provider.MediaKind;

import org.springframework.util.MultiValueMap;

/**
 * Reads an item creation form, where every value arrives as text.
 */
final class FormDraft {

	private FormDraft() {
	}

	/**
	 * Reads the form; a number field that holds something else is left out and named in
	 * {@code errors}.
	 */
	static ItemDraft read(MediaKind kind, MultiValueMap<String, String> form, Map<String, String> errors) {
		Map<String, Object> params = new HashMap<>();
		switch (kind) {
			case VIDEO -> {
				putNumber(params, form, "duration_seconds", errors);
				putText(params, form, "aspect_ratio");
			}
			case IMAGE -> {
				putNumber(params, form, "width", errors);
				putNumber(params, form, "height", errors);
			}
			case AUDIO -> putText(params, form, "voice");
		}
		String prompt = form.getFirst((kind == MediaKind.AUDIO) ? "text" : "prompt");
		return new ItemDraft(form.getFirst("title"), prompt, form.getFirst("provider"), form.getFirst("model"), params);
	}

	private static void putText(Map<String, Object> params, MultiValueMap<String, String> form, String name) {
		String value = form.getFirst(name);
		if (value != null && !value.isBlank()) {
			params.put(name, value.strip());
		}
	}

	private static void putNumber(Map<String, Object> params, MultiValueMap<String, String> form, String name,
			Map<String, String> errors) {
		String value = form.getFirst(name);
		if (value == null || value.isBlank()) {
			return;
		}
		try {
			params.put(name, Integer.valueOf(value.strip()));
		}
		catch (NumberFormatException ex) {
			errors.put(name, "Must be a whole number.");
		}
	}

}
