package dev.atenea.system;

import java.time.Clock;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan("dev.atenea")
class SystemConfiguration {

	/**
	 * The one clock every component reads, so tests can step time instead of sleeping.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
