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
 * processes publishing in the same interval while one waits add nothing.
 */
@Component
@ConditionalOnProperty(name = "atenea.worker.enabled", havingValue = "true", matchIfMissing = true)
class HousekeepingScheduler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(HousekeepingScheduler.class);

	private final Broker broker;

	private final Duration interval;

	private final Clock clock;

	private ScheduledExecutorService timer;

	HousekeepingScheduler(Broker broker, GenerationProperties properties, Clock clock) {
		this.broker = broker;
		this.interval = properties.housekeepingInterval();
		this.clock = clock;
	}

	@Override
	public void start() {
		this.timer = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("atenea-housekeeping-timer").daemon(true).factory());
		this.timer.scheduleAtFixedRate(this::publish, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
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

	private void publish() {
		long slot = this.clock.millis() / this.interval.toMillis();
		try {
			this.broker.publish(new Message("housekeeping-" + slot, Queues.MAINTENANCE, GenerationMessages.HOUSEKEEPING,
					Message.DEFAULT_PRIORITY, Map.of()), Duration.ZERO);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not schedule housekeeping: {}", ex.toString());
		}
	}

}
