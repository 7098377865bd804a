package dev.atenea.queue;

import java.util.List;

/**
 * Where workers announce themselves, so an operator can see who serves which queues.
 */
public interface WorkerRegistry {

	/**
	 * Records that the worker is alive, with what it holds now.
	 */
	void heartbeat(WorkerInfo worker);

	void remove(String workerId);

	/**
	 * Workers whose last heartbeat is recent enough to count as alive.
	 */
	List<WorkerInfo> liveWorkers();

}
