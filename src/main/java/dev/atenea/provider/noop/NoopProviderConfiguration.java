package dev.atenea.provider.noop;

import java.util.List;
import java.util.Map;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code noop} providers, one per kind of media, for benchmarks only: they exist when
 * {@code atenea.provider.noop.enabled} is true, and never otherwise, so no user can pick
 * a provider that makes nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "atenea.provider.noop.enabled", havingValue = "true")
class NoopProviderConfiguration {

	static final String NAME = "noop";

	@Bean
	GenerationProvider noopVideoProvider() {
		return new NoopProvider(new ProviderDescriptor(NAME, MediaKind.VIDEO, List.of("noop-1"), List.of(5),
				List.of("16:9"), 0, List.of(), Map.of()));
	}

	@Bean
	GenerationProvider noopImageProvider() {
		return new NoopProvider(new ProviderDescriptor(NAME, MediaKind.IMAGE, List.of("noop-1"), List.of(), List.of(),
				2048, List.of(), Map.of("width", 512, "height", 512)));
	}

	@Bean
	GenerationProvider noopAudioProvider() {
		return new NoopProvider(new ProviderDescriptor(NAME, MediaKind.AUDIO, List.of("noop-1"), List.of(), List.of(),
				0, List.of("noop"), Map.of()));
	}

}
