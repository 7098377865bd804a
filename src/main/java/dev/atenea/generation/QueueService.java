package dev.atenea.generation;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import dev.atenea.notification.NotificationService;
import dev.atenea.notification.NotificationService.TaskUpdate;
import dev.atenea.provider.MediaKind;
import dev.atenea.queue.Broker;
import dev.atenea.queue.Message;
import dev.atenea.system.AfterCommit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns "generate this item" into a queued task and a message on its queue.
 */
@Service
public class QueueService {

	private static final Logger logger = LoggerFactory.getLogger(QueueService.class);

	private final ItemRepository items;

	private final GenerationTaskRepository tasks;

	private final Broker broker;

	private final NotificationService notifications;

	private final GenerationProperties properties;

	private final TaskMetrics metrics;

	private final Clock clock;

	QueueService(ItemRepository items, GenerationTaskRepository tasks, Broker broker, NotificationService notifications,
			GenerationProperties properties, TaskMetrics metrics, Clock clock) {
		this.items = items;
		this.tasks = tasks;
		this.broker = broker;
		this.notifications = notifications;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Queues a generation of the item. In one transaction the task is created
	 * {@code queued} and the item marked {@code queued}; the message goes to the task
	 * type's queue after the commit, under the id already recorded in the task's
	 * {@code task_id}. If the broker is unreachable then, the housekeeping sweep sends it
	 * later.
	 *
	 * <p>
	 * The item's row is locked first, so of two requests at once the second waits and
	 * then finds the first one's task: while a task of the item is queued or processing,
	 * that task is returned and nothing new is queued.
	 * @throws ItemNotFoundException when the user has no such item
	 */
	@Transactional
	public Enqueued enqueueGeneration(Item item, long userId, TaskType taskType, int priority) {
		return enqueue(item.kind(), item.uuid(), userId, taskType, priority);
	}

	/**
	 * Queues a generation of the user's item known only by its uuid, as
	 * {@link #enqueueGeneration(Item, long, TaskType, int)} does; the item is read once,
	 * under its lock.
	 * @throws ItemNotFoundException when the user has no such item
	 */
	@Transactional
	public Enqueued enqueueGeneration(MediaKind kind, UUID itemUuid, long userId, int priority) {
		return enqueue(kind, itemUuid, userId, TaskType.of(kind), priority);
	}

	private Enqueued enqueue(MediaKind kind, UUID itemUuid, long userId, TaskType taskType, int priority) {
		Item locked = this.items.lockOwned(kind, itemUuid, userId)
			.orElseThrow(() -> new ItemNotFoundException(kind, itemUuid));
		var active = this.tasks.findActiveForItem(locked.uuid());
		if (active.isPresent()) {
			return new Enqueued(active.get(), false);
		}
		String messageId = Message.newId();
		GenerationTask task = this.tasks.insert(UUID.randomUUID(), messageId, locked, taskType,
				Math.clamp(priority, Message.MIN_PRIORITY, Message.MAX_PRIORITY), this.properties.maxRetries(),
				this.clock.instant());
		this.items.updateStatus(locked.kind(), locked.uuid(), ItemStatus.QUEUED, null, this.clock.instant());
		this.notifications.pushTaskUpdate(userId,
				new TaskUpdate(task.uuid(), locked.uuid(), TaskStatus.QUEUED.value(), 0));
		AfterCommit.run(() -> {
			this.metrics.enqueued(task);
			publish(GenerationMessages.generate(messageId, task, 1));
		});
		logger.info("Queued task {} for {} {} on {} at priority {}", task.uuid(), locked.kind().singular(),
				locked.uuid(), task.queue(), task.priority());
		return new Enqueued(task, true);
	}

	private void publish(Message message) {
		try {
			this.broker.publish(message, Duration.ZERO);
		}
		catch (RuntimeException ex) {
			// the task row is committed, so the sweep recovers it: one line, no stack
			// trace
			logger.warn("Could not publish {}; the housekeeping sweep will send it again: {}", message, ex.toString());
		}
	}

	/**
	 * The task that runs the generation.
	 *
	 * @param created false when an active task already existed and was returned instead
	 */
	public record Enqueued(GenerationTask task, boolean created) {
	}

}
