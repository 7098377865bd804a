package dev.atenea.generation;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import dev.atenea.notification.NotificationService;
import dev.atenea.notification.NotificationService.TaskUpdate;
import dev.atenea.system.Page;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading and cancelling a user's tasks.
 */
@Service
public class TaskService {

	private static final Logger logger = LoggerFactory.getLogger(TaskService.class);

	private static final int HISTORY_TASKS = 20;

	private final GenerationTaskRepository tasks;

	private final TaskAttemptRepository attempts;

	private final ItemRepository items;

	private final NotificationService notifications;

	private final Clock clock;

	TaskService(GenerationTaskRepository tasks, TaskAttemptRepository attempts, ItemRepository items,
			NotificationService notifications, Clock clock) {
		this.tasks = tasks;
		this.attempts = attempts;
		this.items = items;
		this.notifications = notifications;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public GenerationTask findOwned(long userId, UUID uuid) {
		return this.tasks.findOwned(uuid, userId).orElseThrow(() -> new TaskNotFoundException(uuid));
	}

	@Transactional(readOnly = true)
	public Page<GenerationTask> findNewest(long userId, TaskFilter filter, int offset, int limit) {
		return new Page<>(this.tasks.countOwned(filter, userId),
				this.tasks.findNewestOwned(filter, userId, offset, limit));
	}

	/**
	 * The tasks that generated one of the user's items, newest first, each with its
	 * attempts.
	 */
	@Transactional(readOnly = true)
	public List<TaskHistory> findHistory(long userId, UUID itemUuid) {
		return this.tasks.findForItem(itemUuid, userId, HISTORY_TASKS)
			.stream()
			.map((task) -> new TaskHistory(task, this.attempts.findForTask(task.uuid())))
			.toList();
	}

	/**
	 * Cancels a queued or processing task. Its message is left in the broker and skipped
	 * when it comes up; an attempt already running finishes but its result is discarded.
	 * The item goes back to what it was before: completed if it has an earlier result,
	 * failed if the generation before failed, draft otherwise.
	 * @throws TaskConflictException when the task has already finished
	 */
	@Transactional
	public GenerationTask cancel(long userId, UUID uuid) {
		cancel(findOwned(userId, uuid), "its owner");
		return findOwned(userId, uuid);
	}

	/**
	 * Cancels any user's task, for staff; the caller runs the transaction.
	 */
	void cancel(GenerationTask task, String by) {
		if (!this.tasks.cancel(task.uuid(), this.clock.instant())) {
			throw new TaskConflictException("The task is already " + task.status().value() + ".");
		}
		this.attempts.finishedOpen(task.uuid(), "cancelled", null, this.clock.instant());
		this.items.find(task.kind(), task.itemUuid()).ifPresent(this::restoreOutcomeBefore);
		this.notifications.pushTaskUpdate(task.userId(),
				new TaskUpdate(task.uuid(), task.itemUuid(), TaskStatus.CANCELLED.value(), task.progress()));
		logger.info("Task {} cancelled by {}", task.uuid(), by);
	}

	/**
	 * Puts a cancelled generation's item back as it was: completed when it has an earlier
	 * result, failed (with that failure's reason) when the generation before failed,
	 * draft otherwise.
	 */
	private void restoreOutcomeBefore(Item item) {
		if (item.hasOutput()) {
			this.items.updateStatus(item.kind(), item.uuid(), ItemStatus.COMPLETED, null, this.clock.instant());
			return;
		}
		GenerationTask last = this.tasks.findLastOutcomeForItem(item.uuid()).orElse(null);
		if (last != null && last.status() == TaskStatus.FAILED) {
			this.items.updateStatus(item.kind(), item.uuid(), ItemStatus.FAILED, last.error(), this.clock.instant());
			return;
		}
		this.items.updateStatus(item.kind(), item.uuid(), ItemStatus.DRAFT, null, this.clock.instant());
	}

	/**
	 * A task and its attempts.
	 */
	public record TaskHistory(GenerationTask task, List<TaskAttempt> attempts) {
	}

}
