package dev.atenea.provider.elevenlabs;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.remote.RemoteProviderProperties;
import dev.atenea.provider.remote.ResilientProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ElevenLabsConfiguration {

	@Bean
	GenerationProvider elevenLabsProvider(RemoteProviderProperties properties) {
		return new ResilientProvider(new ElevenLabsProvider(properties.elevenlabs()), properties.elevenlabs());
	}

}
