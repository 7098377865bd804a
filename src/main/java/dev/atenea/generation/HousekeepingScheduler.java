package dev.atenea.generation;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.atenea.queue.Broker;
import dev.atenea.queue.Message;
import dev.atenea.queue.Queues;
import dev.atenea.queue.WorkerProperties;
import dev.atenea.queue.WorkerRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Puts a housekeeping message on the {@code maintenance} queue every
 * {@link GenerationProperties#housekeepingInterval()}, like Celery beat.
 *
 * <p>
 * Every worker process runs one, yet the messages do not pile up: the message id is the
 * number of the interval since the epoch, and a broker keeps one live message per id, so
 * processes publishing in the same interval while one waits add nothing; and while a
 * message still waits from an earlier interval nothing new is added, since the one
 * waiting does the same sweep.
 *
 * <p>
 * When no live worker serves {@code maintenance} (dedicated pools that left it out),
 * housekeeping never runs and lost task messages are never sent again; the worker
 * registry shows it, and that is logged once as a warning, and once more when a worker
 * serves it again.
 */
@Component
@ConditionalOnProperty(name = "atenea.worker.enabled", havingValue = "true", matchIfMissing = true)
class HousekeepingScheduler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(HousekeepingScheduler.class);

	private final Broker broker;

	private final WorkerRegistry registry;

	private final boolean servesMaintenance;

	private final Duration interval;

	private final Clock clock;

	private ScheduledExecutorService timer;

	/** Whether the last tick found no worker serving maintenance; timer thread only. */
	private boolean unserved;

	HousekeepingScheduler(Broker broker, WorkerRegistry registry, WorkerProperties workerProperties,
			GenerationProperties properties, Clock clock) {
		this.broker = broker;
		this.registry = registry;
		this.servesMaintenance = workerProperties.queues().contains(Queues.MAINTENANCE);
		this.interval = properties.housekeepingInterval();
		this.clock = clock;
	}

	@Override
	public void start() {
		this.timer = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("atenea-housekeeping-timer").daemon(true).factory());
		this.timer.scheduleAtFixedRate(this::tick, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.timer.shutdownNow();
		this.timer = null;
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

	void tick() {
		try {
			checkServed();
			if (this.broker.depth(Queues.MAINTENANCE).pending() > 0) {
				// the one waiting does the same sweep
				return;
			}
			long slot = this.clock.millis() / this.interval.toMillis();
			this.broker.publish(new Message("housekeeping-" + slot, Queues.MAINTENANCE, GenerationMessages.HOUSEKEEPING,
					Message.DEFAULT_PRIORITY, Map.of()), Duration.ZERO);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not schedule housekeeping: {}", ex.toString());
		}
	}

	private void checkServed() {
		boolean served = this.servesMaintenance || this.registry.liveWorkers()
			.stream()
			.anyMatch((worker) -> worker.queues().contains(Queues.MAINTENANCE));
		if (!served && !this.unserved) {
			logger.warn(
					"No live worker serves the {} queue, so housekeeping waits there and lost task messages "
							+ "are not sent again; start a worker with {} among its queues (-Q {},...)",
					Queues.MAINTENANCE, Queues.MAINTENANCE, Queues.MAINTENANCE);
		}
		else if (served && this.unserved) {
			logger.info("A worker serves the {} queue again", Queues.MAINTENANCE);
		}
		this.unserved = !served;
	}

}
