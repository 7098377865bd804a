package dev.atenea.queue.memory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.atenea.queue.Locks;

/**
 * Locks of the embedded default, where one process is all there is.
 */
public class InMemoryLocks implements Locks {

	private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

	@Override
	public boolean runExclusively(String name, Duration ttl, Runnable work) {
		ReentrantLock lock = this.locks.computeIfAbsent(name, (n) -> new ReentrantLock());
		if (!lock.tryLock()) {
			return false;
		}
		try {
			work.run();
			return true;
		}
		finally {
			lock.unlock();
		}
	}

}
