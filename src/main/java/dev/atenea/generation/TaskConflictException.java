package dev.atenea.generation;

/**
 * The task is in a state that does not allow what was asked, e.g. cancelling a finished
 * task.
 */
public class TaskConflictException extends RuntimeException {

	public TaskConflictException(String message) {
		super(message);
	}

}
