package dev.atenea.generation;

import java.time.Instant;
import java.util.UUID;

import dev.atenea.provider.MediaKind;

/**
 * One request to generate an item, run in one or more attempts.
 *
 * @param taskId the id of the broker message that runs the task's next step
 * @param attempts attempts started so far
 * @param maxRetries attempts allowed after the first
 * @param nextAttemptAt when a task waiting for a retry is due
 * @param operationId the provider's handle of asynchronous work in progress
 * @param polls polls of that work so far
 * @param pollDeadline when polling gives up
 * @param progress 0 to 100, as the provider reports it
 */
public record GenerationTask(long id, UUID uuid, String taskId, long userId, TaskType taskType, String queue,
		int priority, UUID itemUuid, String provider, TaskStatus status, int attempts, int maxRetries, String error,
		Instant nextAttemptAt, String operationId, int polls, Instant pollDeadline, int progress, Instant createdAt,
		Instant startedAt, Instant finishedAt, Instant updatedAt) {

	public MediaKind kind() {
		return this.taskType.kind();
	}

	public boolean isWaitingOnProvider() {
		return this.status == TaskStatus.PROCESSING && this.operationId != null;
	}

}
