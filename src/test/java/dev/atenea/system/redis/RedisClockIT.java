package dev.atenea.system.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.atenea.support.PrivateRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisClockIT {

	/** Far below the half-second error a resync in the stall below would make. */
	private static final long TOLERANCE_MILLIS = 100;

	private final PrivateRedis redis = new PrivateRedis(
			Path.of("target", "redis-clock-it-" + UUID.randomUUID().toString().substring(0, 8)));

	private final RedisClient client = RedisClient.create(this.redis.url());

	private final StatefulRedisConnection<String, String> clockConnection = this.client.connect();

	private final StatefulRedisConnection<String, String> probe = this.client.connect();

	@AfterEach
	void stop() throws InterruptedException {
		this.clockConnection.close();
		this.probe.close();
		this.client.shutdown();
		this.redis.close();
	}

	@Test
	void aResyncThatMeetsAStalledRedisKeepsTheOffsetItHad() throws Exception {
		try (RedisClock clock = new RedisClock(this.clockConnection.sync())) {
			assertThat(errorMillis(clock)).as("right after start").isLessThan(TOLERANCE_MILLIS);

			Thread freezer = Thread.ofPlatform().start(() -> {
				try {
					this.redis.freeze(Duration.ofSeconds(2));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			Thread.sleep(200);
			clock.resync();
			freezer.join();

			assertThat(errorMillis(clock)).as("after a resync whose TIME waited out the stall")
				.isLessThan(TOLERANCE_MILLIS);
		}
	}

	/**
	 * How far the clock is from Redis's own time, read between two readings of the clock.
	 */
	private long errorMillis(RedisClock clock) {
		Instant before = clock.instant();
		List<String> time = this.probe.sync().time();
		Instant after = clock.instant();
		Instant redisTime = Instant.ofEpochSecond(Long.parseLong(time.get(0)), Long.parseLong(time.get(1)) * 1_000L);
		Instant middle = before.plus(Duration.between(before, after).dividedBy(2));
		return Math.abs(Duration.between(middle, redisTime).toMillis());
	}

}
