package dev.atenea.generation;

import java.util.Optional;
import java.util.UUID;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.ProviderRegistry;
import dev.atenea.queue.Message;
import dev.atenea.queue.MessageHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs one attempt of a task, in the spirit of {@code generate_video_task(task_uuid,
 * video_uuid, user_id)}: claims the attempt, calls the provider, and settles the task
 * with what it answered.
 */
@Component
class GenerateHandler implements MessageHandler {

	private static final Logger logger = LoggerFactory.getLogger(GenerateHandler.class);

	private final GenerationTaskRepository tasks;

	private final ItemRepository items;

	private final ProviderRegistry providers;

	private final ProviderCalls calls;

	private final TaskLifecycle lifecycle;

	GenerateHandler(GenerationTaskRepository tasks, ItemRepository items, ProviderRegistry providers,
			ProviderCalls calls, TaskLifecycle lifecycle) {
		this.tasks = tasks;
		this.items = items;
		this.providers = providers;
		this.calls = calls;
		this.lifecycle = lifecycle;
	}

	@Override
	public String messageName() {
		return GenerationMessages.GENERATE;
	}

	@Override
	public void handle(Message message) throws Exception {
		UUID taskUuid = GenerationMessages.taskOf(message);
		int attempt = GenerationMessages.attemptOf(message);
		Optional<GenerationTask> found = this.tasks.find(taskUuid);
		if (found.isEmpty() || !this.lifecycle.startAttempt(found.get(), attempt)) {
			logger.debug("Skipping {}: task {} is not waiting for attempt {}", message, taskUuid, attempt);
			return;
		}
		GenerationTask task = found.get();
		Item item = this.items.find(task.kind(), task.itemUuid()).orElseThrow();
		Optional<GenerationProvider> provider = this.providers.find(item.kind(), item.provider());
		if (provider.isEmpty()) {
			this.lifecycle.failGivenUp(task, item, "Provider " + item.provider() + " is not available here.");
			return;
		}
		run(task, item, attempt, provider.get());
	}

	private void run(GenerationTask task, Item item, int attempt, GenerationProvider provider) throws Exception {
		logger.debug("Starting attempt {} of task {}", attempt, task.uuid());
		GenerationRequest request = this.calls.requestFor(task, item, attempt);
		try {
			ProviderCalls.Result result = this.calls.call(provider, () -> provider.generate(request));
			this.lifecycle.settle(task, item, attempt, null, provider, result.outcome(), result.cause());
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

}
