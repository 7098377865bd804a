package dev.atenea.generation;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.atenea.queue.Backoff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How tasks run, retry, poll and recover.
 *
 * @param maxRetries attempts allowed after the first (so {@code 3} means four in all)
 * @param retryBackoffInitial the wait after the first failed attempt
 * @param retryBackoffMultiplier how much each wait grows over the one before
 * @param retryBackoffMax the longest wait between attempts
 * @param retryJitter the fraction, 0 to 1, by which a wait is spread at random
 * @param pollDeadline how long an asynchronous provider may take before the task fails
 * @param pollIntervals per provider name, a wait between polls that overrides the
 * provider's own
 * @param housekeepingInterval how often the sweep that sends lost messages again runs
 * @param recoveryGrace how long an unfinished task must sit untouched before the sweep
 * may send its message again, so a message being published right now is not doubled
 */
@Validated
@ConfigurationProperties("atenea.generation")
public record GenerationProperties(@DefaultValue("3") @Min(0) @Max(20) int maxRetries,
		@DefaultValue("10s") Duration retryBackoffInitial,
		@DefaultValue("2") @DecimalMin("1") double retryBackoffMultiplier,
		@DefaultValue("10m") Duration retryBackoffMax,
		@DefaultValue("0.2") @DecimalMin("0") @DecimalMax("1") double retryJitter,
		@DefaultValue("30m") Duration pollDeadline, Map<String, Duration> pollIntervals,
		@DefaultValue("30s") Duration housekeepingInterval, @DefaultValue("30s") Duration recoveryGrace) {

	public GenerationProperties {
		pollIntervals = (pollIntervals != null) ? Map.copyOf(pollIntervals) : Map.of();
	}

	public Backoff backoff() {
		return new Backoff(this.retryBackoffInitial, this.retryBackoffMultiplier, this.retryBackoffMax,
				this.retryJitter);
	}

}
