package dev.atenea.notification;

import java.time.Clock;

import dev.atenea.system.redis.OnRedis;
import dev.atenea.system.redis.RedisKeys;
import dev.atenea.system.redis.RedisProperties;
import dev.atenea.system.redis.WithoutRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChannelLayerConfiguration {

	@Bean
	@WithoutRedis
	ChannelLayer inProcessChannelLayer() {
		return new InProcessChannelLayer();
	}

	@Bean
	@OnRedis
	ChannelLayer redisChannelLayer(RedisClient client, ClientResources resources, RedisProperties properties,
			RedisKeys keys, Clock clock) {
		return new RedisChannelLayer(client, resources, properties.url(), keys, clock);
	}

}
