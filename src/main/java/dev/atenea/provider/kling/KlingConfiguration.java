package dev.atenea.provider.kling;

import java.time.Clock;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.remote.RemoteProviderProperties;
import dev.atenea.provider.remote.ResilientProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KlingConfiguration {

	@Bean
	GenerationProvider klingProvider(RemoteProviderProperties properties, Clock clock) {
		return new ResilientProvider(new KlingProvider(properties.kling(), clock), properties.kling());
	}

}
