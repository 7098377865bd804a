package dev.atenea.provider.openai;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.remote.RemoteProviderProperties;
import dev.atenea.provider.remote.ResilientProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SoraConfiguration {

	@Bean
	GenerationProvider soraProvider(RemoteProviderProperties properties) {
		return new ResilientProvider(new SoraProvider(properties.openai()), properties.openai());
	}

}
