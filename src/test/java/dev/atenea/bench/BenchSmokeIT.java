package dev.atenea.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark of {@code bench/} at a tiny size, so they stay runnable: each prints
 * its table with figures that make sense. No timing is asserted; this machine is shared.
 * The peers run in the pickup benchmark only, and only where they are installed.
 */
class BenchSmokeIT {

	@Test
	void everyBenchmarkRunsAndPrintsItsTable() throws Exception {
		BenchSettings atenea = BenchSettings.parse(new String[] { "all", "--smoke", "--no-peers" });
		BenchSettings peers = BenchSettings.parse(new String[] { "pickup", "--smoke" });
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

		List<Table> tables;
		List<Table> pickup;
		try (Bench bench = new Bench(atenea, out)) {
			tables = bench.run();
		}
		try (Bench bench = new Bench(peers, out)) {
			pickup = bench.run();
		}

		System.out.println(printed.toString(StandardCharsets.UTF_8));
		assertThat(tables).hasSize(BenchSettings.ALL.size());
		for (Table table : tables) {
			for (Table.Row row : table.rows()) {
				assertThat(row.atenea()).as(row.metric()).isPositive().isFinite();
			}
		}
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("== Machine ==", "1. Broker throughput",
				"2. Pickup latency", "3. Full pipeline", "4. Notification latency", "5. Capacity", "6. Scaling");
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("PostgreSQL + Redis warm-up: 1 round in")
			.contains("the JIT compiling")
			.doesNotContain("JIT time unknown");
		Table.Row p99 = pickup.get(0).rows().get(2);
		if (new Peers(java.nio.file.Path.of("bench"), "", true).celeryAvailable()) {
			assertThat(p99.celery()).isPositive();
		}
		if (new Peers(java.nio.file.Path.of("bench"), "", true).bullmqAvailable()) {
			assertThat(p99.bullmq()).isPositive();
		}
	}

}
