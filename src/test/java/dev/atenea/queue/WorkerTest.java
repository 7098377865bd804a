package dev.atenea.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.atenea.queue.memory.InMemoryBroker;
import dev.atenea.queue.memory.InMemoryWorkerRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class WorkerTest {

	private static final String QUEUE = "default";

	private final InMemoryBroker broker = new InMemoryBroker(Clock.systemUTC());

	private final InMemoryWorkerRegistry registry = new InMemoryWorkerRegistry();

	private Worker worker;

	@AfterEach
	void stopWorker() {
		if (this.worker != null) {
			this.worker.stop();
		}
	}

	@Test
	void runsEachMessageAndAcknowledgesIt() {
		ConcurrentLinkedQueue<String> ran = new ConcurrentLinkedQueue<>();
		start(2, 5, handler("work", (message) -> ran.add(message.id())));

		for (int i = 0; i < 20; i++) {
			publish("m" + i, "work");
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 20);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.broker.depth(QUEUE).processing() == 0);
		assertThat(ran).doesNotHaveDuplicates();
		assertThat(this.broker.depth(QUEUE)).isEqualTo(new QueueDepth(0, 0, 0, 0));
	}

	@Test
	void neverRunsMoreThanItsConcurrency() {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		start(3, 5, handler("work", (message) -> {
			mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
			Thread.sleep(50);
			running.decrementAndGet();
			done.incrementAndGet();
		}));

		for (int i = 0; i < 15; i++) {
			publish("m" + i, "work");
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 15);
		assertThat(mostAtOnce.get()).isEqualTo(3);
	}

	@Test
	void deliversAgainWhenTheHandlerThrowsThenDeadLettersAtTheCap() {
		AtomicInteger runs = new AtomicInteger();
		ConcurrentLinkedQueue<String> givenUp = new ConcurrentLinkedQueue<>();
		start(1, 3, new MessageHandler() {
			@Override
			public String messageName() {
				return "crash";
			}

			@Override
			public void handle(Message message) {
				runs.incrementAndGet();
				throw new IllegalStateException("the database is down");
			}

			@Override
			public void onDeadLetter(Message message, String reason) {
				givenUp.add(message.id());
			}
		});

		publish("m", "crash");

		await().atMost(Duration.ofSeconds(10)).until(() -> this.broker.depth(QUEUE).deadLettered() == 1);
		assertThat(runs.get()).as("three deliveries ran, the fourth was dead-lettered").isEqualTo(3);
		assertThat(givenUp).containsExactly("m");
		assertThat(this.broker.isLive(QUEUE, "m")).isFalse();
	}

	@Test
	void deadLettersMessagesNoHandlerKnows() {
		start(1, 3, handler("work", (message) -> {
		}));

		publish("m", "unknown-name");

		await().atMost(Duration.ofSeconds(5)).until(() -> this.broker.depth(QUEUE).deadLettered() == 1);
	}

	@Test
	void aWarmShutdownLetsRunningMessagesFinish() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger finished = new AtomicInteger();
		start(1, 5, handler("slow", (message) -> {
			started.countDown();
			Thread.sleep(500);
			finished.incrementAndGet();
		}));
		publish("m", "slow");
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

		this.worker.stop();

		assertThat(finished.get()).isEqualTo(1);
		assertThat(this.broker.isLive(QUEUE, "m")).as("acknowledged").isFalse();
	}

	@Test
	void aShutdownGivesBackWhatOutlivesTheGracePeriod() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		start(1, 5, Duration.ofMillis(200), handler("stuck", (message) -> {
			started.countDown();
			Thread.sleep(10_000);
		}));
		publish("m", "stuck");
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

		this.worker.stop();

		assertThat(this.broker.isLive(QUEUE, "m")).as("given back for another worker").isTrue();
		assertThat(this.broker.depth(QUEUE).pending()).isEqualTo(1);
	}

	@Test
	void threeIdleSlotsRunThreeMessagesAtOnce() throws Exception {
		CountDownLatch allRunning = new CountDownLatch(3);
		CountDownLatch release = new CountDownLatch(1);
		Set<String> threads = ConcurrentHashMap.newKeySet();
		start(3, 5, handler("work", (message) -> {
			threads.add(Thread.currentThread().getName());
			allRunning.countDown();
			release.await(5, TimeUnit.SECONDS);
		}));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.liveWorkers().size() == 1);

		this.broker.publishAll(List.of(new Message("a", QUEUE, "work", 5, Map.of()),
				new Message("b", QUEUE, "work", 5, Map.of()), new Message("c", QUEUE, "work", 5, Map.of())),
				Duration.ZERO);

		assertThat(allRunning.await(5, TimeUnit.SECONDS)).as("three slots, three messages at once").isTrue();
		assertThat(threads).hasSize(3);
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.broker.depth(QUEUE).processing() == 0);
	}

	@Test
	void anIdleWorkerWaitsAtTheBrokerWithOneSlotAcrossEmptyWaits() throws Exception {
		Set<String> waiting = ConcurrentHashMap.newKeySet();
		AtomicInteger waits = new AtomicInteger();
		InMemoryBroker broker = new InMemoryBroker(Clock.systemUTC()) {
			@Override
			public List<Delivery> claim(List<String> queues, int max, Duration lease, Duration wait)
					throws InterruptedException {
				waiting.add(Thread.currentThread().getName());
				waits.incrementAndGet();
				return super.claim(queues, max, lease, wait);
			}
		};
		WorkerProperties properties = new WorkerProperties(true, List.of(QUEUE), 4, Duration.ofSeconds(30),
				Duration.ofMillis(20), Duration.ofSeconds(5), 5, Duration.ofMillis(50));
		ConcurrentLinkedQueue<String> ran = new ConcurrentLinkedQueue<>();
		this.worker = new Worker(broker, this.registry,
				List.of(handler("work", (message) -> ran.add(Thread.currentThread().getName()))), properties,
				Clock.systemUTC());
		this.worker.start();

		await().atMost(Duration.ofSeconds(5)).until(() -> waits.get() >= 10);
		assertThat(waiting).as("slots at the broker over ten empty waits").hasSize(1);
		// Once the waiter holds work another slot takes over the wait, so the
		// set may grow after the publish: compare with the waiter before it.
		List<String> waiter = List.copyOf(waiting);
		broker.publish(new Message("m", QUEUE, "work", 5, Map.of()), Duration.ZERO);
		await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 1);
		assertThat(ran).as("the waiting slot runs what it claimed").containsExactlyElementsOf(waiter);
	}

	@Test
	void aLeaseRenewedAsItsMessageIsAcknowledgedIsNotReportedLost(CapturedOutput output) throws Exception {
		CountDownLatch renewing = new CountDownLatch(1);
		CountDownLatch acknowledged = new CountDownLatch(1);
		AtomicInteger renewsAnswered = new AtomicInteger();
		InMemoryBroker broker = new InMemoryBroker(Clock.systemUTC()) {
			@Override
			public boolean renewLease(Delivery delivery, Duration lease) {
				renewing.countDown();
				try {
					acknowledged.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				boolean renewed = super.renewLease(delivery, lease);
				renewsAnswered.incrementAndGet();
				return renewed;
			}

			@Override
			public List<Delivery> acknowledgeAndClaim(Delivery finished, int max, Duration lease) {
				List<Delivery> next = super.acknowledgeAndClaim(finished, max, lease);
				acknowledged.countDown();
				return next;
			}
		};
		AtomicInteger heartbeats = new AtomicInteger();
		InMemoryWorkerRegistry registry = new InMemoryWorkerRegistry() {
			@Override
			public void heartbeat(WorkerInfo worker) {
				super.heartbeat(worker);
				heartbeats.incrementAndGet();
			}
		};
		WorkerProperties properties = new WorkerProperties(true, List.of(QUEUE), 1, Duration.ofMillis(300),
				Duration.ofMillis(50), Duration.ofSeconds(5), 5, Duration.ofMillis(50));
		this.worker = new Worker(broker, registry,
				List.of(handler("work", (message) -> renewing.await(5, TimeUnit.SECONDS))), properties,
				Clock.systemUTC());
		this.worker.start();

		broker.publish(new Message("m", QUEUE, "work", 5, Map.of()), Duration.ZERO);
		await().atMost(Duration.ofSeconds(5)).until(() -> renewsAnswered.get() >= 1);
		int seen = heartbeats.get();
		// the beat that renewed goes on to the registry once it has judged the answer
		await().atMost(Duration.ofSeconds(5)).until(() -> heartbeats.get() > seen);

		assertThat(broker.depth(QUEUE).processing()).isZero();
		assertThat(output.getOut()).doesNotContain("Lost the lease");
	}

	@Test
	void aLeaseLostWhileItsMessageRunsIsReported(CapturedOutput output) {
		InMemoryBroker broker = new InMemoryBroker(Clock.systemUTC()) {
			@Override
			public boolean renewLease(Delivery delivery, Duration lease) {
				return false;
			}
		};
		WorkerProperties properties = new WorkerProperties(true, List.of(QUEUE), 1, Duration.ofMillis(300),
				Duration.ofMillis(50), Duration.ofSeconds(5), 5, Duration.ofMillis(50));
		AtomicInteger done = new AtomicInteger();
		this.worker = new Worker(broker, this.registry, List.of(handler("work", (message) -> {
			Thread.sleep(400);
			done.incrementAndGet();
		})), properties, Clock.systemUTC());
		this.worker.start();

		broker.publish(new Message("m", QUEUE, "work", 5, Map.of()), Duration.ZERO);
		await().atMost(Duration.ofSeconds(5)).until(() -> done.get() == 1);

		assertThat(output.getOut()).contains("Lost the lease of Message(id=m");
	}

	@Test
	void aMessageClaimedWhileTheWorkerStopsIsGivenBackUnrun() throws Exception {
		AtomicInteger ran = new AtomicInteger();
		WorkerProperties properties = new WorkerProperties(true, List.of(QUEUE), 1, Duration.ofSeconds(30),
				Duration.ofSeconds(3), Duration.ofSeconds(5), 5, Duration.ofMillis(50));
		this.worker = new Worker(this.broker, this.registry,
				List.of(handler("work", (message) -> ran.incrementAndGet())), properties, Clock.systemUTC());
		this.worker.start();
		Thread.sleep(200);

		Thread stopping = Thread.ofPlatform().start(this.worker::stop);
		Thread.sleep(200);
		publish("m", "work");
		stopping.join(10_000);

		assertThat(stopping.isAlive()).as("stopped").isFalse();
		assertThat(ran.get()).as("not run after the stop began").isZero();
		assertThat(this.broker.depth(QUEUE).pending()).as("back in the queue for another worker").isEqualTo(1);
		this.worker = null;
	}

	@Test
	void announcesItselfWhileItRuns() {
		start(2, 5, handler("work", (message) -> {
		}));

		await().atMost(Duration.ofSeconds(5)).until(() -> !this.registry.liveWorkers().isEmpty());
		WorkerInfo info = this.registry.liveWorkers().get(0);
		assertThat(info.concurrency()).isEqualTo(2);
		assertThat(info.queues()).containsExactly(QUEUE);
		assertThat(info.pid()).isEqualTo(ProcessHandle.current().pid());

		this.worker.stop();
		this.worker = null;
		assertThat(this.registry.liveWorkers()).isEmpty();
	}

	@Test
	void aBusyQueueDoesNotKeepTheWorkerFromItsOtherQueues() throws Exception {
		int backlog = 3 * Worker.MAX_RUNS_PER_SLOT;
		for (int i = 0; i < backlog; i++) {
			publish("a" + i, "work");
		}
		CountDownLatch otherPublished = new CountDownLatch(1);
		List<String> ran = new CopyOnWriteArrayList<>();
		start(1, List.of(QUEUE, "other"), handler("work", (message) -> {
			ran.add(message.id());
			if (message.id().equals("a0")) {
				otherPublished.await(5, TimeUnit.SECONDS);
			}
		}));
		await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("a0"));

		this.broker.publish(new Message("o", "other", "work", 5, Map.of()), Duration.ZERO);
		otherPublished.countDown();

		await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == backlog + 1);
		assertThat(ran.indexOf("o")).as("runs after at most two turns of the busy queue")
			.isLessThanOrEqualTo(2 * Worker.MAX_RUNS_PER_SLOT);
	}

	@Test
	void aMessageTheSlotTookNextKeepsItsLeaseWhileItRuns() throws Exception {
		CountDownLatch secondRunning = new CountDownLatch(1);
		ConcurrentLinkedQueue<String> ran = new ConcurrentLinkedQueue<>();
		publish("first", "work");
		publish("second", "work");
		start(1, List.of(QUEUE), Duration.ofMillis(300), handler("work", (message) -> {
			ran.add(message.id());
			if (message.id().equals("second")) {
				secondRunning.countDown();
				Thread.sleep(1_000);
			}
		}));
		assertThat(secondRunning.await(5, TimeUnit.SECONDS)).isTrue();
		Thread.sleep(600);

		assertThat(this.broker.claim(List.of(QUEUE), 10, Duration.ofSeconds(30), Duration.ZERO))
			.as("still leased to the worker, two lease times later")
			.isEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.broker.depth(QUEUE).processing() == 0);
		assertThat(ran).containsExactly("first", "second");
	}

	private void start(int concurrency, List<String> queues, MessageHandler handler) {
		start(concurrency, queues, Duration.ofSeconds(30), handler);
	}

	private void start(int concurrency, List<String> queues, Duration lease, MessageHandler handler) {
		WorkerProperties properties = new WorkerProperties(true, queues, concurrency, lease, Duration.ofMillis(200),
				Duration.ofSeconds(5), 5, Duration.ofMillis(50));
		this.worker = new Worker(this.broker, this.registry, List.of(handler), properties, Clock.systemUTC());
		this.worker.start();
	}

	private void start(int concurrency, int maxDeliveries, MessageHandler handler) {
		start(concurrency, maxDeliveries, Duration.ofSeconds(5), handler);
	}

	private void start(int concurrency, int maxDeliveries, Duration grace, MessageHandler handler) {
		WorkerProperties properties = new WorkerProperties(true, List.of(QUEUE), concurrency, Duration.ofSeconds(30),
				Duration.ofMillis(200), grace, maxDeliveries, Duration.ofMillis(50));
		this.worker = new Worker(this.broker, this.registry, List.of(handler), properties, Clock.systemUTC());
		this.worker.start();
	}

	private void publish(String id, String name) {
		this.broker.publish(new Message(id, QUEUE, name, 5, Map.of()), Duration.ZERO);
	}

	private static MessageHandler handler(String name, Body body) {
		return new MessageHandler() {
			@Override
			public String messageName() {
				return name;
			}

			@Override
			public void handle(Message message) throws Exception {
				body.run(message);
			}
		};
	}

	@FunctionalInterface
	private interface Body {

		void run(Message message) throws Exception;

	}

}
