package dev.atenea.queue;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTest {

	private static final RandomGenerator MIDDLE = new FixedRandom(0.5);

	@Test
	void growsExponentiallyFromTheInitialWait() {
		Backoff backoff = new Backoff(Duration.ofSeconds(10), 2, Duration.ofMinutes(10), 0);

		assertThat(backoff.delayAfter(1, MIDDLE)).isEqualTo(Duration.ofSeconds(10));
		assertThat(backoff.delayAfter(2, MIDDLE)).isEqualTo(Duration.ofSeconds(20));
		assertThat(backoff.delayAfter(3, MIDDLE)).isEqualTo(Duration.ofSeconds(40));
	}

	@Test
	void neverWaitsLongerThanTheMaximum() {
		Backoff backoff = new Backoff(Duration.ofSeconds(10), 2, Duration.ofSeconds(30), 0.5);

		for (int attempt = 1; attempt < 40; attempt++) {
			assertThat(backoff.delayAfter(attempt, new FixedRandom(0.999))).isLessThanOrEqualTo(Duration.ofSeconds(30));
		}
	}

	@Test
	void jitterSpreadsWaitsWithinItsFraction() {
		Backoff backoff = new Backoff(Duration.ofSeconds(10), 2, Duration.ofMinutes(10), 0.2);
		Random random = new Random(42);

		for (int i = 0; i < 1000; i++) {
			assertThat(backoff.delayAfter(1, random)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
		}
		assertThat(backoff.delayAfter(1, new FixedRandom(0.0))).isEqualTo(Duration.ofSeconds(8));
		assertThat(backoff.delayAfter(1, new FixedRandom(0.999999))).isGreaterThan(Duration.ofMillis(11_990));
	}

	@Test
	void waitsGrowFromOneAttemptToTheNextWhateverTheJitter() {
		Backoff backoff = new Backoff(Duration.ofMillis(200), 3, Duration.ofMinutes(1), 0.2);

		Duration longestFirst = backoff.delayAfter(1, new FixedRandom(0.999999));
		Duration shortestSecond = backoff.delayAfter(2, new FixedRandom(0.0));

		assertThat(shortestSecond).isGreaterThan(longestFirst);
	}

	@Test
	void refusesNonsense() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(10), 0.5, Duration.ofMinutes(1), 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(10), 2, Duration.ofSeconds(1), 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(10), 2, Duration.ofMinutes(1), 1.5));
	}

	private record FixedRandom(double value) implements RandomGenerator {

		@Override
		public long nextLong() {
			return 0;
		}

		@Override
		public double nextDouble() {
			return this.value;
		}

	}

}
