package dev.atenea.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.atenea.queue.Broker;
import dev.atenea.queue.Message;
import dev.atenea.queue.MessageHandler;
import dev.atenea.queue.Worker;
import dev.atenea.queue.WorkerProperties;
import dev.atenea.queue.memory.InMemoryWorkerRegistry;
import dev.atenea.queue.redis.RedisBroker;
import dev.atenea.system.redis.RedisKeys;
import tools.jackson.databind.json.JsonMapper;

/**
 * Atenea's side of the broker benchmarks: the production {@link RedisBroker} and
 * {@link Worker}, with a handler that does nothing but count, in this JVM.
 */
final class AteneaQueueBench implements AutoCloseable {

	static final String NOOP = "noop";

	static final int BULK_CHUNK = 1_000;

	private static final Duration PICKUP_GAP = Duration.ofMillis(5);

	private final RedisBroker broker;

	AteneaQueueBench(String redisUrl, String prefix) {
		this.broker = new RedisBroker(redisUrl, Duration.ofSeconds(10), new RedisKeys(prefix),
				JsonMapper.builder().build());
	}

	Broker broker() {
		return this.broker;
	}

	/**
	 * Enqueue one by one and in bulk, drain at each concurrency, and enqueue while
	 * draining; tasks per second.
	 */
	Map<String, Double> broker(int n, List<Integer> concurrencies) throws InterruptedException {
		Map<String, Double> results = new HashMap<>();
		String queue = "bench_" + UUID.randomUUID().toString().substring(0, 8);
		int warm = Math.min(2_000, n);
		publishInBulk(queue, warm);
		drain(queue, warm, concurrencies.get(0));

		results.put("enqueue_one", n / seconds(publishOneByOne(queue, n)));
		results.put("drain_c" + concurrencies.get(0), drain(queue, n, concurrencies.get(0)));
		for (int concurrency : concurrencies.subList(1, concurrencies.size())) {
			results.put("enqueue_bulk", n / seconds(publishInBulk(queue, n)));
			results.put("drain_c" + concurrency, drain(queue, n, concurrency));
		}

		Counter counter = new Counter(n);
		Worker worker = startWorker(queue, concurrencies.get(0), counter);
		long started = System.nanoTime();
		long publishing = publishOneByOne(queue, n);
		counter.await();
		worker.stop();
		results.put("while_enqueue", n / seconds(publishing));
		results.put("while_end_to_end", n / seconds(counter.last.get() - started));
		return results;
	}

	/**
	 * One message at a time on an idle worker: from just before the publish to the start
	 * of the handler, in milliseconds, after {@code warmUp} samples that are not counted.
	 */
	Map<String, Double> pickup(int samples, int warmUp) throws InterruptedException {
		String queue = "bench_pickup_" + UUID.randomUUID().toString().substring(0, 8);
		BlockingQueue<Long> latencies = new LinkedBlockingQueue<>();
		MessageHandler handler = new MessageHandler() {

			@Override
			public String messageName() {
				return "pickup";
			}

			@Override
			public void handle(Message message) {
				latencies.add(System.nanoTime() - Long.parseLong(message.arg("sent")));
			}

		};
		Worker worker = new Worker(this.broker, new InMemoryWorkerRegistry(), List.of(handler), properties(queue, 4),
				Clock.systemUTC());
		worker.start();
		List<Double> measured = new ArrayList<>();
		try {
			for (int i = 0; i < samples + warmUp; i++) {
				this.broker.publish(new Message(Message.newId(), queue, "pickup", Message.DEFAULT_PRIORITY,
						Map.of("sent", Long.toString(System.nanoTime()))), Duration.ZERO);
				Long latency = latencies.poll(60, TimeUnit.SECONDS);
				if (latency == null) {
					throw new IllegalStateException("a pickup message did not run within 60 s");
				}
				if (i >= warmUp) {
					measured.add(latency / 1e6);
				}
				Thread.sleep(PICKUP_GAP);
			}
		}
		finally {
			worker.stop();
		}
		return Map.of("pickup_p50_ms", Stats.percentile(measured, 0.5), "pickup_p95_ms",
				Stats.percentile(measured, 0.95), "pickup_p99_ms", Stats.percentile(measured, 0.99));
	}

	/**
	 * Tasks per second from the first handled message to the last.
	 */
	double drain(String queue, int n, int concurrency) throws InterruptedException {
		Counter counter = new Counter(n);
		Worker worker = startWorker(queue, concurrency, counter);
		counter.await();
		worker.stop();
		return (n - 1) / seconds(counter.last.get() - counter.first.get());
	}

	long publishOneByOne(String queue, int n) {
		long started = System.nanoTime();
		for (int i = 0; i < n; i++) {
			this.broker.publish(noop(queue), Duration.ZERO);
		}
		return System.nanoTime() - started;
	}

	long publishInBulk(String queue, int n) {
		long started = System.nanoTime();
		for (int done = 0; done < n; done += BULK_CHUNK) {
			List<Message> chunk = new ArrayList<>();
			for (int i = 0; i < Math.min(BULK_CHUNK, n - done); i++) {
				chunk.add(noop(queue));
			}
			Bulk.publish(this.broker, chunk);
		}
		return System.nanoTime() - started;
	}

	Worker startWorker(String queue, int concurrency, MessageHandler handler) {
		Worker worker = new Worker(this.broker, new InMemoryWorkerRegistry(), List.of(handler),
				properties(queue, concurrency), Clock.systemUTC());
		worker.start();
		return worker;
	}

	/**
	 * The production defaults (README), but for the one queue, the concurrency and a
	 * shorter grace at stop.
	 */
	static WorkerProperties properties(String queue, int concurrency) {
		return new WorkerProperties(true, List.of(queue), concurrency, Duration.ofSeconds(60), Duration.ofSeconds(1),
				Duration.ofSeconds(5), 5, Duration.ofSeconds(5));
	}

	static Message noop(String queue) {
		return new Message(Message.newId(), queue, NOOP, Message.DEFAULT_PRIORITY, Map.of());
	}

	static double seconds(long nanos) {
		return nanos / 1e9;
	}

	@Override
	public void close() {
		this.broker.destroy();
	}

	/**
	 * A handler that does nothing but count, noting when the first and the last message
	 * ran.
	 */
	static final class Counter implements MessageHandler {

		final AtomicLong count = new AtomicLong();

		final AtomicLong first = new AtomicLong();

		final AtomicLong last = new AtomicLong();

		private final CountDownLatch done;

		private final long target;

		Counter(long target) {
			this.target = target;
			this.done = new CountDownLatch(1);
		}

		@Override
		public String messageName() {
			return NOOP;
		}

		@Override
		public void handle(Message message) {
			long now = System.nanoTime();
			this.first.compareAndSet(0, now);
			this.last.accumulateAndGet(now, Math::max);
			if (this.count.incrementAndGet() == this.target) {
				this.done.countDown();
			}
		}

		void await() throws InterruptedException {
			if (!this.done.await(10, TimeUnit.MINUTES)) {
				throw new IllegalStateException("only " + this.count.get() + " of " + this.target + " messages ran");
			}
		}

	}

}
