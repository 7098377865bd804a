package dev.atenea.provider.google;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.remote.RemoteProviderProperties;
import dev.atenea.provider.remote.ResilientProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Veo and Gemini images share one Gemini API key but not their limits: each has its own
 * concurrency limit, rate limiter and circuit breaker, so a Veo outage does not pause
 * images.
 */
@Configuration(proxyBeanMethods = false)
class GeminiConfiguration {

	@Bean
	GenerationProvider veoProvider(RemoteProviderProperties properties) {
		return new ResilientProvider(new VeoProvider(properties.gemini()), properties.gemini());
	}

	@Bean
	GenerationProvider geminiImageProvider(RemoteProviderProperties properties) {
		return new ResilientProvider(new GeminiImageProvider(new GeminiApi("Google Gemini", properties.gemini())),
				properties.gemini());
	}

}
