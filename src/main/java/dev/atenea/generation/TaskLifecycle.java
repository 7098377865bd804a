package dev.atenea.generation;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import dev.atenea.notification.NotificationService;
import dev.atenea.notification.NotificationService.TaskUpdate;
import dev.atenea.notification.NotificationType;
import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.queue.Broker;
import dev.atenea.queue.Message;
import dev.atenea.storage.MediaStore;
import dev.atenea.storage.StoredMedia;
import dev.atenea.system.AfterCommit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves a task through its states once a provider has answered: completed, waiting on the
 * provider, queued for a retry, or failed.
 *
 * <p>
 * Each move is one short transaction: a conditional update of the task that only the
 * current attempt can win, then the item, the notification and the push. The next message
 * is published after the commit. A loser (a duplicate delivery, a stale message, a
 * cancelled task) changes nothing and notifies nobody. No transaction is held while a
 * provider or the media store works.
 */
@Component
class TaskLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(TaskLifecycle.class);

	private static final int MAX_ERROR_LENGTH = 1000;

	private final GenerationTaskRepository tasks;

	private final TaskAttemptRepository attempts;

	private final ItemRepository items;

	private final NotificationService notifications;

	private final Broker broker;

	private final MediaStore mediaStore;

	private final GenerationProperties properties;

	private final TransactionTemplate transaction;

	private final TaskMetrics metrics;

	private final Clock clock;

	TaskLifecycle(GenerationTaskRepository tasks, TaskAttemptRepository attempts, ItemRepository items,
			NotificationService notifications, Broker broker, MediaStore mediaStore, GenerationProperties properties,
			TransactionTemplate transaction, TaskMetrics metrics, Clock clock) {
		this.tasks = tasks;
		this.attempts = attempts;
		this.items = items;
		this.notifications = notifications;
		this.broker = broker;
		this.mediaStore = mediaStore;
		this.properties = properties;
		this.transaction = transaction;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Marks the attempt started, unless the message is stale.
	 * @return whether this message may run the attempt
	 */
	boolean startAttempt(GenerationTask task, int attempt) {
		boolean won = inTransaction(() -> {
			if (!this.tasks.startAttempt(task.uuid(), attempt, now())) {
				return false;
			}
			this.attempts.started(task.uuid(), attempt, now());
			this.items.updateStatus(task.kind(), task.itemUuid(), ItemStatus.PROCESSING, null, now());
			pushUpdate(task, TaskStatus.PROCESSING, 0);
			return true;
		});
		if (won) {
			logger.info("Task {} started: attempt {} of {}, {} {} with {}", task.uuid(), attempt, task.maxRetries() + 1,
					task.kind().singular(), task.itemUuid(), task.provider());
			this.metrics.started(task);
		}
		return won;
	}

	/**
	 * Acts on what the provider answered to a generation ({@code poll} null) or a poll.
	 * @param cause the exception behind a failed outcome, for the log, or null
	 */
	void settle(GenerationTask task, Item item, int attempt, Integer poll, GenerationProvider provider,
			ProviderOutcome outcome, Throwable cause) {
		switch (outcome) {
			case ProviderOutcome.Completed completed -> complete(task, item, attempt, completed.media());
			case ProviderOutcome.Pending pending when poll == null -> awaitOperation(task, attempt, provider, pending);
			case ProviderOutcome.Pending pending -> nextPoll(task, attempt, poll, provider, pending);
			case ProviderOutcome.Deferred deferred when poll == null -> defer(task, item, attempt, deferred);
			case ProviderOutcome.Deferred deferred -> nextPoll(task, attempt, poll, provider,
					new ProviderOutcome.Pending(task.operationId(), task.progress()));
			case ProviderOutcome.Failed failed when failed.retryable() && attempt <= task.maxRetries() ->
				retry(task, item, attempt, failed, cause);
			case ProviderOutcome.Failed failed -> fail(task, item, attempt, failed.reason(), cause);
		}
	}

	/**
	 * Fails the task whatever attempt it is at, for a message the broker gave up on.
	 */
	void failGivenUp(GenerationTask task, Item item, String reason) {
		boolean won = inTransaction(() -> {
			if (!this.tasks.failUnfinished(task.uuid(), reason, now())) {
				return false;
			}
			this.attempts.finishedOpen(task.uuid(), "failed", reason, now());
			recordFailure(task, item, reason);
			return true;
		});
		if (won) {
			this.metrics.failed(task, sinceCreated(task));
			logger.error("Task {} failed for good: {}", task.uuid(), reason);
		}
	}

	private void complete(GenerationTask task, Item item, int attempt, GeneratedMedia media) {
		StoredMedia stored;
		try {
			stored = this.mediaStore.store(mediaKey(task, item, media), media.file(), media.contentType());
		}
		catch (IOException | RuntimeException ex) {
			settle(task, item, attempt, null, null,
					ProviderOutcome.Failed.transiently("The result could not be stored; it will be made again."), ex);
			return;
		}
		boolean won = inTransaction(() -> {
			if (!this.tasks.complete(task.uuid(), attempt, now())) {
				return false;
			}
			this.attempts.finished(task.uuid(), attempt, "completed", null, now());
			this.items.markCompleted(task.kind(), task.itemUuid(), stored, now());
			this.notifications.notify(task.userId(), NotificationType.GENERATION_COMPLETED,
					"Your " + task.kind().singular() + " is ready", "\"" + item.title() + "\" is ready.",
					actionUrl(item), task.uuid());
			pushUpdate(task, TaskStatus.COMPLETED, 100);
			return true;
		});
		if (won) {
			this.metrics.completed(task, sinceCreated(task));
			logger.info("Task {} completed on attempt {} in {} ({} bytes)", task.uuid(), attempt, sinceCreated(task),
					stored.size());
		}
		else {
			logger.debug("Task {} attempt {} finished, but the task had moved on; result discarded", task.uuid(),
					attempt);
		}
	}

	private void awaitOperation(GenerationTask task, int attempt, GenerationProvider provider,
			ProviderOutcome.Pending pending) {
		String messageId = Message.newId();
		Instant deadline = now().plus(this.properties.pollDeadline());
		boolean won = inTransaction(() -> {
			if (!this.tasks.awaitOperation(task.uuid(), attempt, pending.operationId(), deadline, messageId,
					pending.progress(), now())) {
				return false;
			}
			pushUpdate(task, TaskStatus.PROCESSING, pending.progress());
			AfterCommit
				.run(() -> publish(GenerationMessages.poll(messageId, task, attempt, 0), pollInterval(provider)));
			return true;
		});
		if (won) {
			logger.info("Task {} waits on {} operation {}; polling every {} until {}", task.uuid(), provider.name(),
					pending.operationId(), pollInterval(provider), deadline);
		}
	}

	private void nextPoll(GenerationTask task, int attempt, int poll, GenerationProvider provider,
			ProviderOutcome.Pending pending) {
		String messageId = Message.newId();
		inTransaction(() -> {
			if (!this.tasks.advancePoll(task.uuid(), attempt, poll, pending.progress(), messageId, now())) {
				return false;
			}
			if (pending.progress() != task.progress()) {
				pushUpdate(task, TaskStatus.PROCESSING, pending.progress());
			}
			AfterCommit.run(
					() -> publish(GenerationMessages.poll(messageId, task, attempt, poll + 1), pollInterval(provider)));
			return true;
		});
	}

	private void retry(GenerationTask task, Item item, int attempt, ProviderOutcome.Failed failed, Throwable cause) {
		Duration delay = this.properties.backoff().delayAfter(attempt, ThreadLocalRandom.current());
		if (failed.retryAfter() != null && failed.retryAfter().compareTo(delay) > 0) {
			delay = failed.retryAfter();
		}
		Duration wait = delay;
		String messageId = Message.newId();
		String reason = capped(failed.reason());
		boolean won = inTransaction(() -> {
			if (!this.tasks.scheduleRetry(task.uuid(), attempt, reason, now().plus(wait), messageId, now())) {
				return false;
			}
			this.attempts.finished(task.uuid(), attempt, "retried", reason, now());
			this.items.updateStatus(task.kind(), task.itemUuid(), ItemStatus.QUEUED, reason, now());
			pushUpdate(task, TaskStatus.QUEUED, 0);
			AfterCommit.run(() -> publish(GenerationMessages.generate(messageId, task, attempt + 1), wait));
			return true;
		});
		if (won) {
			this.metrics.retried(task);
			logger.warn("Task {} attempt {} of {} failed: {}; retrying in {}", task.uuid(), attempt,
					task.maxRetries() + 1, reason, wait, cause);
		}
	}

	/**
	 * Puts the attempt back in the queue as if it had not started, because the call was
	 * held back before it reached the provider (an open circuit breaker, a full
	 * concurrency or rate limit). An outage then delays tasks instead of using up their
	 * retries; the calls the breaker lets through to probe the provider still count.
	 */
	private void defer(GenerationTask task, Item item, int attempt, ProviderOutcome.Deferred deferred) {
		Duration wait = (deferred.retryAfter() != null) ? deferred.retryAfter() : this.properties.retryBackoffInitial();
		String messageId = Message.newId();
		String reason = capped(deferred.reason());
		boolean won = inTransaction(() -> {
			if (!this.tasks.deferAttempt(task.uuid(), attempt, reason, now().plus(wait), messageId, now())) {
				return false;
			}
			this.items.updateStatus(task.kind(), task.itemUuid(), ItemStatus.QUEUED, reason, now());
			pushUpdate(task, TaskStatus.QUEUED, 0);
			AfterCommit.run(() -> publish(GenerationMessages.generate(messageId, task, attempt), wait));
			return true;
		});
		if (won) {
			logger.info("Task {} attempt {} held back: {}; trying again in {}", task.uuid(), attempt, reason, wait);
		}
	}

	private void fail(GenerationTask task, Item item, int attempt, String reason, Throwable cause) {
		String error = capped(reason);
		boolean won = inTransaction(() -> {
			if (!this.tasks.fail(task.uuid(), attempt, error, now())) {
				return false;
			}
			this.attempts.finished(task.uuid(), attempt, "failed", error, now());
			recordFailure(task, item, error);
			return true;
		});
		if (won) {
			this.metrics.failed(task, sinceCreated(task));
			logger.error("Task {} failed for good on attempt {} of {}: {}", task.uuid(), attempt, task.maxRetries() + 1,
					error, cause);
		}
	}

	private void recordFailure(GenerationTask task, Item item, String error) {
		this.items.updateStatus(task.kind(), task.itemUuid(), ItemStatus.FAILED, error, now());
		String title = (item != null) ? item.title() : task.kind().singular();
		this.notifications.notify(task.userId(), NotificationType.GENERATION_FAILED,
				"Your " + task.kind().singular() + " failed", "\"" + title + "\" could not be generated: " + error,
				(item != null) ? actionUrl(item) : null, task.uuid());
		pushUpdate(task, TaskStatus.FAILED, task.progress());
	}

	private void pushUpdate(GenerationTask task, TaskStatus status, int progress) {
		this.notifications.pushTaskUpdate(task.userId(),
				new TaskUpdate(task.uuid(), task.itemUuid(), status.value(), progress));
	}

	private void publish(Message message, Duration delay) {
		try {
			this.broker.publish(message, delay);
		}
		catch (RuntimeException ex) {
			// the task row is committed, so the sweep recovers it: one line, no stack
			// trace
			logger.warn("Could not publish {}; the housekeeping sweep will send it again: {}", message, ex.toString());
		}
	}

	private Duration pollInterval(GenerationProvider provider) {
		return this.properties.pollIntervals().getOrDefault(provider.name(), provider.pollInterval());
	}

	private boolean inTransaction(Supplier<Boolean> work) {
		return Boolean.TRUE.equals(this.transaction.execute((status) -> work.get()));
	}

	private Duration sinceCreated(GenerationTask task) {
		return Duration.between(task.createdAt(), now());
	}

	private Instant now() {
		return this.clock.instant();
	}

	static String actionUrl(Item item) {
		return "/" + item.kind().plural() + "/" + item.uuid();
	}

	private static String mediaKey(GenerationTask task, Item item, GeneratedMedia media) {
		return item.kind().plural() + "/" + item.uuid() + "/" + task.uuid() + "." + media.extension();
	}

	private static String capped(String text) {
		if (text == null || text.isBlank()) {
			return "The provider gave no reason.";
		}
		return (text.length() > MAX_ERROR_LENGTH) ? text.substring(0, MAX_ERROR_LENGTH - 1) + "…" : text;
	}

}
