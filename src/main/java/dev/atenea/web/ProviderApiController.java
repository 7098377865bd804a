package dev.atenea.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderRegistry;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/providers}: for each kind ({@code videos}, {@code images},
 * {@code audio}), the providers available here with the models and options each accepts,
 * so forms offer only what will be accepted.
 */
@RestController
class ProviderApiController {

	private final ProviderRegistry providers;

	ProviderApiController(ProviderRegistry providers) {
		this.providers = providers;
	}

	@GetMapping(path = "/api/providers", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> providers() {
		Map<String, Object> byKind = new LinkedHashMap<>();
		for (MediaKind kind : MediaKind.values()) {
			byKind.put(kind.plural(), this.providers.descriptors(kind));
		}
		return byKind;
	}

}
