package dev.atenea.provider.freepik;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.remote.RemoteProviderProperties;
import dev.atenea.provider.remote.ResilientProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FreepikConfiguration {

	@Bean
	GenerationProvider freepikProvider(RemoteProviderProperties properties) {
		return new ResilientProvider(new FreepikProvider(properties.freepik()), properties.freepik());
	}

}
