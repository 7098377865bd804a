package dev.atenea.queue;

/**
 * Runs messages of one {@link Message#name() name}. A worker calls it with the message's
 * context in the MDC and acknowledges the message when it returns.
 *
 * <p>
 * Handlers must be idempotent: delivery is at least once, so the same message may run
 * twice, even at the same time on two workers.
 */
public interface MessageHandler {

	String messageName();

	/**
	 * Runs the message. Returning acknowledges it; throwing gives it back to the broker
	 * to run again after a backoff, for failures of the infrastructure (the database is
	 * down) rather than of the work, which the handler settles itself.
	 */
	void handle(Message message) throws Exception;

	/**
	 * Called once when the message is given up after too many deliveries, so the state it
	 * stood for can be settled (a task marked failed).
	 */
	default void onDeadLetter(Message message, String reason) {
	}

}
