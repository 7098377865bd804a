package dev.atenea.generation;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.ProviderRegistry;
import dev.atenea.queue.Message;
import dev.atenea.queue.MessageHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Checks on a provider's asynchronous work: each poll completes the task, fails it, or
 * schedules the next poll. A poll that cannot reach the provider is not an attempt lost:
 * the next poll tries again, until the deadline.
 */
@Component
class PollHandler implements MessageHandler {

	private static final Logger logger = LoggerFactory.getLogger(PollHandler.class);

	private final GenerationTaskRepository tasks;

	private final ItemRepository items;

	private final ProviderRegistry providers;

	private final ProviderCalls calls;

	private final TaskLifecycle lifecycle;

	private final Clock clock;

	PollHandler(GenerationTaskRepository tasks, ItemRepository items, ProviderRegistry providers, ProviderCalls calls,
			TaskLifecycle lifecycle, Clock clock) {
		this.tasks = tasks;
		this.items = items;
		this.providers = providers;
		this.calls = calls;
		this.lifecycle = lifecycle;
		this.clock = clock;
	}

	@Override
	public String messageName() {
		return GenerationMessages.POLL;
	}

	@Override
	public void handle(Message message) throws Exception {
		UUID taskUuid = GenerationMessages.taskOf(message);
		int attempt = GenerationMessages.attemptOf(message);
		int poll = GenerationMessages.pollOf(message);
		Optional<GenerationTask> found = this.tasks.find(taskUuid).filter((t) -> isAt(t, attempt, poll));
		if (found.isEmpty()) {
			logger.debug("Skipping {}: task {} is not at attempt {} poll {}", message, taskUuid, attempt, poll);
			return;
		}
		GenerationTask task = found.get();
		Item item = this.items.find(task.kind(), task.itemUuid()).orElseThrow();
		GenerationProvider provider = this.providers.find(item.kind(), item.provider()).orElse(null);
		if (provider == null) {
			this.lifecycle.failGivenUp(task, item, "Provider " + item.provider() + " is not available here.");
			return;
		}
		if (this.clock.instant().isAfter(task.pollDeadline())) {
			this.lifecycle.settle(task, item, attempt, poll, provider, ProviderOutcome.Failed
				.permanently("The provider did not finish by " + task.pollDeadline() + "; gave up waiting."), null);
			return;
		}
		poll(task, item, attempt, poll, provider);
	}

	private void poll(GenerationTask task, Item item, int attempt, int poll, GenerationProvider provider)
			throws Exception {
		GenerationRequest request = this.calls.requestFor(task, item, attempt);
		try {
			ProviderCalls.Result result = this.calls.call(provider, () -> provider.poll(task.operationId(), request));
			ProviderOutcome outcome = result.outcome();
			if (result.cause() != null && outcome instanceof ProviderOutcome.Failed failed && failed.retryable()) {
				logger.warn("Poll {} of task {} could not reach {}: {}; polling again", poll, task.uuid(),
						provider.name(), failed.reason());
				outcome = new ProviderOutcome.Pending(task.operationId(), task.progress());
			}
			if (outcome instanceof ProviderOutcome.Deferred deferred) {
				logger.debug("Poll {} of task {} held back: {}; polling again", poll, task.uuid(), deferred.reason());
				outcome = new ProviderOutcome.Pending(task.operationId(), task.progress());
			}
			this.lifecycle.settle(task, item, attempt, poll, provider, outcome, result.cause());
		}
		finally {
			this.calls.cleanUp(request);
		}
	}

	@Override
	public void onDeadLetter(Message message, String reason) {
		UUID taskUuid = GenerationMessages.taskOf(message);
		this.tasks.find(taskUuid)
			.ifPresent((task) -> this.lifecycle.failGivenUp(task,
					this.items.find(task.kind(), task.itemUuid()).orElse(null), "Gave up: " + reason));
	}

	private static boolean isAt(GenerationTask task, int attempt, int poll) {
		return task.isWaitingOnProvider() && task.attempts() == attempt && task.polls() == poll;
	}

}
