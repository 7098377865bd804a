package dev.atenea.queue;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt n waits {@code initial × multiplier^(n-1)},
 * capped at {@code max}, then spread by up to ±{@code jitter} of itself so that tasks
 * failing together do not retry together.
 *
 * @param initial the wait after the first failed attempt
 * @param multiplier how much each wait grows over the one before
 * @param max the longest wait
 * @param jitter the fraction, 0 to 1, by which a wait is spread
 */
public record Backoff(Duration initial, double multiplier, Duration max, double jitter) {

	public Backoff {
		if (initial.isNegative() || max.compareTo(initial) < 0) {
			throw new IllegalArgumentException("backoff needs 0 <= initial <= max");
		}
		if (multiplier < 1 || jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("backoff needs multiplier >= 1 and jitter in [0, 1]");
		}
	}

	/**
	 * The wait after failed attempt {@code attempt} (1 for the first).
	 */
	public Duration delayAfter(int attempt, RandomGenerator random) {
		double base = this.initial.toMillis() * Math.pow(this.multiplier, Math.max(0, attempt - 1));
		double capped = Math.min(base, this.max.toMillis());
		double spread = capped * this.jitter * (2 * random.nextDouble() - 1);
		return Duration.ofMillis(Math.round(Math.max(0, Math.min(capped + spread, this.max.toMillis()))));
	}

}
