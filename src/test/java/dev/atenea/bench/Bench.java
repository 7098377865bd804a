package dev.atenea.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.atenea.support.PrivateRedis;
import org.slf4j.LoggerFactory;

/**
 * The benchmarks of {@code bench/}: Atenea, Celery and BullMQ side by side on the same
 * machine, the same (private, loopback) Redis and in the same invocation, one table per
 * benchmark. {@code bench/run} builds the project and calls this with the benchmark's
 * name; see {@code bench/README.md}.
 */
public final class Bench implements AutoCloseable {

	private static final List<Integer> CONCURRENCIES = List.of(4, 50);

	private static final int TABLE_CLIENTS = 16;

	/**
	 * Reads of one item per generate call of the pipeline, for the node's ceiling.
	 */
	private static final int CEILING_CALLS_PER_TASK = 5;

	/**
	 * A node is warm when its JIT compilers spend less than this many seconds compiling
	 * per second of a round (compilations' wall time, summed over the compiler threads).
	 */
	private static final double JIT_SETTLED = 0.05;

	private final BenchSettings settings;

	private final PrintStream out;

	private final Path work;

	private final PrivateRedis redis;

	private final Peers peers;

	private final List<Table> tables = new ArrayList<>();

	private AteneaNode postgresNode;

	/** The nodes warmed up, each with how its warm-up went, for the tables' notes. */
	private final Map<AteneaNode, String> warmUps = new HashMap<>();

	private double brokerDrainReference = Double.NaN;

	Bench(BenchSettings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
		this.work = Path.of("target", "bench", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
		this.redis = new PrivateRedis(this.work.resolve("redis"));
		this.peers = new Peers(Path.of("bench").toAbsolutePath(), this.redis.url(), settings.peers());
	}

	public static void main(String[] args) throws Exception {
		quietLogs();
		BenchSettings settings;
		try {
			settings = BenchSettings.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		try (Bench bench = new Bench(settings, System.out)) {
			bench.run();
		}
		System.exit(0);
	}

	/**
	 * Runs every benchmark of the settings and prints its table.
	 * @return the tables, for the smoke test
	 */
	List<Table> run() throws Exception {
		Machine.print(this.out, this.redis.url(), this.peers);
		for (String benchmark : this.settings.benchmarks()) {
			Table table = switch (benchmark) {
				case "broker" -> broker();
				case "pickup" -> pickup();
				case "scaling" -> scaling();
				case "pipeline" -> pipeline();
				case "notify" -> notifications();
				case "sockets" -> sockets();
				default -> throw new IllegalArgumentException(benchmark);
			};
			table.print(this.out);
			this.tables.add(table);
		}
		return this.tables;
	}

	private Table broker() throws Exception {
		int n = this.settings.messages();
		Table table = new Table("1. Broker throughput, no-op tasks, N=" + n + ", medians of " + this.settings.rounds()
				+ " rounds (tasks/s)");
		Table.Row one = table.row("enqueue one by one, one client")
			.targetRatio(">= 2x BullMQ add", Double.NaN, 2, false);
		Table.Row bulk = table.row("enqueue in bulk (chunks of 1,000)")
			.targetRatio(">= BullMQ addBulk", Double.NaN, 1, false);
		Table.Row drain4 = table.row("drain, concurrency 4").targetRatio(">= 3x Celery, >= 1.2x BullMQ", 3, 1.2, false);
		Table.Row drain50 = table.row("drain, concurrency 50").targetRatio(">= BullMQ", Double.NaN, 1, false);
		Table.Row whileEnqueue = table.row("enqueue while draining (c4)");
		Table.Row endToEnd = table.row("end to end while draining (c4)");
		for (int round = 0; round < this.settings.rounds(); round++) {
			Map<String, Double> atenea;
			try (AteneaQueueBench bench = new AteneaQueueBench(this.redis.url(), "bench" + round)) {
				atenea = bench.broker(n, CONCURRENCIES);
			}
			Map<String, Double> celery = this.peers.celery("broker", "--n=" + n);
			Map<String, Double> bullmq = this.peers.bullmq("broker", "--n=" + n, "--concurrency=4,50");
			one.add(atenea.get("enqueue_one"), celery.get("enqueue_one"), bullmq.get("enqueue_one"));
			bulk.add(atenea.get("enqueue_bulk"), celery.get("enqueue_bulk"), bullmq.get("enqueue_bulk"));
			drain4.add(atenea.get("drain_c4"), celery.get("drain_c4"), bullmq.get("drain_c4"));
			drain50.add(atenea.get("drain_c50"), null, bullmq.get("drain_c50"));
			whileEnqueue.add(atenea.get("while_enqueue"), celery.get("while_enqueue"), bullmq.get("while_enqueue"));
			endToEnd.add(atenea.get("while_end_to_end"), celery.get("while_end_to_end"),
					bullmq.get("while_end_to_end"));
		}
		this.brokerDrainReference = drain4.atenea();
		table.note("Celery runs prefork with --concurrency=4 only, as it is deployed; it has no bulk publish, so its"
				+ " 'bulk' reuses one producer for every send. Its tasks INCR a Redis counter so the driver sees the"
				+ " drain end.");
		table.note("BullMQ jobs: attempts 4, removeOnComplete; its workers run in a child process.");
		return table;
	}

	private Table pickup() throws Exception {
		int samples = this.settings.samples();
		int warmUp = this.settings.warmUp();
		Table table = new Table("2. Pickup latency, one message at a time on an idle worker, " + samples
				+ " samples, medians of " + this.settings.rounds() + " rounds (ms)");
		Table.Row p50 = table.row("enqueue to handler start, p50");
		Table.Row p95 = table.row("enqueue to handler start, p95");
		Table.Row p99 = table.row("enqueue to handler start, p99")
			.targetRatio("<= 1/3 of Celery's and BullMQ's", 1 / 3.0, 1 / 3.0, true);
		for (int round = 0; round < this.settings.rounds(); round++) {
			Map<String, Double> atenea;
			try (AteneaQueueBench bench = new AteneaQueueBench(this.redis.url(), "pickup" + round)) {
				atenea = bench.pickup(samples, warmUp);
			}
			Map<String, Double> celery = this.peers.celery("pickup", "--samples=" + samples, "--warmup=" + warmUp);
			Map<String, Double> bullmq = this.peers.bullmq("pickup", "--samples=" + samples, "--warmup=" + warmUp);
			p50.add(atenea.get("pickup_p50_ms"), celery.get("pickup_p50_ms"), bullmq.get("pickup_p50_ms"));
			p95.add(atenea.get("pickup_p95_ms"), celery.get("pickup_p95_ms"), bullmq.get("pickup_p95_ms"));
			p99.add(atenea.get("pickup_p99_ms"), celery.get("pickup_p99_ms"), bullmq.get("pickup_p99_ms"));
		}
		table.note("A new message is sent 5 ms after the previous one ran, so every worker is back in its blocking"
				+ " wait; in each round the first " + warmUp + " samples warm up and are not counted.");
		return table;
	}

	private Table scaling() throws Exception {
		int n = this.settings.messages();
		Table table = new Table("6. Scaling, the same no-op drain (concurrency 4 per process), N=" + n + ", medians of "
				+ this.settings.rounds() + " rounds (tasks/s)");
		Table.Row oneProcess = table.row("drain, 1 worker process");
		Table.Row twoProcesses = table.row("drain, 2 worker processes");
		Table.Row speedup = table.row("speedup, 2 processes over 1 (x)");
		for (int round = 0; round < this.settings.rounds(); round++) {
			double[] atenea = new double[2];
			Double[] celery = new Double[2];
			Double[] bullmq = new Double[2];
			for (int processes = 1; processes <= 2; processes++) {
				atenea[processes - 1] = ateneaProcessesDrain(n, processes);
				celery[processes - 1] = this.peers.celery("scaling", "--n=" + n, "--processes=" + processes)
					.get("drain_p" + processes);
				bullmq[processes - 1] = this.peers.bullmq("scaling", "--n=" + n, "--processes=" + processes)
					.get("drain_p" + processes);
			}
			oneProcess.add(atenea[0], celery[0], bullmq[0]);
			twoProcesses.add(atenea[1], celery[1], bullmq[1]);
			speedup.add(atenea[1] / atenea[0], quotient(celery[1], celery[0]), quotient(bullmq[1], bullmq[0]));
		}
		table.note("Each process is a separate JVM, Python or Node process; on 2 cores a second process mostly"
				+ " competes with the first and with Redis.");
		return table;
	}

	/**
	 * Drains {@code n} messages with {@code processes} {@link BenchWorker} JVMs, started
	 * together once each has warmed up.
	 */
	private double ateneaProcessesDrain(int n, int processes) throws Exception {
		String prefix = "scaling" + UUID.randomUUID().toString().substring(0, 6);
		String queue = "bench_scaling";
		try (AteneaQueueBench bench = new AteneaQueueBench(this.redis.url(), prefix)) {
			bench.publishInBulk(queue, n);
		}
		List<Process> workers = new ArrayList<>();
		try {
			for (int i = 0; i < processes; i++) {
				List<String> command = new ArrayList<>(Machine.javaCommand());
				command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"),
						BenchWorker.class.getName(), "--redis=" + this.redis.url(), "--prefix=" + prefix,
						"--queue=" + queue, "--concurrency=4"));
				workers.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
			}
			List<BufferedReader> readers = new ArrayList<>();
			for (Process worker : workers) {
				BufferedReader reader = new BufferedReader(
						new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
				String line = reader.readLine();
				if (!"READY".equals(line)) {
					throw new IllegalStateException("a benchmark worker did not start: " + line);
				}
				readers.add(reader);
			}
			for (Process worker : workers) {
				worker.getOutputStream().write("GO\n".getBytes(StandardCharsets.UTF_8));
				worker.getOutputStream().flush();
			}
			return countUntil(readers, n);
		}
		finally {
			for (Process worker : workers) {
				worker.getOutputStream().close();
				if (!worker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
					worker.destroyForcibly();
				}
			}
		}
	}

	private static double countUntil(List<BufferedReader> readers, int n) throws Exception {
		long[] count = new long[1];
		long[] first = { Long.MAX_VALUE };
		long[] last = { 0 };
		List<Thread> threads = new ArrayList<>();
		for (BufferedReader reader : readers) {
			threads.add(Thread.ofVirtual().start(() -> {
				try {
					String line;
					while ((line = reader.readLine()) != null) {
						String[] parts = line.split(" ");
						if (parts.length == 4 && parts[0].equals("COUNT")) {
							synchronized (count) {
								count[0] += Long.parseLong(parts[1]);
								first[0] = Math.min(first[0], Long.parseLong(parts[2]));
								last[0] = Math.max(last[0], Long.parseLong(parts[3]));
								count.notifyAll();
							}
						}
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}));
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		synchronized (count) {
			while (count[0] < n) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("only " + count[0] + " of " + n + " messages ran");
				}
				count.wait(100);
			}
		}
		return (n - 1) / ((last[0] - first[0]) / 1e6);
	}

	private Table pipeline() throws Exception {
		int n = this.settings.tasks();
		Table table = new Table(
				"3. Full pipeline through HTTP, noop provider, N=" + n + " generate calls (Atenea only)");
		if (Double.isNaN(this.brokerDrainReference)) {
			try (AteneaQueueBench bench = new AteneaQueueBench(this.redis.url(), "reference")) {
				String queue = "bench_reference";
				bench.publishInBulk(queue, this.settings.messages());
				this.brokerDrainReference = bench.drain(queue, this.settings.messages(), 4);
			}
		}
		double reference = this.brokerDrainReference;
		table.row("broker-only drain, c4 (reference)").add(reference, null, null);
		pipelineRows(table, "PostgreSQL + Redis", postgresNode(), reference);
		try (AteneaNode embedded = AteneaNode.embedded(this.work)) {
			pipelineRows(table, "embedded H2", embedded, reference);
		}
		table.note("Tasks/s: from the first POST until the WebSocket has every task's notification, " + TABLE_CLIENTS
				+ " clients posting at once, once the node is warm (unmeasured rounds of N tasks until its JIT"
				+ " compiler is nearly idle). The paced run posts at a fixed rate, new items, open loop."
				+ " Celery and BullMQ have no HTTP pipeline to compare.");
		table.note("GET (PostgreSQL + Redis): one item read, the cheapest authenticated call (token check,"
				+ " one SELECT in a read-only transaction), by the same clients, " + CEILING_CALLS_PER_TASK
				+ " calls per task of N after an unmeasured pass of the same size: the node's ceiling for any"
				+ " call from this client on this machine. A task needs a POST that commits, then two commits"
				+ " in the worker.");
		return table;
	}

	private void pipelineRows(Table table, String label, AteneaNode node, double reference) throws Exception {
		int n = this.settings.tasks();
		int rate = this.settings.rate();
		String token = node.createUsers(1).get(0);
		try (HttpLoad load = new HttpLoad(node.baseUrl()); Sockets socket = new Sockets()) {
			warmUp(node, load, token);
			table.note(label + " warm-up: " + this.warmUps.get(node) + ".");
			List<String> flatItems = load.createItems(token, n, TABLE_CLIENTS);
			List<String> pacedItems = load.createItems(token, n, TABLE_CLIENTS);
			socket.open(node.wsUrl(), List.of(token), 1);

			long started = System.nanoTime();
			List<Double> flat = load.generateFlatOut(token, flatItems, TABLE_CLIENTS);
			socket.awaitNotifications(n, Duration.ofMinutes(10));
			double perSecond = n / ((System.nanoTime() - started) / 1e9);

			List<Double> paced = load.generatePaced(List.of(token), pacedItems, rate);
			socket.awaitNotifications(2L * n, Duration.ofMinutes(10));

			Table.Row tasks = table.row(label + ": tasks/s");
			tasks.add(perSecond, null, null);
			if (label.startsWith("PostgreSQL")) {
				tasks.targetValue(">= half the broker-only drain", (v) -> v >= reference / 2);
			}
			table.row(label + ": POST p50 ms, " + TABLE_CLIENTS + " clients")
				.add(Stats.percentile(flat, 0.5), null, null);
			table.row(label + ": POST p99 ms, " + TABLE_CLIENTS + " clients")
				.add(Stats.percentile(flat, 0.99), null, null);
			table.row(label + ": POST p50 ms at " + rate + "/s").add(Stats.percentile(paced, 0.5), null, null);
			Table.Row p99 = table.row(label + ": POST p99 ms at " + rate + "/s")
				.add(Stats.percentile(paced, 0.99), null, null);
			if (label.startsWith("PostgreSQL")) {
				p99.targetValue("< 10 ms at 200/s", (v) -> v < 10);
				table.row(label + ": GET calls/s, " + TABLE_CLIENTS + " clients")
					.add(readCeiling(load, token, pacedItems.get(0)), null, null);
			}
		}
	}

	/**
	 * Reads one item {@link #CEILING_CALLS_PER_TASK} times per task of N, twice, and
	 * keeps the second rate: the first pass warms the read path the pipeline's warm-up
	 * did not run.
	 */
	private double readCeiling(HttpLoad load, String token, String item) throws InterruptedException {
		int calls = CEILING_CALLS_PER_TASK * this.settings.tasks();
		load.readFlatOut(token, item, calls, TABLE_CLIENTS);
		return load.readFlatOut(token, item, calls, TABLE_CLIENTS);
	}

	/**
	 * Runs unmeasured rounds of the pipeline until the node's JIT compiler is nearly idle
	 * (under {@link #JIT_SETTLED} during a round): at least one round, and no round
	 * started after {@link BenchSettings#nodeWarmUpSeconds()}. When the JIT's counters
	 * cannot be read, the rounds go on until that time and the note says so. A server
	 * runs warm; a cold one on two cores spends a core compiling for its first minute or
	 * two of load (about 80 s of C2 time, {@code jstat -compiler}), and a request that
	 * waits for that core is the JIT's latency, not the server's. Once per node.
	 */
	private void warmUp(AteneaNode node, HttpLoad load, String token) throws Exception {
		if (this.warmUps.containsKey(node)) {
			return;
		}
		int n = this.settings.tasks();
		long started = System.nanoTime();
		long deadline = started + Duration.ofSeconds(this.settings.nodeWarmUpSeconds()).toNanos();
		int round = 0;
		double jitShare;
		try (Sockets socket = new Sockets()) {
			socket.open(node.wsUrl(), List.of(token), 1);
			do {
				round++;
				List<String> items = load.createItems(token, n, TABLE_CLIENTS);
				double compiledBefore = node.compilationSeconds();
				long roundStarted = System.nanoTime();
				load.generateFlatOut(token, items, TABLE_CLIENTS);
				socket.awaitNotifications((long) round * n, Duration.ofMinutes(10));
				double seconds = (System.nanoTime() - roundStarted) / 1e9;
				jitShare = (node.compilationSeconds() - compiledBefore) / seconds;
			}
			while (!(jitShare < JIT_SETTLED) && System.nanoTime() < deadline);
		}
		String jit = Double.isNaN(jitShare) ? "JIT time unknown (jcmd could not read the node's counters)"
				: String.format("the JIT compiling %.0f ms a second in the last", jitShare * 1000);
		this.warmUps.put(node, String.format("%d %s in %.0f s, %s", round, (round == 1) ? "round" : "rounds",
				(System.nanoTime() - started) / 1e9, jit));
	}

	private Table notifications() throws Exception {
		int clients = this.settings.clients();
		int users = Math.max(1, clients / 10);
		int rounds = 3;
		Table table = new Table("4. Notification latency, " + clients + " WebSocket clients (" + users
				+ " users, 10 tabs each), " + rounds * users + " tasks (Atenea only, PostgreSQL + Redis)");
		AteneaNode node = postgresNode();
		List<String> tokens = node.createUsers(users);
		try (HttpLoad load = new HttpLoad(node.baseUrl()); Sockets sockets = new Sockets()) {
			warmUp(node, load, tokens.get(0));
			table.note("Node warm-up: " + this.warmUps.get(node) + ".");
			List<String> items = new ArrayList<>();
			List<String> owners = new ArrayList<>();
			for (String token : tokens) {
				items.addAll(load.createItems(token, rounds, 1));
				for (int i = 0; i < rounds; i++) {
					owners.add(token);
				}
			}
			sockets.open(node.wsUrl(), tokens, clients);
			load.generatePaced(owners, items, Math.min(100, this.settings.rate()));
			sockets.awaitNotifications((long) items.size() * (clients / users), Duration.ofMinutes(5));
			List<Double> latencies = sockets.latenciesMs();
			table.row("completion to client receipt, p50 ms").add(Stats.percentile(latencies, 0.5), null, null);
			table.row("completion to client receipt, p99 ms")
				.add(Stats.percentile(latencies, 0.99), null, null)
				.targetValue("< 50 ms", (v) -> v < 50);
			table.row("notifications received").add((double) latencies.size(), null, null);
		}
		table.note("From the notification's created_at, stamped in the worker's completing transaction, to the"
				+ " client's receipt; generate calls paced at 100/s. Celery and BullMQ have no WebSocket layer.");
		return table;
	}

	private Table sockets() throws Exception {
		int count = this.settings.sockets();
		Table table = new Table(
				"5. Capacity, " + count + " idle WebSockets on one web node (Atenea only, " + AteneaNode.HEAP + ")");
		AteneaNode node = postgresNode();
		List<String> tokens = node.createUsers(Math.max(1, count / 100));
		double heapBefore = node.heapUsedAfterGcMegabytes();
		double rssBefore = node.rssMegabytes();
		try (Sockets sockets = new Sockets()) {
			int opened = sockets.tryOpen(node.wsUrl(), tokens, count);
			table.row("sockets open and greeted")
				.add((double) opened, null, null)
				.targetValue("all " + count, (v) -> v >= count);
			if (opened < count) {
				table.note("Only " + opened + " of " + count + " sockets opened; see the node's log ("
						+ "OutOfMemoryError means the heap is too small for them).");
			}
			double heap = node.heapUsedAfterGcMegabytes();
			double rss = node.rssMegabytes();
			table.row("heap used after GC, MB, before").add(heapBefore, null, null);
			table.row("heap used after GC, MB, with the sockets")
				.add(heap, null, null)
				.targetValue("<= 512 MB", (v) -> v <= 512);
			table.row("RSS, MB, before").add(rssBefore, null, null);
			table.row("RSS, MB, with the sockets").add(rss, null, null);
			table.row("heap per socket, KB").add((heap - heapBefore) * 1024 / count, null, null);
		}
		return table;
	}

	private AteneaNode postgresNode() {
		if (this.postgresNode == null) {
			this.postgresNode = AteneaNode.onPostgresAndRedis(this.work, this.redis.url());
		}
		return this.postgresNode;
	}

	/**
	 * Keeps the workers' lifecycle lines out of the tables.
	 */
	static void quietLogs() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
		}
	}

	private static Double quotient(Double a, Double b) {
		return (a == null || b == null) ? null : a / b;
	}

	@Override
	public void close() throws Exception {
		if (this.postgresNode != null) {
			this.postgresNode.close();
		}
		this.redis.close();
		deleteQuietly(this.work);
	}

	private static void deleteQuietly(Path directory) {
		try (var files = Files.walk(directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// Leftovers under target/ go with the next clean.
		}
	}

}
