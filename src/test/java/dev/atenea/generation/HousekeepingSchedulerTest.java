package dev.atenea.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.atenea.queue.Queues;
import dev.atenea.queue.WorkerInfo;
import dev.atenea.queue.WorkerProperties;
import dev.atenea.queue.memory.InMemoryBroker;
import dev.atenea.queue.memory.InMemoryWorkerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class HousekeepingSchedulerTest {

	private static final Duration INTERVAL = Duration.ofSeconds(30);

	private static final String UNSERVED = "No live worker serves the maintenance queue";

	private final Instant now = Instant.parse("2026-12-05T08:00:00Z");

	private final InMemoryBroker broker = new InMemoryBroker(Clock.systemUTC());

	private final InMemoryWorkerRegistry registry = new InMemoryWorkerRegistry();

	@Test
	void oneWaitingMessageIsEnoughHoweverManyIntervalsPass() {
		for (int interval = 0; interval < 4; interval++) {
			scheduler(List.of("video_generation"), this.now.plus(INTERVAL.multipliedBy(interval))).tick();
		}

		assertThat(this.broker.depth(Queues.MAINTENANCE).pending()).isEqualTo(1);
	}

	@Test
	void warnsOnceWhileNoLiveWorkerServesMaintenanceAndSaysWhenOneDoes(CapturedOutput output) {
		HousekeepingScheduler scheduler = scheduler(List.of("video_generation"), this.now);

		scheduler.tick();
		scheduler.tick();
		assertThat(output.getOut().split(UNSERVED, -1)).as("warned once").hasSize(2);

		this.registry.heartbeat(new WorkerInfo("w-1", "host", 1, List.of(Queues.MAINTENANCE, "default"), 1, 0,
				Instant.now(), Instant.now()));
		scheduler.tick();
		assertThat(output.getOut()).contains("A worker serves the maintenance queue again");
	}

	@Test
	void aWorkerServingMaintenanceItselfDoesNotWarn(CapturedOutput output) {
		scheduler(List.of(Queues.MAINTENANCE), this.now).tick();

		assertThat(output.getOut()).doesNotContain(UNSERVED);
		assertThat(this.broker.depth(Queues.MAINTENANCE).pending()).isEqualTo(1);
	}

	private HousekeepingScheduler scheduler(List<String> queues, Instant at) {
		WorkerProperties worker = new WorkerProperties(true, queues, 1, Duration.ofSeconds(30), Duration.ofSeconds(1),
				Duration.ofSeconds(5), 5, Duration.ofSeconds(1));
		GenerationProperties generation = new GenerationProperties(3, Duration.ofSeconds(10), 2, Duration.ofMinutes(10),
				0.2, Duration.ofMinutes(30), null, INTERVAL, Duration.ofSeconds(30));
		return new HousekeepingScheduler(this.broker, this.registry, worker, generation,
				Clock.fixed(at, ZoneOffset.UTC));
	}

}
