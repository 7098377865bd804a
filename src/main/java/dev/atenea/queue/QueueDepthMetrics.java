package dev.atenea.queue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Gauges of what each queue holds: {@code atenea.queue.depth} by queue and state. A
 * scrape reads all states of a queue at once, so each queue's depth is asked of the
 * broker once per {@link #FRESHNESS} however many gauges read it.
 */
@Component
class QueueDepthMetrics {

	private static final Duration FRESHNESS = Duration.ofSeconds(1);

	private final Broker broker;

	private final Map<String, Reading> readings = new ConcurrentHashMap<>();

	QueueDepthMetrics(Broker broker, MeterRegistry registry) {
		this.broker = broker;
		for (String queue : Queues.ALL) {
			register(registry, queue, "pending", QueueDepth::pending);
			register(registry, queue, "scheduled", QueueDepth::scheduled);
			register(registry, queue, "processing", QueueDepth::processing);
			register(registry, queue, "dead_lettered", QueueDepth::deadLettered);
		}
	}

	private void register(MeterRegistry registry, String queue, String state, ToLongFunction<QueueDepth> value) {
		Gauge.builder("atenea.queue.depth", () -> value.applyAsLong(depth(queue)))
			.description("Messages a queue holds, by state")
			.tag("queue", queue)
			.tag("state", state)
			.register(registry);
	}

	private QueueDepth depth(String queue) {
		long now = System.nanoTime();
		Reading reading = this.readings.get(queue);
		if (reading == null || now - reading.readAt() > FRESHNESS.toNanos()) {
			reading = new Reading(readDepth(queue), now);
			this.readings.put(queue, reading);
		}
		return reading.depth();
	}

	/**
	 * A broker that cannot be reached reads as empty rather than failing the scrape; the
	 * health endpoint reports the outage.
	 */
	private QueueDepth readDepth(String queue) {
		try {
			return this.broker.depth(queue);
		}
		catch (RuntimeException ex) {
			return new QueueDepth(0, 0, 0, 0);
		}
	}

	private record Reading(QueueDepth depth, long readAt) {
	}

}
