package dev.atenea.generation;

import java.util.List;
import java.util.Map;

import dev.atenea.queue.Broker;
import dev.atenea.queue.QueueDepth;
import dev.atenea.queue.Queues;
import dev.atenea.queue.WorkerInfo;
import dev.atenea.queue.WorkerRegistry;

import org.springframework.stereotype.Service;

/**
 * What the queues hold and who serves them: waiting, scheduled and running messages from
 * the broker, finished tasks from the database, live workers from the registry.
 */
@Service
public class QueueOverview {

	private final Broker broker;

	private final WorkerRegistry workers;

	private final GenerationTaskRepository tasks;

	QueueOverview(Broker broker, WorkerRegistry workers, GenerationTaskRepository tasks) {
		this.broker = broker;
		this.workers = workers;
		this.tasks = tasks;
	}

	public List<QueueCounts> queues() {
		Map<String, Map<TaskStatus, Long>> finished = this.tasks.countByQueueAndStatus();
		return Queues.ALL.stream().map((queue) -> {
			QueueDepth depth = this.broker.depth(queue);
			Map<TaskStatus, Long> counts = finished.getOrDefault(queue, Map.of());
			return new QueueCounts(queue, depth.pending(), depth.scheduled(), depth.processing(),
					counts.getOrDefault(TaskStatus.FAILED, 0L), counts.getOrDefault(TaskStatus.COMPLETED, 0L),
					depth.deadLettered());
		}).toList();
	}

	public List<WorkerInfo> liveWorkers() {
		return this.workers.liveWorkers();
	}

	/**
	 * One queue's counts.
	 */
	public record QueueCounts(String name, long pending, long scheduled, long processing, long failed, long completed,
			long deadLettered) {
	}

}
