package dev.atenea.queue;

import java.time.Duration;

/**
 * Named locks held by one process at a time across every process sharing the broker, for
 * periodic work that must not run twice at once.
 */
public interface Locks {

	/**
	 * Runs the work if no process holds the lock, holding it meanwhile. The lock lapses
	 * after {@code ttl} even if its holder dies, so it must be longer than the work.
	 * @return whether the work ran
	 */
	boolean runExclusively(String name, Duration ttl, Runnable work);

}
