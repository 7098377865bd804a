package dev.atenea.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Broker} must do, run against each implementation. Each test uses
 * fresh queue names, so implementations backed by a shared server need no cleanup between
 * tests.
 */
public abstract class BrokerContractTest {

	protected static final Duration LEASE = Duration.ofSeconds(30);

	protected static final Duration NO_WAIT = Duration.ZERO;

	protected String queue;

	protected String otherQueue;

	/**
	 * The broker under test, on a clock the test can step with {@link #advance}.
	 */
	protected abstract Broker broker();

	/**
	 * Moves the broker's clock forward, or waits that long when it cannot be moved.
	 */
	protected abstract void advance(Duration duration) throws InterruptedException;

	@BeforeEach
	void freshQueues() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.queue = "test_" + suffix;
		this.otherQueue = "other_" + suffix;
	}

	@Test
	void deliversHigherPriorityFirstThenOldestFirst() throws Exception {
		publish("low-1", this.queue, 1);
		publish("high", this.queue, 9);
		publish("mid", this.queue, 5);
		publish("low-2", this.queue, 1);

		List<String> order = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Delivery delivery = claimOne(this.queue);
			order.add(delivery.message().id());
			broker().acknowledge(delivery);
		}

		assertThat(order).containsExactly(id("high"), id("mid"), id("low-1"), id("low-2"));
	}

	@Test
	void publishesManyAtOnceInPriorityOrderSkippingLiveIds() throws Exception {
		publish("live", this.queue, 5);

		broker().publishAll(List.of(message("low", this.queue, 1), message("high", this.queue, 9),
				message("live", this.queue, 5), message("elsewhere", this.otherQueue, 5)), NO_WAIT);

		List<String> order = broker().claim(List.of(this.queue), 10, LEASE, NO_WAIT)
			.stream()
			.map((delivery) -> delivery.message().id())
			.toList();
		assertThat(order).containsExactly(id("high"), id("live"), id("low"));
		assertThat(claimOne(this.otherQueue).message().id()).isEqualTo(id("elsewhere"));
	}

	@Test
	void holdsManyDelayedMessagesUntilTheyAreDue() throws Exception {
		broker().publishAll(List.of(message("a", this.queue, 5), message("b", this.queue, 5)), Duration.ofSeconds(2));

		assertThat(broker().claim(List.of(this.queue), 2, LEASE, NO_WAIT)).isEmpty();
		assertThat(broker().depth(this.queue).scheduled()).isEqualTo(2);

		advance(Duration.ofMillis(2100));

		assertThat(broker().claim(List.of(this.queue), 2, LEASE, Duration.ofSeconds(1))).hasSize(2);
	}

	@Test
	void claimsSeveralAtOnceUpToTheMaximum() throws Exception {
		for (int i = 0; i < 5; i++) {
			publish("m" + i, this.queue, 5);
		}

		List<Delivery> first = broker().claim(List.of(this.queue), 3, LEASE, NO_WAIT);
		List<Delivery> rest = broker().claim(List.of(this.queue), 10, LEASE, NO_WAIT);

		assertThat(first).hasSize(3);
		assertThat(rest).hasSize(2);
	}

	@Test
	void holdsADelayedMessageUntilItIsDue() throws Exception {
		broker().publish(message("later", this.queue, 5), Duration.ofSeconds(2));

		assertThat(broker().claim(List.of(this.queue), 1, LEASE, NO_WAIT)).isEmpty();
		assertThat(broker().depth(this.queue).scheduled()).isEqualTo(1);

		advance(Duration.ofMillis(2100));

		assertThat(claimOne(this.queue).message().id()).isEqualTo(id("later"));
	}

	@Test
	void deliversAgainWhenALeaseExpiresAndCountsDeliveries() throws Exception {
		publish("m", this.queue, 5);
		Delivery first = broker().claim(List.of(this.queue), 1, Duration.ofSeconds(1), NO_WAIT).get(0);
		assertThat(first.deliveryCount()).isEqualTo(1);

		advance(Duration.ofMillis(1500));
		Delivery second = claimOne(this.queue);

		assertThat(second.message().id()).isEqualTo(id("m"));
		assertThat(second.deliveryCount()).isEqualTo(2);
		assertThat(broker().renewLease(first, LEASE)).as("the first worker lost its lease").isFalse();
	}

	@Test
	void aRenewedLeaseKeepsTheMessage() throws Exception {
		publish("m", this.queue, 5);
		Delivery delivery = broker().claim(List.of(this.queue), 1, Duration.ofSeconds(1), NO_WAIT).get(0);

		advance(Duration.ofMillis(700));
		assertThat(broker().renewLease(delivery, Duration.ofSeconds(1))).isTrue();
		advance(Duration.ofMillis(700));

		assertThat(broker().claim(List.of(this.queue), 1, LEASE, NO_WAIT)).isEmpty();
		assertThat(broker().depth(this.queue).processing()).isEqualTo(1);
	}

	@Test
	void anAcknowledgedMessageIsGoneForGood() throws Exception {
		publish("m", this.queue, 5);
		Delivery delivery = claimOne(this.queue);

		broker().acknowledge(delivery);

		assertThat(broker().isLive(this.queue, delivery.message().id())).isFalse();
		assertThat(broker().depth(this.queue)).isEqualTo(new QueueDepth(0, 0, 0, 0));
	}

	@Test
	void acknowledgingAndClaimingRemovesTheFinishedMessageAndTakesTheNextOfItsQueue() throws Exception {
		publish("low", this.queue, 5);
		publish("high", this.queue, 7);
		publish("elsewhere", this.otherQueue, 9);
		Delivery first = claimOne(this.queue);

		List<Delivery> next = broker().acknowledgeAndClaim(first, 1, LEASE);

		assertThat(first.message().id()).isEqualTo(id("high"));
		assertThat(broker().isLive(this.queue, id("high"))).isFalse();
		assertThat(next).extracting((delivery) -> delivery.message().id()).containsExactly(id("low"));
		assertThat(broker().acknowledgeAndClaim(next.get(0), 1, LEASE)).isEmpty();
		assertThat(broker().depth(this.queue)).isEqualTo(new QueueDepth(0, 0, 0, 0));
		assertThat(broker().depth(this.otherQueue).pending()).isEqualTo(1);
	}

	@Test
	void acknowledgingAndClaimingWithAStaleDeliveryLeavesTheMessageToItsNewHolder() throws Exception {
		publish("m", this.queue, 5);
		Delivery stale = claimOne(this.queue);
		broker().release(stale, Duration.ZERO);
		Delivery current = claimOne(this.queue);

		assertThat(broker().acknowledgeAndClaim(stale, 1, LEASE)).isEmpty();

		assertThat(broker().isLive(this.queue, id("m"))).isTrue();
		assertThat(broker().depth(this.queue).processing()).isEqualTo(1);
		broker().acknowledge(current);
		assertThat(broker().isLive(this.queue, id("m"))).isFalse();
	}

	@Test
	void aReleasedMessageComesBackAfterItsDelay() throws Exception {
		publish("m", this.queue, 5);
		Delivery delivery = claimOne(this.queue);

		broker().release(delivery, Duration.ofSeconds(1));

		assertThat(broker().isLive(this.queue, delivery.message().id())).isTrue();
		assertThat(broker().claim(List.of(this.queue), 1, LEASE, NO_WAIT)).isEmpty();
		advance(Duration.ofMillis(1200));
		assertThat(claimOne(this.queue).deliveryCount()).isEqualTo(2);
	}

	@Test
	void aDeadLetteredMessageIsKeptButNeverDeliveredAgain() throws Exception {
		publish("m", this.queue, 5);
		Delivery delivery = claimOne(this.queue);

		broker().deadLetter(delivery, "too many deliveries");

		assertThat(broker().isLive(this.queue, delivery.message().id())).isFalse();
		assertThat(broker().depth(this.queue).deadLettered()).isEqualTo(1);
		advance(Duration.ofMillis(100));
		assertThat(broker().claim(List.of(this.queue), 1, LEASE, NO_WAIT)).isEmpty();
	}

	@Test
	void publishingALiveIdAgainAddsNothing() throws Exception {
		publish("m", this.queue, 5);
		publish("m", this.queue, 5);

		assertThat(broker().depth(this.queue).pending()).isEqualTo(1);
	}

	@Test
	void servesEveryQueueItIsGivenInTurn() throws Exception {
		for (int i = 0; i < 3; i++) {
			publish("a" + i, this.queue, 5);
			publish("b" + i, this.otherQueue, 5);
		}

		List<String> served = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			broker().claim(List.of(this.queue, this.otherQueue), 1, LEASE, NO_WAIT)
				.forEach((delivery) -> served.add(delivery.message().queue()));
		}

		assertThat(served).hasSize(4).containsOnly(this.queue, this.otherQueue);
		assertThat(served).filteredOn(this.queue::equals).hasSize(2);
	}

	@Test
	void aWaitingClaimWakesUpWhenAMessageArrives() throws Exception {
		Thread publisher = Thread.ofVirtual().start(() -> {
			sleep(Duration.ofMillis(200));
			publish("m", this.queue, 5);
		});

		long started = System.nanoTime();
		List<Delivery> deliveries = broker().claim(List.of(this.queue), 1, LEASE, Duration.ofSeconds(5));
		publisher.join();

		assertThat(deliveries).hasSize(1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
	}

	@Test
	void reportsWhatEachQueueHolds() throws Exception {
		publish("ready", this.queue, 5);
		publish("running", this.queue, 9);
		broker().publish(message("later", this.queue, 5), Duration.ofMinutes(5));
		broker().claim(List.of(this.queue), 1, LEASE, NO_WAIT);

		assertThat(broker().depth(this.queue)).isEqualTo(new QueueDepth(1, 1, 1, 0));
		assertThat(broker().isLive(this.queue, id("ready"))).isTrue();
		assertThat(broker().isLive(this.queue, id("later"))).isTrue();
		assertThat(broker().isLive(this.queue, id("running"))).isTrue();
		assertThat(broker().isLive(this.queue, "never-published")).isFalse();
	}

	protected Delivery claimOne(String queueName) throws InterruptedException {
		List<Delivery> deliveries = broker().claim(List.of(queueName), 1, LEASE, Duration.ofSeconds(2));
		assertThat(deliveries).hasSize(1);
		return deliveries.get(0);
	}

	protected void publish(String name, String queueName, int priority) {
		broker().publish(message(name, queueName, priority), Duration.ZERO);
	}

	protected Message message(String name, String queueName, int priority) {
		return new Message(id(name), queueName, "test", priority, Map.of("n", name));
	}

	protected String id(String name) {
		return this.queue + "-" + name;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
