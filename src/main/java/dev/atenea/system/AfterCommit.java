package dev.atenea.system;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs side effects that others may observe (a broker message, a WebSocket push) only
 * once the database change they announce is committed, so nobody acts on a row that could
 * still roll back.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	/**
	 * Runs the action after the current transaction commits, or at once when there is
	 * none. The action does not run if the transaction rolls back.
	 */
	public static void run(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

}
