package dev.atenea.generation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.atenea.system.AuditLog;
import dev.atenea.system.AuditLog.Actor;
import dev.atenea.system.Page;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every user's tasks, for staff: search, detail, retry and cancel. Retry and cancel go
 * through the same paths as a user's own generate and cancel, so the task's conditional
 * updates and the item's lock keep them from doing anything twice; each is audited.
 */
@Service
public class TaskAdministration {

	private final GenerationTaskRepository tasks;

	private final TaskAttemptRepository attempts;

	private final ItemRepository items;

	private final QueueService queue;

	private final TaskService taskService;

	private final AuditLog audit;

	TaskAdministration(GenerationTaskRepository tasks, TaskAttemptRepository attempts, ItemRepository items,
			QueueService queue, TaskService taskService, AuditLog audit) {
		this.tasks = tasks;
		this.attempts = attempts;
		this.items = items;
		this.queue = queue;
		this.taskService = taskService;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public Page<TaskRow> search(TaskSearch search, int offset, int limit) {
		return new Page<>(this.tasks.count(search), this.tasks.search(search, offset, limit));
	}

	@Transactional(readOnly = true)
	public Optional<Detail> find(UUID uuid) {
		TaskSearch byUuid = new TaskSearch(uuid, null, null, null, null, null, null);
		return this.tasks.search(byUuid, 0, 1)
			.stream()
			.findFirst()
			.map((row) -> new Detail(row, this.attempts.findForTask(uuid),
					this.items.find(row.task().kind(), row.task().itemUuid()).orElse(null)));
	}

	/**
	 * Queues a new generation of a failed task's item, for its owner, at the task's
	 * priority. The failed task stays as it was: finished tasks never change state.
	 * @return the new task
	 * @throws TaskConflictException when the task has not failed, or its item already has
	 * a task queued or running
	 */
	@Transactional
	public GenerationTask retry(UUID uuid, Actor actor) {
		GenerationTask failed = this.tasks.find(uuid).orElseThrow(() -> new TaskNotFoundException(uuid));
		if (failed.status() != TaskStatus.FAILED) {
			throw new TaskConflictException(
					"Only failed tasks can be retried; this one is " + failed.status().value() + ".");
		}
		Item item = this.items.find(failed.kind(), failed.itemUuid())
			.orElseThrow(() -> new TaskConflictException("The task's item no longer exists."));
		QueueService.Enqueued enqueued = this.queue.enqueueGeneration(item, failed.userId(), failed.taskType(),
				failed.priority());
		if (!enqueued.created()) {
			throw new TaskConflictException(
					"The item already has a " + enqueued.task().status().value() + " task: " + enqueued.task().uuid());
		}
		this.audit.record(actor, "retry", "task", uuid, "new task " + enqueued.task().uuid());
		return enqueued.task();
	}

	/**
	 * Cancels a queued or running task of any user.
	 * @throws TaskConflictException when it has already finished
	 */
	@Transactional
	public GenerationTask cancel(UUID uuid, Actor actor) {
		GenerationTask task = this.tasks.find(uuid).orElseThrow(() -> new TaskNotFoundException(uuid));
		this.taskService.cancel(task, "staff member " + actor.name());
		this.audit.record(actor, "cancel", "task", uuid, "was " + task.status().value());
		return this.tasks.find(uuid).orElseThrow();
	}

	/**
	 * A task with its owner, attempts and item (null if the item is gone).
	 */
	public record Detail(TaskRow row, List<TaskAttempt> attempts, Item item) {
	}

}
