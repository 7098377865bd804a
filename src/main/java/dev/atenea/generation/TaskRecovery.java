package dev.atenea.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.atenea.queue.Broker;
import dev.atenea.queue.Message;
import dev.atenea.queue.Queues;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The sweep that makes the database the source of truth: every unfinished task whose
 * message the broker no longer holds gets a new one. This is what lets a task survive a
 * restart of the in-process broker, a Redis flush, or a publish that failed after its
 * transaction committed.
 *
 * <p>
 * The message sent again is rebuilt from the task row: a {@code queued} task gets the
 * generate message of its next attempt, due at its {@code eta}; a task waiting on a
 * provider gets its next poll; a {@code processing} task whose worker vanished gets its
 * current attempt again. The task is pointed at the new message by a conditional update,
 * so a task that moved on meanwhile is left alone.
 */
@Component
class TaskRecovery {

	private static final Logger logger = LoggerFactory.getLogger(TaskRecovery.class);

	private static final int BATCH = 500;

	private final GenerationTaskRepository tasks;

	private final Broker broker;

	private final GenerationProperties properties;

	private final Clock clock;

	private final Instant startedAt;

	TaskRecovery(GenerationTaskRepository tasks, Broker broker, GenerationProperties properties, Clock clock) {
		this.tasks = tasks;
		this.broker = broker;
		this.properties = properties;
		this.clock = clock;
		this.startedAt = clock.instant();
	}

	/**
	 * Sends again the messages of unfinished tasks that the broker lost.
	 * @return how many were sent
	 */
	int resendLostMessages() {
		Instant now = this.clock.instant();
		List<GenerationTask> candidates = this.tasks.findUnfinishedUntouchedSince(cutoff(now), BATCH);
		int resent = 0;
		for (GenerationTask task : candidates) {
			if (!this.broker.isLive(queueOfCurrentMessage(task), task.taskId()) && resend(task, now)) {
				resent++;
			}
		}
		if (resent > 0) {
			logger.warn("Sent again the lost messages of {} unfinished tasks", resent);
		}
		return resent;
	}

	/**
	 * Tasks untouched since the cutoff are candidates. The grace keeps the sweep away
	 * from a message being published right now; a broker that lost everything when this
	 * process started needs no grace for tasks from before that.
	 */
	private Instant cutoff(Instant now) {
		Instant afterGrace = now.minus(this.properties.recoveryGrace());
		if (!this.broker.keepsMessagesAcrossRestarts() && this.startedAt.isAfter(afterGrace)) {
			return this.startedAt;
		}
		return afterGrace;
	}

	private static String queueOfCurrentMessage(GenerationTask task) {
		return task.isWaitingOnProvider() ? Queues.POLLING_TASKS : task.queue();
	}

	private boolean resend(GenerationTask task, Instant now) {
		String messageId = Message.newId();
		if (!this.tasks.replaceMessage(task, messageId, now)) {
			return false;
		}
		Message message;
		Duration delay = Duration.ZERO;
		if (task.isWaitingOnProvider()) {
			message = GenerationMessages.poll(messageId, task, task.attempts(), task.polls());
		}
		else if (task.status() == TaskStatus.QUEUED) {
			message = GenerationMessages.generate(messageId, task, task.attempts() + 1);
			if (task.nextAttemptAt() != null && task.nextAttemptAt().isAfter(now)) {
				delay = Duration.between(now, task.nextAttemptAt());
			}
		}
		else {
			message = GenerationMessages.generate(messageId, task, task.attempts());
		}
		logger.info("Task {} ({}, attempt {}) had no message in the broker; sent {}", task.uuid(),
				task.status().value(), task.attempts(), message);
		this.broker.publish(message, delay);
		return true;
	}

}
