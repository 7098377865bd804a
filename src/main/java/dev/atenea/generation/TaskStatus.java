package dev.atenea.generation;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a {@link GenerationTask} stands. A task waiting for a retry is {@code QUEUED}
 * again; one waiting on an asynchronous provider stays {@code PROCESSING}.
 */
public enum TaskStatus {

	QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED;

	/**
	 * Every allowed change, in one table. The repository's conditional updates are
	 * written to follow it.
	 */
	private static final Map<TaskStatus, Set<TaskStatus>> ALLOWED = Map.of(QUEUED,
			EnumSet.of(PROCESSING, FAILED, CANCELLED), PROCESSING,
			EnumSet.of(PROCESSING, QUEUED, COMPLETED, FAILED, CANCELLED), COMPLETED, EnumSet.noneOf(TaskStatus.class),
			FAILED, EnumSet.noneOf(TaskStatus.class), CANCELLED, EnumSet.noneOf(TaskStatus.class));

	public boolean canMoveTo(TaskStatus next) {
		return ALLOWED.get(this).contains(next);
	}

	/**
	 * Whether the task may still run: a second generate returns it instead of a new one.
	 */
	public boolean isActive() {
		return this == QUEUED || this == PROCESSING;
	}

	public String value() {
		return name().toLowerCase();
	}

	public static TaskStatus fromValue(String value) {
		return valueOf(value.toUpperCase());
	}

}
