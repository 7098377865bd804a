package dev.atenea.generation;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.atenea.queue.Message;
import dev.atenea.queue.Queues;

import org.slf4j.MDC;

/**
 * The messages that drive a task. Each names the task and the attempt it is for (and a
 * poll, the poll number), so a handler can tell a current message from a stale one.
 */
final class GenerationMessages {

	/** Runs one attempt of a task. */
	static final String GENERATE = "generate";

	/** Checks on a provider's asynchronous work. */
	static final String POLL = "poll";

	/** Sends lost messages again and tidies up. */
	static final String HOUSEKEEPING = "housekeeping";

	private GenerationMessages() {
	}

	static Message generate(String messageId, GenerationTask task, int attempt) {
		return new Message(messageId, task.queue(), GENERATE, task.priority(), args(task, attempt, null));
	}

	static Message poll(String messageId, GenerationTask task, int attempt, int poll) {
		return new Message(messageId, Queues.POLLING_TASKS, POLL, task.priority(), args(task, attempt, poll));
	}

	static UUID taskOf(Message message) {
		return UUID.fromString(message.arg("task"));
	}

	static int attemptOf(Message message) {
		return Integer.parseInt(message.arg("attempt"));
	}

	static int pollOf(Message message) {
		return Integer.parseInt(message.arg("poll"));
	}

	private static Map<String, String> args(GenerationTask task, int attempt, Integer poll) {
		Map<String, String> args = new HashMap<>();
		args.put("task", task.uuid().toString());
		args.put("attempt", Integer.toString(attempt));
		args.put("provider", task.provider());
		if (poll != null) {
			args.put("poll", Integer.toString(poll));
		}
		String requestId = MDC.get("request_id");
		if (requestId != null) {
			args.put("request_id", requestId);
		}
		return args;
	}

}
