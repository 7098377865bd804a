package dev.atenea.queue;

import java.util.Map;
import java.util.UUID;

/**
 * A broker entry that says "run this step": a named handler, its arguments and where it
 * waits. Messages are small; the database row they point at holds the state.
 *
 * @param id unique id, chosen by the publisher so it can be recorded before publishing
 * @param queue the queue it waits in
 * @param name which {@link MessageHandler} runs it
 * @param priority 0 to 9; a higher number runs first among waiting messages of a queue
 * @param args string arguments for the handler
 */
public record Message(String id, String queue, String name, int priority, Map<String, String> args) {

	public static final int MIN_PRIORITY = 0;

	public static final int MAX_PRIORITY = 9;

	public static final int DEFAULT_PRIORITY = 5;

	public Message {
		if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
			throw new IllegalArgumentException("priority must be 0 to 9, was " + priority);
		}
		args = Map.copyOf(args);
	}

	public static String newId() {
		return UUID.randomUUID().toString();
	}

	public String arg(String key) {
		return this.args.get(key);
	}

	@Override
	public String toString() {
		return "Message(id=" + this.id + ", queue=" + this.queue + ", name=" + this.name + ", priority=" + this.priority
				+ ")";
	}

}
