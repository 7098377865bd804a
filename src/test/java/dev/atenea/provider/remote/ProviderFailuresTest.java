package dev.atenea.provider.remote;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.atenea.provider.ProviderException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderFailuresTest {

	private static final ServiceProperties PROPERTIES = new ServiceProperties("sk-live-secret-value", null, null, null,
			Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(), List.of(), 1, 1,
			Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1), 50, 1, 1, Duration.ofSeconds(1));

	private final ProviderFailures failures = new ProviderFailures("Acme", PROPERTIES,
			Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void rateLimitsTimeoutsAndServerErrorsAreRetryableTheRestFinal() {
		for (int status : new int[] { 408, 409, 425, 429, 500, 502, 503, 504 }) {
			assertThat(this.failures.forStatus(status, null, null).isRetryable()).as("%d", status).isTrue();
		}
		for (int status : new int[] { 400, 401, 402, 403, 404, 422, 418 }) {
			assertThat(this.failures.forStatus(status, null, null).isRetryable()).as("%d", status).isFalse();
		}
		assertThat(this.failures.unreachable(new HttpTimeoutException("timed out")).isRetryable()).isTrue();
		assertThat(this.failures.unreachable(new ConnectException("refused")).getMessage())
			.contains("could not connect");
	}

	@Test
	void retryAfterIsReadAsSecondsMillisecondsOrADateAndCapped() {
		assertThat(this.failures.retryAfter(Optional.of("7"), Optional.empty())).isEqualTo(Duration.ofSeconds(7));
		assertThat(this.failures.retryAfter(Optional.of("7"), Optional.of("1500"))).isEqualTo(Duration.ofMillis(1500));
		assertThat(this.failures.retryAfter(Optional.of("Thu, 01 Jan 2026 00:00:30 GMT"), Optional.empty()))
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(this.failures.retryAfter(Optional.of("999999"), Optional.empty())).isEqualTo(Duration.ofHours(1));
		assertThat(this.failures.retryAfter(Optional.of("soon"), Optional.empty())).isNull();
		assertThat(this.failures.retryAfter(Optional.empty(), Optional.empty())).isNull();
	}

	@Test
	void theRetryAfterTravelsWithTheFailure() {
		ProviderException throttled = this.failures.forStatus(429, Duration.ofSeconds(3), "slow down");

		assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void theProvidersWordsAreCleanedOfKeysAndCapped() {
		ProviderException rejected = this.failures.forStatus(400, null,
				"Bad key sk-live-secret-value\nin request " + "x".repeat(1000));

		assertThat(rejected.getMessage()).doesNotContain("sk-live-secret-value")
			.contains("[redacted]")
			.doesNotContain("\n")
			.hasSizeLessThan(ProviderFailures.MAX_DETAIL_LENGTH + 120);
		assertThat(this.failures.forStatus(401, null, "key sk-live-secret-value is wrong").getMessage())
			.doesNotContain("sk-live-secret-value");
		assertThat(PROPERTIES.toString()).doesNotContain("sk-live-secret-value");
	}

	@Test
	void keysEchoedInAnotherCaseTruncatedOrQuotedAreCleanedToo() {
		String message = this.failures
			.forStatus(400, null, "key SK-LIVE-SECRET-VALUE, or 'sk-live-secret-v...' (ends in ret-value) is wrong")
			.getMessage();

		assertThat(message.toLowerCase()).doesNotContain("secret-v").doesNotContain("ret-value");
		assertThat(message).contains("is wrong");
	}

}
