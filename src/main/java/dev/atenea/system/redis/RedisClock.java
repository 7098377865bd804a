package dev.atenea.system.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis's time, as every process sees it: the one clock that the due times of retries,
 * polls and leases, and the timestamps in the database, are read from, so machines whose
 * own clocks drift apart still agree.
 *
 * <p>
 * Reading {@code TIME} for every timestamp would cost a round trip; instead the offset
 * between Redis's time and this machine's monotonic clock is measured at start and again
 * every {@link #RESYNC_INTERVAL}, halving the round trip. If Redis is unreachable the
 * last offset is kept.
 */
public final class RedisClock extends Clock implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisClock.class);

	static final Duration RESYNC_INTERVAL = Duration.ofSeconds(30);

	private final RedisCommands<String, String> redis;

	private final ScheduledExecutorService resync;

	private volatile long baseEpochNanos;

	private volatile long baseNanoTime;

	public RedisClock(RedisCommands<String, String> redis) {
		this.redis = redis;
		sync();
		this.resync = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("atenea-redis-clock").daemon(true).factory());
		this.resync.scheduleWithFixedDelay(this::syncQuietly, RESYNC_INTERVAL.toMillis(), RESYNC_INTERVAL.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public Instant instant() {
		long epochNanos = this.baseEpochNanos + (System.nanoTime() - this.baseNanoTime);
		return Instant.ofEpochSecond(0, epochNanos);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("Atenea keeps time in UTC");
	}

	@Override
	public void close() {
		this.resync.shutdownNow();
	}

	private void sync() {
		long before = System.nanoTime();
		List<String> time = this.redis.time();
		long after = System.nanoTime();
		long redisNanos = Long.parseLong(time.get(0)) * 1_000_000_000L + Long.parseLong(time.get(1)) * 1_000L;
		this.baseNanoTime = before + (after - before) / 2;
		this.baseEpochNanos = redisNanos;
	}

	private void syncQuietly() {
		try {
			sync();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read Redis's time; keeping the last offset: {}", ex.toString());
		}
	}

}
