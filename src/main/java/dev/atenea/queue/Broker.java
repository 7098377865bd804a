package dev.atenea.queue;

import java.time.Duration;
import java.util.List;

/**
 * Named, prioritised queues of {@link Message messages} with delayed delivery and leases:
 * the port that the in-process broker and the Redis broker implement.
 *
 * <p>
 * Delivery is at least once. A claimed message is leased to one worker; the worker
 * acknowledges it when done, renews the lease while it works, or releases it. A message
 * whose lease expires is delivered again. Due times and lease expiry are computed on the
 * broker's own clock, never the caller's, so machines with skewed clocks agree.
 */
public interface Broker {

	/**
	 * Puts a message in its queue, to run once {@code delay} has passed. Publishing an id
	 * that is still live does nothing, so a publish may safely be repeated.
	 */
	void publish(Message message, Duration delay);

	/**
	 * Publishes many messages, each as {@link #publish} would, in as few round trips as
	 * the broker allows: for enqueueing in bulk.
	 */
	default void publishAll(List<Message> messages, Duration delay) {
		for (Message message : messages) {
			publish(message, delay);
		}
	}

	/**
	 * Takes up to {@code max} messages from the given queues, waiting up to {@code wait}
	 * for the first. Among waiting messages of a queue the highest priority comes first,
	 * then the oldest; queues are served in turn so none starves.
	 * @return the deliveries, each leased for {@code lease}; empty when none came in time
	 */
	List<Delivery> claim(List<String> queues, int max, Duration lease, Duration wait) throws InterruptedException;

	/**
	 * Extends a lease while its worker is still working.
	 * @return false when the lease was lost: it expired and the message went to another
	 * worker, or the message is gone
	 */
	boolean renewLease(Delivery delivery, Duration lease);

	/**
	 * Removes a delivered message for good: its work is done or no longer needed. A
	 * broker may send the removal without waiting for it to land; until it does, the
	 * message stays leased, and if it never lands the lease lapses and the message is
	 * delivered again, as after a crash. Later calls of the same broker see it done.
	 */
	void acknowledge(Delivery delivery);

	/**
	 * Acknowledges a finished delivery and takes up to {@code max} ready messages of its
	 * queue, without waiting: the step a worker's slot makes from one message to the
	 * next. A broker that can do both in one call saves the worker a round trip per
	 * message.
	 * @return the deliveries, each leased for {@code lease}; empty when the queue has
	 * none ready
	 */
	default List<Delivery> acknowledgeAndClaim(Delivery finished, int max, Duration lease) {
		acknowledge(finished);
		try {
			return claim(List.of(finished.message().queue()), max, lease, Duration.ZERO);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return List.of();
		}
	}

	/**
	 * Gives a delivered message back, to run again after {@code delay}. Does nothing when
	 * the lease was already lost.
	 */
	void release(Delivery delivery, Duration delay);

	/**
	 * Moves a delivered message to its queue's dead letters, where it is kept for an
	 * operator and never delivered again.
	 */
	void deadLetter(Delivery delivery, String reason);

	/**
	 * Whether a message with this id is waiting, scheduled or leased in the queue.
	 */
	boolean isLive(String queue, String messageId);

	QueueDepth depth(String queue);

	/**
	 * Whether messages outlive this process. When they do not, every message of a task
	 * last touched before the broker started is known to be lost.
	 */
	default boolean keepsMessagesAcrossRestarts() {
		return true;
	}

}
