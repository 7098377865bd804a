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
 * every {@link #RESYNC_INTERVAL}, halving the round trip. A measurement is only as good
 * as its round trip is short (the error is up to half of it), so each takes the shortest
 * of a few samples, and a resync whose best sample is slow (Redis stalled, the machine
 * overloaded) keeps the offset it has unless that one was measured worse. If Redis is
 * unreachable the last offset is kept.
 */
public final class RedisClock extends Clock implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisClock.class);

	static final Duration RESYNC_INTERVAL = Duration.ofSeconds(30);

	private final RedisCommands<String, String> redis;

	private final ScheduledExecutorService resync;

	/** Samples per measurement at most; the first with a trusted round trip ends it. */
	private static final int SAMPLES = 3;

	/** A round trip short enough to trust: the offset is then right within half of it. */
	static final Duration TRUSTED_ROUND_TRIP = Duration.ofMillis(20);

	private volatile Offset offset;

	public RedisClock(RedisCommands<String, String> redis) {
		this.redis = redis;
		this.offset = measure();
		this.resync = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("atenea-redis-clock").daemon(true).factory());
		this.resync.scheduleWithFixedDelay(this::resync, RESYNC_INTERVAL.toMillis(), RESYNC_INTERVAL.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public Instant instant() {
		Offset current = this.offset;
		return Instant.ofEpochSecond(0, current.epochNanos() + (System.nanoTime() - current.nanoTime()));
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

	/**
	 * Measures the offset again and keeps it if it can be trusted.
	 */
	void resync() {
		try {
			Offset measured = measure();
			if (measured.roundTripNanos() <= TRUSTED_ROUND_TRIP.toNanos()
					|| measured.roundTripNanos() <= this.offset.roundTripNanos()) {
				this.offset = measured;
			}
			else {
				logger.debug("Redis's time took {} ms to read; keeping the last offset",
						measured.roundTripNanos() / 1_000_000);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read Redis's time; keeping the last offset: {}", ex.toString());
		}
	}

	private Offset measure() {
		Offset best = null;
		for (int i = 0; i < SAMPLES && (best == null || best.roundTripNanos() > TRUSTED_ROUND_TRIP.toNanos()); i++) {
			long before = System.nanoTime();
			List<String> time = this.redis.time();
			long after = System.nanoTime();
			long redisNanos = Long.parseLong(time.get(0)) * 1_000_000_000L + Long.parseLong(time.get(1)) * 1_000L;
			Offset sample = new Offset(redisNanos, before + (after - before) / 2, after - before);
			if (best == null || sample.roundTripNanos() < best.roundTripNanos()) {
				best = sample;
			}
		}
		return best;
	}

	/**
	 * Redis's time at a moment of this machine's monotonic clock, read in one go so a
	 * resync never pairs one measurement's time with another's moment.
	 */
	private record Offset(long epochNanos, long nanoTime, long roundTripNanos) {
	}

}
