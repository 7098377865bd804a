package dev.atenea.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one invocation of the benchmarks runs, and how big. {@link #smoke()} is the small
 * size the test suite runs so the benchmarks stay runnable.
 *
 * @param benchmarks the benchmarks, in the order they run
 * @param messages messages per broker drain (benchmarks 1 and 6)
 * @param rounds how many times each side-by-side comparison repeats; tables show medians
 * @param samples pickup latency samples (benchmark 2)
 * @param warmUp pickups before those in each round, not counted, for all three: a JIT
 * (Atenea's and BullMQ's) still compiling the idle path on two cores takes the core a
 * woken thread needs
 * @param tasks generate calls of the HTTP pipeline (benchmark 3)
 * @param nodeWarmUpSeconds how long a web node may be warmed up at most: rounds of the
 * pipeline run, unmeasured, until its JIT compiler is nearly idle or this time is spent
 * @param rate requests per second of the paced part of the pipeline
 * @param clients WebSocket clients of the notification benchmark (benchmark 4)
 * @param sockets idle WebSockets of the capacity benchmark (benchmark 5)
 * @param peers whether Celery and BullMQ run beside Atenea
 */
record BenchSettings(List<String> benchmarks, int messages, int rounds, int samples, int warmUp, int tasks,
		int nodeWarmUpSeconds, int rate, int clients, int sockets, boolean peers) {

	static final List<String> ALL = List.of("broker", "pickup", "scaling", "pipeline", "notify", "sockets");

	static BenchSettings full(List<String> benchmarks) {
		return new BenchSettings(benchmarks, 20_000, 3, 1_000, 1_000, 2_000, 300, 200, 1_000, 10_000, true);
	}

	static BenchSettings smoke() {
		return new BenchSettings(ALL, 300, 1, 30, 10, 40, 0, 100, 20, 50, true);
	}

	/**
	 * Reads {@code <benchmark|all> [--messages=N] [--rounds=N] ... [--no-peers]}.
	 */
	static BenchSettings parse(String[] args) {
		if (args.length == 0) {
			throw new IllegalArgumentException("name a benchmark: " + String.join(", ", ALL) + " or all");
		}
		List<String> benchmarks = new ArrayList<>();
		Map<String, String> options = new TreeMap<>();
		for (String arg : args) {
			if (arg.startsWith("--")) {
				String[] pair = arg.substring(2).split("=", 2);
				options.put(pair[0], (pair.length > 1) ? pair[1] : "true");
			}
			else if (arg.equals("all")) {
				benchmarks.addAll(ALL);
			}
			else if (ALL.contains(arg)) {
				benchmarks.add(arg);
			}
			else {
				throw new IllegalArgumentException("unknown benchmark " + arg + "; choose from " + ALL + " or all");
			}
		}
		BenchSettings base = options.containsKey("smoke") ? smoke() : full(benchmarks);
		return new BenchSettings(benchmarks.isEmpty() ? base.benchmarks() : benchmarks,
				number(options, "messages", base.messages()), number(options, "rounds", base.rounds()),
				number(options, "samples", base.samples()), number(options, "warmup", base.warmUp()),
				number(options, "tasks", base.tasks()), number(options, "node-warmup", base.nodeWarmUpSeconds()),
				number(options, "rate", base.rate()), number(options, "clients", base.clients()),
				number(options, "sockets", base.sockets()), !options.containsKey("no-peers"));
	}

	private static int number(Map<String, String> options, String name, int fallback) {
		return options.containsKey(name) ? Integer.parseInt(options.get(name).replace("_", "")) : fallback;
	}

}
