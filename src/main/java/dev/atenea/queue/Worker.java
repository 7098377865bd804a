package dev.atenea.queue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.context.SmartLifecycle;

/**
 * Takes messages from the broker and runs them, {@code concurrency} at a time.
 *
 * <p>
 * Lifecycle: each slot is a thread. Idle slots queue up at the broker (leader and
 * followers): one waits for messages, for as many empty waits as it takes, and claims as
 * many as there are idle slots, keeps the first and leaves the rest for the slots waiting
 * behind it, the next of which takes over the waiting. So the thread that Redis's answer
 * wakes is the one that runs the message, with no hand-over between threads. A slot then
 * goes on with the next messages of the same queue for a while, acknowledging each and
 * claiming the next in one broker call. While a message runs, a heartbeat renews its
 * lease every third of the lease time and announces the worker to the registry. When the
 * handler returns the message is acknowledged; when it throws, the message is released to
 * run again later; when it has been delivered more than {@code maxDeliveries} times it is
 * dead-lettered without running. On stop (a warm shutdown) the slots take nothing new,
 * running messages get {@code shutdownGrace} to finish, and whatever still runs, or was
 * claimed but not started, is released so another worker picks it up.
 */
public class Worker implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Worker.class);

	/** Arguments of a message that are copied into the MDC while it runs. */
	private static final List<String> CONTEXT_ARGS = List.of("task", "attempt", "provider", "request_id");

	private static final Duration BROKER_FAILURE_PAUSE = Duration.ofSeconds(1);

	/**
	 * Messages one slot runs back to back before it claims anew, visiting the queues in
	 * turn.
	 */
	static final int MAX_RUNS_PER_SLOT = 16;

	private final Broker broker;

	private final WorkerRegistry registry;

	private final Map<String, MessageHandler> handlers;

	private final WorkerProperties properties;

	private final Clock clock;

	private final String id;

	/** Held by the one idle slot that claims for itself and the idle slots behind it. */
	private final ReentrantLock claimTurn = new ReentrantLock();

	/**
	 * Claimed for idle slots by the one whose turn it was; guarded by {@link #claimTurn}.
	 */
	private final Queue<Delivery> claimedAhead = new ArrayDeque<>();

	private final Set<Delivery> inHand = ConcurrentHashMap.newKeySet();

	/** Deliveries handed back at shutdown whose handlers may still be winding down. */
	private final Set<Delivery> givenBack = ConcurrentHashMap.newKeySet();

	/**
	 * Claims failed in a row; an outage is logged when it starts and when it ends.
	 * Guarded by {@link #claimTurn}.
	 */
	private int failedClaims;

	private volatile boolean heartbeatFailing;

	private volatile boolean running;

	private Instant startedAt;

	private ExecutorService runners;

	private ScheduledExecutorService heartbeat;

	public Worker(Broker broker, WorkerRegistry registry, List<MessageHandler> handlers, WorkerProperties properties,
			Clock clock) {
		this.broker = broker;
		this.registry = registry;
		this.handlers = handlers.stream().collect(Collectors.toMap(MessageHandler::messageName, Function.identity()));
		this.properties = properties;
		this.clock = clock;
		this.id = hostName() + "-" + processId() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Override
	public void start() {
		this.startedAt = this.clock.instant();
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("atenea-worker-heartbeat").daemon(true).factory());
		long beat = Math.max(100, this.properties.leaseTime().toMillis() / 3);
		this.heartbeat.scheduleAtFixedRate(this::beat, 0, beat, TimeUnit.MILLISECONDS);
		this.running = true;
		this.runners = Executors.newFixedThreadPool(this.properties.concurrency(),
				Thread.ofPlatform().name("atenea-task-", 0).daemon(true).factory());
		for (int slot = 0; slot < this.properties.concurrency(); slot++) {
			this.runners.execute(this::serveSlot);
		}
		logger.info("Worker {} started: queues={} concurrency={}", this.id, this.properties.queues(),
				this.properties.concurrency());
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		logger.info("Worker {} stopping: taking nothing new, {} running", this.id, this.inHand.size());
		this.runners.shutdown();
		boolean drained = awaitRunners(this.properties.shutdownGrace());
		// nothing left in hand needs its lease renewed: it ran, or it is given back now
		this.heartbeat.shutdownNow();
		if (!drained) {
			releaseInHand();
			this.runners.shutdownNow();
			// an idle slot's wait at the broker ends by itself within the claim wait
			awaitRunners(this.properties.claimWait().plusSeconds(1));
		}
		leaveRegistry();
		logger.info("Worker {} stopped", this.id);
	}

	/**
	 * A registry that cannot be reached forgets the worker by itself once its last
	 * heartbeat expires, so a stop goes on without it.
	 */
	private void leaveRegistry() {
		try {
			this.registry.remove(this.id);
		}
		catch (RuntimeException ex) {
			logger.warn("Worker {} could not leave the registry; its entry expires by itself: {}", this.id,
					ex.toString());
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops after the web server, so requests in flight can still enqueue.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	public String id() {
		return this.id;
	}

	public int inHandCount() {
		return this.inHand.size();
	}

	/**
	 * A slot's life: take a delivery, run it and the ones it chains to, again, until the
	 * worker stops. A slot thread blocks on the broker's socket itself (platform threads:
	 * a virtual thread would wait for a poller thread and then a carrier).
	 */
	private void serveSlot() {
		while (this.running) {
			try {
				Delivery delivery = nextDelivery();
				if (delivery != null) {
					runFrom(delivery);
				}
			}
			catch (Throwable ex) {
				// a slot that ended here would leave the worker one slot short for good
				logger.error("Worker {} slot failed; it goes on", this.id, ex);
			}
		}
		giveBackClaimedAhead();
	}

	/**
	 * A delivery claimed for this slot by the slot before it, or else one this slot
	 * claims, for itself and for the idle slots queued behind it, waiting up to the claim
	 * wait, again until something comes.
	 * @return null when the worker is stopping or the slot was interrupted
	 */
	private Delivery nextDelivery() {
		try {
			this.claimTurn.lockInterruptibly();
		}
		catch (InterruptedException ex) {
			return null;
		}
		try {
			Delivery next = this.claimedAhead.poll();
			// The turn is kept across empty waits: handing it over would only wake a
			// follower to wait in its place.
			while (next == null && this.running) {
				List<Delivery> claimed = claim(1 + this.claimTurn.getQueueLength());
				this.inHand.addAll(claimed);
				this.claimedAhead.addAll(claimed);
				next = this.claimedAhead.poll();
			}
			if (next != null && !this.running) {
				giveBack(next);
				return null;
			}
			return next;
		}
		finally {
			this.claimTurn.unlock();
		}
	}

	/**
	 * Claims up to {@code max} messages; an outage pauses the claims (the other idle
	 * slots wait their turn meanwhile) and is logged once.
	 */
	private List<Delivery> claim(int max) {
		try {
			List<Delivery> claimed = this.broker.claim(this.properties.queues(), max, this.properties.leaseTime(),
					this.properties.claimWait());
			claimSucceeded();
			return claimed;
		}
		catch (InterruptedException ex) {
			return List.of();
		}
		catch (Throwable ex) {
			if (!this.running) {
				// a stop cut the wait short, or the broker went away as the process stops
				return List.of();
			}
			claimFailed(ex);
			pause(BROKER_FAILURE_PAUSE);
			return List.of();
		}
	}

	/**
	 * Logs a broker outage once when it starts rather than once a second while it lasts.
	 */
	private void claimFailed(Throwable ex) {
		if (this.failedClaims++ == 0) {
			logger.error("Worker {} cannot claim messages; retrying every {} until the broker answers: {}", this.id,
					BROKER_FAILURE_PAUSE, ex.toString());
		}
		else {
			logger.debug("Worker {} still cannot claim messages: {}", this.id, ex.toString());
		}
	}

	private void claimSucceeded() {
		if (this.failedClaims > 0) {
			logger.info("Worker {} claims messages again after {} failed attempts", this.id, this.failedClaims);
			this.failedClaims = 0;
		}
	}

	/**
	 * What the last slots out find claimed for slots that will not start it goes back to
	 * the broker at once.
	 */
	private void giveBackClaimedAhead() {
		this.claimTurn.lock();
		try {
			Delivery delivery;
			while ((delivery = this.claimedAhead.poll()) != null) {
				giveBack(delivery);
			}
		}
		finally {
			this.claimTurn.unlock();
		}
	}

	private void giveBack(Delivery delivery) {
		this.inHand.remove(delivery);
		try {
			this.broker.release(delivery, Duration.ZERO);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not give {} back; it is delivered again when its lease lapses: {}", delivery.message(),
					ex.toString());
		}
	}

	/**
	 * Runs a delivery, then, while its queue has more ready, the next ones in the same
	 * slot: the acknowledgement of each and the claim of the next are one broker call.
	 * After {@link #MAX_RUNS_PER_SLOT} the slot claims anew, which visits the queues in
	 * turn, so one busy queue cannot keep a worker from its others.
	 */
	private void runFrom(Delivery first) {
		Delivery delivery = first;
		for (int runs = 1; delivery != null; runs++) {
			Delivery current = delivery;
			boolean done;
			try {
				done = run(current);
			}
			finally {
				this.inHand.remove(current);
			}
			delivery = done ? finish(current, runs) : null;
		}
	}

	/**
	 * Acknowledges a delivery whose handler returned and, while the worker runs and the
	 * slot has turns left, claims the next message of the same queue in the same call.
	 * @return the next delivery for this slot, or null
	 */
	private Delivery finish(Delivery delivery, int runs) {
		try {
			if (!this.running || runs >= MAX_RUNS_PER_SLOT) {
				this.broker.acknowledge(delivery);
				return null;
			}
			List<Delivery> next = this.broker.acknowledgeAndClaim(delivery, 1, this.properties.leaseTime());
			if (next.isEmpty()) {
				return null;
			}
			Delivery claimed = next.get(0);
			this.inHand.add(claimed);
			if (!this.running) {
				// stop() began during the claim and may have given back what it saw in
				// hand already: give this one back too rather than start it
				giveBack(claimed);
				return null;
			}
			return claimed;
		}
		catch (RuntimeException ex) {
			// the message stays leased and is delivered again when the lease lapses
			logger.warn("Could not acknowledge {}; it is delivered again when its lease lapses: {}", delivery.message(),
					ex.toString());
			return null;
		}
	}

	/**
	 * Runs one delivery and settles it, except for the acknowledgement of a handler that
	 * returned, which is left to the caller.
	 * @return whether the handler returned and the delivery is to be acknowledged
	 */
	private boolean run(Delivery delivery) {
		Message message = delivery.message();
		putContext(message);
		try {
			MessageHandler handler = this.handlers.get(message.name());
			if (handler == null) {
				deadLetter(delivery, null, "no handler for messages named " + message.name());
				return false;
			}
			if (delivery.deliveryCount() > this.properties.maxDeliveries()) {
				deadLetter(delivery, handler, "delivered " + delivery.deliveryCount()
						+ " times without finishing; its worker may have crashed each time");
				return false;
			}
			return handle(delivery, handler);
		}
		catch (Throwable ex) {
			if (!wasGivenBack(delivery)) {
				logger.error("Could not settle {}", message, ex);
			}
			return false;
		}
		finally {
			this.givenBack.remove(delivery);
			MDC.clear();
		}
	}

	/**
	 * A handler interrupted at shutdown fails in whatever it was doing (often its
	 * database connection); its message is already back in the broker, so that is no
	 * failure.
	 */
	private boolean wasGivenBack(Delivery delivery) {
		if (this.givenBack.contains(delivery)) {
			logger.info("{} was interrupted by the shutdown and is delivered again elsewhere", delivery.message());
			return true;
		}
		return false;
	}

	/**
	 * @return whether the handler returned (its work is done, even if the delivery was
	 * given back at shutdown meanwhile); a handler that threw has its delivery released
	 * to run again later
	 */
	private boolean handle(Delivery delivery, MessageHandler handler) {
		try {
			handler.handle(delivery.message());
		}
		catch (Throwable ex) {
			if (wasGivenBack(delivery)) {
				return false;
			}
			logger.warn("{} failed on delivery {}; delivering it again in {}", delivery.message(),
					delivery.deliveryCount(), this.properties.redeliveryDelay(), ex);
			this.broker.release(delivery, this.properties.redeliveryDelay());
			return false;
		}
		return true;
	}

	private void deadLetter(Delivery delivery, MessageHandler handler, String reason) {
		logger.error("Dead-lettering {}: {}", delivery.message(), reason);
		if (handler != null) {
			handler.onDeadLetter(delivery.message(), reason);
		}
		this.broker.deadLetter(delivery, reason);
	}

	private void beat() {
		try {
			for (Delivery delivery : this.inHand) {
				// one its slot settled since the loop saw it is no longer leased: no loss
				if (!this.broker.renewLease(delivery, this.properties.leaseTime()) && this.inHand.contains(delivery)) {
					logger.warn("Lost the lease of {}; another worker may run it too", delivery.message());
				}
			}
			this.registry.heartbeat(new WorkerInfo(this.id, hostName(), processId(), this.properties.queues(),
					this.properties.concurrency(), this.inHand.size(), this.startedAt, this.clock.instant()));
			if (this.heartbeatFailing) {
				logger.info("Worker {} heartbeat is back", this.id);
				this.heartbeatFailing = false;
			}
		}
		catch (Throwable ex) {
			if (!this.running) {
				return;
			}
			if (!this.heartbeatFailing) {
				logger.warn("Worker {} heartbeat failed; leases are not renewed until the broker answers: {}", this.id,
						ex.toString());
				this.heartbeatFailing = true;
			}
		}
	}

	private void releaseInHand() {
		for (Delivery delivery : this.inHand) {
			logger.warn("Giving {} back to the broker: still running after {}", delivery.message(),
					this.properties.shutdownGrace());
			this.givenBack.add(delivery);
			giveBack(delivery);
		}
	}

	private boolean awaitRunners(Duration grace) {
		try {
			return this.runners.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void putContext(Message message) {
		MDC.put("queue", message.queue());
		for (String key : CONTEXT_ARGS) {
			String value = message.arg(key);
			if (value != null) {
				MDC.put(key, value);
			}
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The process an operator started: the launcher's when the jar re-ran itself on a
	 * newer Java, so the pid shown in the queue panel is the one to signal.
	 */
	private static long processId() {
		return Long.getLong("atenea.launcher.pid", ProcessHandle.current().pid());
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
