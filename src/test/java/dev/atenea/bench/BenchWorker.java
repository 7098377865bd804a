package dev.atenea.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.atenea.queue.Message;
import dev.atenea.queue.MessageHandler;
import dev.atenea.queue.Worker;

/**
 * A worker process of the scaling benchmark: the production Redis broker and worker with
 * a counting no-op handler. It warms up on a queue of its own, prints {@code READY}, then
 * every 20 ms prints {@code COUNT <handled> <first> <last>} (wall-clock microseconds) for
 * what it handled since the last line, until its input closes.
 */
public final class BenchWorker {

	private BenchWorker() {
	}

	public static void main(String[] args) throws Exception {
		Bench.quietLogs();
		Map<String, String> options = new TreeMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], pair[1]);
		}
		try (AteneaQueueBench bench = new AteneaQueueBench(options.get("redis"), options.get("prefix"))) {
			String warmQueue = "warm_" + ProcessHandle.current().pid();
			bench.publishInBulk(warmQueue, 2_000);
			bench.drain(warmQueue, 2_000, 4);
			Reporter reporter = new Reporter();
			System.out.println("READY");
			System.out.flush();
			if (System.in.read() == -1) {
				return;
			}
			Worker worker = bench.startWorker(options.get("queue"), Integer.parseInt(options.get("concurrency")),
					reporter);
			Thread.ofPlatform().daemon().start(reporter::reportEvery20ms);
			while (System.in.read() != -1) {
				// Runs until the benchmark closes this process's input.
			}
			worker.stop();
			reporter.report();
		}
	}

	private static final class Reporter implements MessageHandler {

		private final AtomicLong count = new AtomicLong();

		private final AtomicLong first = new AtomicLong();

		private final AtomicLong last = new AtomicLong();

		@Override
		public String messageName() {
			return AteneaQueueBench.NOOP;
		}

		@Override
		public void handle(Message message) {
			long now = micros();
			this.first.compareAndSet(0, now);
			this.last.accumulateAndGet(now, Math::max);
			this.count.incrementAndGet();
		}

		void reportEvery20ms() {
			while (true) {
				try {
					TimeUnit.MILLISECONDS.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
				report();
			}
		}

		synchronized void report() {
			long handled = this.count.getAndSet(0);
			if (handled > 0) {
				System.out.println("COUNT " + handled + " " + this.first.getAndSet(0) + " " + this.last.get());
				System.out.flush();
			}
		}

		private static long micros() {
			java.time.Instant now = java.time.Instant.now();
			return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
		}

	}

}
