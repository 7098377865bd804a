package dev.atenea.system.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Redis client, its shared connection and the Redis clock, when {@code REDIS_URL} is
 * set.
 *
 * <p>
 * Connections reconnect by themselves when Redis goes away and comes back; while it is
 * away, commands fail at once instead of piling up, so callers (a worker's fetch loop, a
 * publish after commit) see the failure, back off, and carry on without a restart.
 */
@Configuration(proxyBeanMethods = false)
@OnRedis
class RedisConfiguration {

	static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

	/**
	 * Threads and timers of every Redis client in the process. Lettuce's default backs
	 * reconnects off for up to 30 s, so a process could stay cut off that long after
	 * Redis came back (events lost, housekeeping failing); here at most one second.
	 */
	@Bean(destroyMethod = "shutdown")
	ClientResources redisClientResources() {
		return DefaultClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
			.build();
	}

	@Bean(destroyMethod = "shutdown")
	RedisClient redisClient(ClientResources resources, RedisProperties properties) {
		RedisClient client = RedisClient.create(resources, RedisURI.create(properties.url()));
		client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
			.build());
		return client;
	}

	/**
	 * The connection every component shares for non-blocking commands; Lettuce pipelines
	 * commands from many threads over it.
	 */
	@Bean(destroyMethod = "close")
	StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
		return client.connect();
	}

	@Bean(destroyMethod = "close")
	Clock redisClock(StatefulRedisConnection<String, String> connection) {
		return new RedisClock(connection.sync());
	}

	@Bean
	RedisKeys redisKeys(RedisProperties properties) {
		return new RedisKeys(properties.keyPrefix());
	}

}
