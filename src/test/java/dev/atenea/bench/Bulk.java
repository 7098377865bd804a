package dev.atenea.bench;

import java.time.Duration;
import java.util.List;

import dev.atenea.queue.Broker;
import dev.atenea.queue.Message;

/**
 * Publishes many messages at once through the broker.
 */
final class Bulk {

	private Bulk() {
	}

	static void publish(Broker broker, List<Message> messages) {
		broker.publishAll(messages, Duration.ZERO);
	}

}
