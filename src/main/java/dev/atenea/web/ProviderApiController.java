package dev.atenea.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.atenea.generation.ItemService;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderRegistry;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/providers}: the providers available now, by kind, with their models and
 * options, so a client offers only what works. A remote provider is listed once its
 * credentials are configured; {@code local} always is.
 */
@RestController
class ProviderApiController {

	private final ProviderRegistry providers;

	ProviderApiController(ProviderRegistry providers) {
		this.providers = providers;
	}

	@GetMapping("/api/providers")
	Map<String, Object> providers() {
		Map<String, Object> byKind = new LinkedHashMap<>();
		for (MediaKind kind : MediaKind.values()) {
			byKind.put(kind.singular(), this.providers.descriptors(kind).stream().map(this::view).toList());
		}
		return byKind;
	}

	private Map<String, Object> view(ProviderDescriptor descriptor) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("name", descriptor.name());
		view.put("models", descriptor.models());
		view.put("default_model", descriptor.defaultModel());
		view.put("options", options(descriptor));
		view.put("defaults", descriptor.defaults());
		return view;
	}

	/**
	 * The choices each option of the kind accepts: a list of values, or for image sides a
	 * range.
	 */
	private static Map<String, Object> options(ProviderDescriptor descriptor) {
		return switch (descriptor.kind()) {
			case VIDEO ->
				Map.of("duration_seconds", descriptor.durationsSeconds(), "aspect_ratio", descriptor.aspectRatios());
			case IMAGE -> Map.of("width", side(descriptor), "height", side(descriptor));
			case AUDIO -> Map.of("voice", descriptor.voices());
		};
	}

	private static Map<String, Integer> side(ProviderDescriptor descriptor) {
		return Map.of("min", ItemService.MIN_SIDE, "max", descriptor.maxSide());
	}

}
