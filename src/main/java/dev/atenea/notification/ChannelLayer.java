package dev.atenea.notification;

import java.util.function.Consumer;

/**
 * Carries {@link UserEvent user events} from whichever process produced them to every web
 * node that may hold a connection of that user: the port of the in-process and the Redis
 * channel layers.
 */
public interface ChannelLayer {

	/**
	 * Sends the event to every subscriber on every node. Delivery is best effort: an
	 * event published while a node is unreachable is not replayed; the unread count a
	 * connection gets on connect makes up for it.
	 */
	void publish(UserEvent event);

	/**
	 * Registers a listener for events published anywhere, this node included.
	 */
	void subscribe(Consumer<UserEvent> listener);

}
