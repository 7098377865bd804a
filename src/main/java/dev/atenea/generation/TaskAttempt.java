package dev.atenea.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One run of a task, as its history shows it.
 *
 * @param outcome {@code completed}, {@code retried}, {@code failed} or {@code cancelled};
 * {@code null} while it runs
 * @param error why it did not complete, or {@code null}
 */
public record TaskAttempt(UUID taskUuid, int attempt, Instant startedAt, Instant finishedAt, String outcome,
		String error) {

	/**
	 * How long the attempt ran, or {@code null} while it runs.
	 */
	public Duration duration() {
		return (this.finishedAt != null) ? Duration.between(this.startedAt, this.finishedAt) : null;
	}

}
