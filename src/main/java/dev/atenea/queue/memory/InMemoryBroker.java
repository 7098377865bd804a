package dev.atenea.queue.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.atenea.queue.Broker;
import dev.atenea.queue.Delivery;
import dev.atenea.queue.Message;
import dev.atenea.queue.QueueDepth;

/**
 * The broker of the embedded default: every queue lives in this process's memory, so it
 * serves one process only and loses its messages when the process stops. The database
 * sweep sends again what a restart lost.
 *
 * <p>
 * One lock guards all state; claimers wait on a condition that publishing, releasing and
 * the passing of due times signal. Time for due dates and leases comes from the injected
 * clock, so tests can step it.
 */
public class InMemoryBroker implements Broker {

	private static final Comparator<Entry> BY_PRIORITY_THEN_AGE = Comparator.comparingInt((Entry e) -> -e.priority())
		.thenComparingLong(Entry::sequence);

	private static final Duration MAX_IDLE_WAIT = Duration.ofMillis(200);

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final Map<String, PriorityQueue<Entry>> ready = new HashMap<>();

	private final PriorityQueue<Scheduled> scheduled = new PriorityQueue<>(Comparator.comparing(Scheduled::dueAt));

	private final Map<String, Lease> leases = new HashMap<>();

	private final Map<String, Integer> deliveryCounts = new HashMap<>();

	private final Map<String, List<Message>> deadLetters = new HashMap<>();

	private long sequence;

	private int nextQueueTurn;

	public InMemoryBroker(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void publish(Message message, Duration delay) {
		publishAll(List.of(message), delay);
	}

	@Override
	public void publishAll(List<Message> messages, Duration delay) {
		this.lock.lock();
		try {
			for (Message message : messages) {
				if (!this.deliveryCounts.containsKey(message.id())) {
					enqueue(new Entry(message, this.sequence++), delay);
					this.deliveryCounts.put(message.id(), 0);
				}
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public List<Delivery> claim(List<String> queues, int max, Duration lease, Duration wait)
			throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		this.lock.lockInterruptibly();
		try {
			while (true) {
				Instant now = now();
				promoteDue(now);
				reclaimExpired(now);
				List<Delivery> deliveries = takeReady(queues, max, now.plus(lease));
				long remaining = deadline - System.nanoTime();
				if (!deliveries.isEmpty() || remaining <= 0) {
					return deliveries;
				}
				this.changed.awaitNanos(Math.min(remaining, nanosUntilNextDue(now)));
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean renewLease(Delivery delivery, Duration lease) {
		this.lock.lock();
		try {
			Lease current = currentLease(delivery);
			if (current == null) {
				return false;
			}
			this.leases.put(current.entry().message().id(), current.renewedUntil(now().plus(lease)));
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void acknowledge(Delivery delivery) {
		this.lock.lock();
		try {
			String id = delivery.message().id();
			if (currentLease(delivery) != null) {
				this.leases.remove(id);
				this.deliveryCounts.remove(id);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Both steps under one lock; the next messages come from the finished one's queue
	 * without moving the turn, so the claims' rotation over the queues stays fair.
	 */
	@Override
	public List<Delivery> acknowledgeAndClaim(Delivery finished, int max, Duration lease) {
		this.lock.lock();
		try {
			acknowledge(finished);
			Instant now = now();
			promoteDue(now);
			reclaimExpired(now);
			List<Delivery> deliveries = new ArrayList<>();
			Entry entry;
			while (deliveries.size() < max && (entry = readyQueue(finished.message().queue()).poll()) != null) {
				deliveries.add(lease(entry, now.plus(lease)));
			}
			return deliveries;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void release(Delivery delivery, Duration delay) {
		this.lock.lock();
		try {
			Lease current = currentLease(delivery);
			if (current == null) {
				return;
			}
			this.leases.remove(delivery.message().id());
			enqueue(current.entry(), delay);
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void deadLetter(Delivery delivery, String reason) {
		this.lock.lock();
		try {
			if (currentLease(delivery) == null) {
				return;
			}
			Message message = delivery.message();
			this.leases.remove(message.id());
			this.deliveryCounts.remove(message.id());
			this.deadLetters.computeIfAbsent(message.queue(), (queue) -> new ArrayList<>()).add(message);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean isLive(String queue, String messageId) {
		this.lock.lock();
		try {
			return this.deliveryCounts.containsKey(messageId);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public QueueDepth depth(String queue) {
		this.lock.lock();
		try {
			long pending = readyQueue(queue).size();
			long waiting = this.scheduled.stream().filter((s) -> s.entry().message().queue().equals(queue)).count();
			long processing = this.leases.values()
				.stream()
				.filter((l) -> l.entry().message().queue().equals(queue))
				.count();
			long dead = this.deadLetters.getOrDefault(queue, List.of()).size();
			return new QueueDepth(pending, waiting, processing, dead);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean keepsMessagesAcrossRestarts() {
		return false;
	}

	private void enqueue(Entry entry, Duration delay) {
		if (delay.isZero() || delay.isNegative()) {
			readyQueue(entry.message().queue()).add(entry);
		}
		else {
			this.scheduled.add(new Scheduled(entry, now().plus(delay)));
		}
	}

	/**
	 * How long a claimer may sleep before a scheduled message or a lease comes due. The
	 * cap keeps claimers checking even when a test steps the clock.
	 */
	private long nanosUntilNextDue(Instant now) {
		Instant next = now.plus(MAX_IDLE_WAIT);
		if (!this.scheduled.isEmpty() && this.scheduled.peek().dueAt().isBefore(next)) {
			next = this.scheduled.peek().dueAt();
		}
		for (Lease lease : this.leases.values()) {
			if (lease.expiresAt().isBefore(next)) {
				next = lease.expiresAt();
			}
		}
		return Math.max(1, Duration.between(now, next).toNanos());
	}

	private void promoteDue(Instant now) {
		while (!this.scheduled.isEmpty() && !this.scheduled.peek().dueAt().isAfter(now)) {
			Entry entry = this.scheduled.poll().entry();
			readyQueue(entry.message().queue()).add(entry);
		}
	}

	private void reclaimExpired(Instant now) {
		Iterator<Lease> iterator = this.leases.values().iterator();
		while (iterator.hasNext()) {
			Lease lease = iterator.next();
			if (!lease.expiresAt().isAfter(now)) {
				iterator.remove();
				readyQueue(lease.entry().message().queue()).add(lease.entry());
			}
		}
	}

	private List<Delivery> takeReady(List<String> queues, int max, Instant leaseExpiresAt) {
		List<Delivery> deliveries = new ArrayList<>();
		int turn = this.nextQueueTurn++;
		boolean tookAny = true;
		while (deliveries.size() < max && tookAny) {
			tookAny = false;
			for (int i = 0; i < queues.size() && deliveries.size() < max; i++) {
				Entry entry = readyQueue(queues.get(Math.floorMod(turn + i, queues.size()))).poll();
				if (entry != null) {
					deliveries.add(lease(entry, leaseExpiresAt));
					tookAny = true;
				}
			}
		}
		return deliveries;
	}

	private Delivery lease(Entry entry, Instant expiresAt) {
		String id = entry.message().id();
		int count = this.deliveryCounts.merge(id, 1, Integer::sum);
		Lease lease = new Lease(entry, UUID.randomUUID().toString(), expiresAt);
		this.leases.put(id, lease);
		return new Delivery(entry.message(), count, lease.token());
	}

	private Lease currentLease(Delivery delivery) {
		Lease lease = this.leases.get(delivery.message().id());
		return (lease != null && lease.token().equals(delivery.leaseToken())) ? lease : null;
	}

	private PriorityQueue<Entry> readyQueue(String queue) {
		return this.ready.computeIfAbsent(queue, (name) -> new PriorityQueue<>(BY_PRIORITY_THEN_AGE));
	}

	private Instant now() {
		return this.clock.instant();
	}

	private record Entry(Message message, long sequence) {

		int priority() {
			return this.message.priority();
		}

	}

	private record Scheduled(Entry entry, Instant dueAt) {
	}

	private record Lease(Entry entry, String token, Instant expiresAt) {

		Lease renewedUntil(Instant newExpiry) {
			return new Lease(this.entry, this.token, newExpiry);
		}

	}

}
