package dev.atenea.queue.redis;

import dev.atenea.queue.Broker;
import dev.atenea.queue.Locks;
import dev.atenea.queue.WorkerRegistry;
import dev.atenea.system.redis.OnRedis;
import dev.atenea.system.redis.RedisKeys;
import dev.atenea.system.redis.RedisProperties;
import io.lettuce.core.api.StatefulRedisConnection;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@OnRedis
class RedisQueueConfiguration {

	@Bean
	Broker redisBroker(RedisProperties properties, RedisKeys keys, JsonMapper json) {
		return new RedisBroker(properties.url(), properties.commandTimeout(), keys, json);
	}

	@Bean
	Locks redisLocks(StatefulRedisConnection<String, String> connection, RedisKeys keys) {
		return new RedisLocks(connection, keys);
	}

	@Bean
	WorkerRegistry redisWorkerRegistry(StatefulRedisConnection<String, String> connection, RedisKeys keys,
			JsonMapper json) {
		return new RedisWorkerRegistry(connection, keys, json);
	}

}
