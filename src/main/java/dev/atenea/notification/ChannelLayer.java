package dev.atenea.notification;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Carries {@link UserEvent user events} from whichever process produced them to every web
 * node that may hold a connection of that user: the port of the in-process and the Redis
 * channel layers.
 */
public interface ChannelLayer {

	/**
	 * Sends the event to every subscriber on every node. An event published while a node
	 * is cut off does not reach it; {@link #whenResumed} tells the node from when.
	 */
	void publish(UserEvent event);

	/**
	 * Registers a listener for events published anywhere, this node included.
	 */
	void subscribe(Consumer<UserEvent> listener);

	/**
	 * Registers a listener told when this node hears events again after it was cut off,
	 * with the moment (on the shared clock) the gap began: events published since may
	 * never have reached it. It runs on the layer's I/O thread, so it hands anything slow
	 * to another. A layer that cannot be cut off never calls it.
	 */
	default void whenResumed(Consumer<Instant> listener) {
	}

}
