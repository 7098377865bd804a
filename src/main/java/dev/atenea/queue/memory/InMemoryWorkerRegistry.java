package dev.atenea.queue.memory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.atenea.queue.WorkerInfo;
import dev.atenea.queue.WorkerRegistry;

/**
 * The worker registry of the embedded default: only this process's worker.
 */
public class InMemoryWorkerRegistry implements WorkerRegistry {

	private final Map<String, WorkerInfo> workers = new ConcurrentHashMap<>();

	@Override
	public void heartbeat(WorkerInfo worker) {
		this.workers.put(worker.id(), worker);
	}

	@Override
	public void remove(String workerId) {
		this.workers.remove(workerId);
	}

	@Override
	public List<WorkerInfo> liveWorkers() {
		return this.workers.values().stream().sorted(Comparator.comparing(WorkerInfo::startedAt)).toList();
	}

}
