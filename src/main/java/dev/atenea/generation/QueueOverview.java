package dev.atenea.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.atenea.queue.Broker;
import dev.atenea.queue.QueueDepth;
import dev.atenea.queue.Queues;
import dev.atenea.queue.WorkerInfo;
import dev.atenea.queue.WorkerRegistry;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the queues hold and who serves them: waiting, scheduled and running messages from
 * the broker, finished tasks from the database, live workers from the registry. Staff see
 * every queue as the broker holds it; a user sees the same counts made of their own tasks
 * only.
 */
@Service
public class QueueOverview {

	/** The span of the throughput and failure charts. */
	public static final Duration HISTORY = Duration.ofHours(1);

	private static final int MINUTES = (int) HISTORY.toMinutes();

	private final Broker broker;

	private final WorkerRegistry workers;

	private final GenerationTaskRepository tasks;

	private final Clock clock;

	QueueOverview(Broker broker, WorkerRegistry workers, GenerationTaskRepository tasks, Clock clock) {
		this.broker = broker;
		this.workers = workers;
		this.tasks = tasks;
		this.clock = clock;
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

	/**
	 * The counts of {@link #queues()} made of one user's tasks, from the database: a
	 * user's share of the broker is not kept apart.
	 */
	@Transactional(readOnly = true)
	public List<QueueCounts> queuesOf(long userId) {
		Map<String, Map<String, Long>> counts = this.tasks.countByQueueAndState(userId, this.clock.instant());
		return Queues.ALL.stream().map((queue) -> {
			Map<String, Long> states = counts.getOrDefault(queue, Map.of());
			return new QueueCounts(queue, states.getOrDefault("queued", 0L), states.getOrDefault("scheduled", 0L),
					states.getOrDefault("processing", 0L), states.getOrDefault("failed", 0L),
					states.getOrDefault("completed", 0L), 0);
		}).toList();
	}

	/**
	 * Completed, failed and retried per minute over the last {@link #HISTORY}, oldest
	 * first, with a zero for every quiet minute.
	 * @param userId one user's tasks, or null for everyone's
	 */
	@Transactional(readOnly = true)
	public List<MinuteCounts> lastHour(Long userId) {
		Instant now = this.clock.instant();
		long lastMinute = now.getEpochSecond() / 60;
		long firstMinute = lastMinute - MINUTES + 1;
		Instant since = Instant.ofEpochSecond(firstMinute * 60);
		Map<Long, Map<String, Long>> finished = this.tasks.countFinishedPerMinute(since, userId);
		Map<Long, Map<String, Long>> retried = this.tasks.countRetriesPerMinute(since, userId);
		List<MinuteCounts> minutes = new ArrayList<>(MINUTES);
		for (long minute = firstMinute; minute <= lastMinute; minute++) {
			Map<String, Long> done = finished.getOrDefault(minute, Map.of());
			minutes.add(new MinuteCounts(Instant.ofEpochSecond(minute * 60), done.getOrDefault("completed", 0L),
					done.getOrDefault("failed", 0L),
					retried.getOrDefault(minute, Map.of()).getOrDefault("retried", 0L)));
		}
		return minutes;
	}

	/**
	 * The newest tasks, with their owners' names.
	 * @param userId one user's tasks, or null for everyone's
	 */
	@Transactional(readOnly = true)
	public List<TaskRow> recentTasks(Long userId, int limit) {
		return this.tasks.search((userId != null) ? TaskSearch.ofUser(userId) : TaskSearch.ALL, 0, limit);
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

	/**
	 * What finished in one minute.
	 *
	 * @param retried attempts that failed and were retried
	 */
	public record MinuteCounts(Instant minute, long completed, long failed, long retried) {
	}

}
