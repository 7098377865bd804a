package dev.atenea.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.atenea.generation.GenerationTask;

/**
 * A task as the API shows it. {@code metadata} holds what the task is waiting for: the
 * {@code eta} of its next attempt, or the provider operation it polls.
 */
record TaskView(UUID uuid, String taskId, String status, String taskType, String queue, int priority, UUID itemUuid,
		int attempts, int maxRetries, String error, Map<String, Object> metadata, Instant createdAt, Instant startedAt,
		Instant finishedAt) {

	static TaskView of(GenerationTask task) {
		return new TaskView(task.uuid(), task.taskId(), task.status().value(), task.taskType().value(), task.queue(),
				task.priority(), task.itemUuid(), task.attempts(), task.maxRetries(), task.error(), metadata(task),
				task.createdAt(), task.startedAt(), task.finishedAt());
	}

	private static Map<String, Object> metadata(GenerationTask task) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("provider", task.provider());
		metadata.put("progress", task.progress());
		if (task.nextAttemptAt() != null) {
			metadata.put("eta", task.nextAttemptAt());
		}
		if (task.operationId() != null) {
			metadata.put("operation_id", task.operationId());
			metadata.put("polls", task.polls());
			metadata.put("poll_deadline", task.pollDeadline());
		}
		return metadata;
	}

}
