package dev.atenea.system;

import java.time.Clock;

import dev.atenea.system.redis.WithoutRedis;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan("dev.atenea")
class SystemConfiguration {

	/**
	 * The one clock every component reads, so tests can step time instead of sleeping.
	 * With Redis, its time is the clock instead (see {@code RedisClock}).
	 */
	@Bean
	@WithoutRedis
	Clock clock() {
		return Clock.systemUTC();
	}

}
