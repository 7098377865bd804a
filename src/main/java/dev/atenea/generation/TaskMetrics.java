package dev.atenea.generation;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Counts what happens to tasks, per queue and provider, for {@code /actuator/prometheus}.
 * Each event is counted where the task's conditional update won, so a duplicate delivery
 * counts nothing.
 */
@Component
class TaskMetrics {

	private final MeterRegistry registry;

	TaskMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void enqueued(GenerationTask task) {
		count("atenea.tasks.enqueued", task);
	}

	void started(GenerationTask task) {
		count("atenea.tasks.started", task);
	}

	void retried(GenerationTask task) {
		count("atenea.tasks.retried", task);
	}

	/**
	 * Counts a completed task and times it from creation to completion.
	 */
	void completed(GenerationTask task, Duration sinceCreated) {
		count("atenea.tasks.completed", task);
		duration(task, "completed").record(sinceCreated);
	}

	void failed(GenerationTask task, Duration sinceCreated) {
		count("atenea.tasks.failed", task);
		duration(task, "failed").record(sinceCreated);
	}

	private void count(String name, GenerationTask task) {
		Counter.builder(name)
			.tag("queue", task.queue())
			.tag("provider", task.provider())
			.register(this.registry)
			.increment();
	}

	private Timer duration(GenerationTask task, String outcome) {
		return Timer.builder("atenea.task.duration")
			.description("From the task's creation to its outcome, retries included")
			.tag("queue", task.queue())
			.tag("provider", task.provider())
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(50))
			.maximumExpectedValue(Duration.ofMinutes(30))
			.register(this.registry);
	}

}
