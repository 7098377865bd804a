package dev.atenea.generation;

import java.util.UUID;

/**
 * The user has no task with that uuid. Someone else's task is not found either.
 */
public class TaskNotFoundException extends RuntimeException {

	public TaskNotFoundException(UUID uuid) {
		super("No task " + uuid);
	}

}
