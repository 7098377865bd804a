package dev.atenea.notification;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel layer of the embedded default: events reach this process's connections
 * only.
 */
public class InProcessChannelLayer implements ChannelLayer {

	private static final Logger logger = LoggerFactory.getLogger(InProcessChannelLayer.class);

	private final List<Consumer<UserEvent>> listeners = new CopyOnWriteArrayList<>();

	@Override
	public void publish(UserEvent event) {
		for (Consumer<UserEvent> listener : this.listeners) {
			try {
				listener.accept(event);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener failed on an event for user {}", event.userId(), ex);
			}
		}
	}

	@Override
	public void subscribe(Consumer<UserEvent> listener) {
		this.listeners.add(listener);
	}

}
