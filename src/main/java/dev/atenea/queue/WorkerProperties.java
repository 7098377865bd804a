package dev.atenea.queue;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a worker in this process takes and runs messages.
 *
 * @param enabled whether this process runs a worker; {@code serve} without
 * {@code --with-worker} turns it off
 * @param queues the queues it serves, in the order it visits them
 * @param concurrency how many messages it runs at once
 * @param leaseTime how long a claimed message stays with this worker without a renewal;
 * renewed every third of it while the message runs, and delivered again once it lapses
 * @param claimWait how long one claim blocks waiting for a message (at least 10 ms: an
 * idle worker claims again as soon as a wait ends)
 * @param shutdownGrace how long a stopping worker lets running messages finish before it
 * gives them back to the broker
 * @param maxDeliveries deliveries after which a message is dead-lettered instead of run,
 * so one that kills its worker every time stops crash-looping
 * @param redeliveryDelay how long a message whose handler threw waits before it is
 * delivered again
 */
@Validated
@ConfigurationProperties("atenea.worker")
public record WorkerProperties(@DefaultValue("true") boolean enabled, @DefaultValue( {
		"video_generation", "image_generation", "audio_generation", "scene_processing", "polling_tasks", "maintenance",
		"default" }) @NotEmpty List<String> queues, @DefaultValue("4") @Min(1) @Max(1000) int concurrency,
		@DefaultValue("60s") @DurationMin(seconds = 1) Duration leaseTime,
		@DefaultValue("1s") @DurationMin(millis = 10) Duration claimWait, @DefaultValue("30s") Duration shutdownGrace,
		@DefaultValue("5") @Min(1) int maxDeliveries, @DefaultValue("5s") Duration redeliveryDelay){

	public WorkerProperties {
		queues = List.copyOf(queues);
	}

}
