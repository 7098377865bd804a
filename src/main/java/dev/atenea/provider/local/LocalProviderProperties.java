package dev.atenea.provider.local;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the offline {@code local} providers, which draw images, speak text and
 * render videos on this machine without calling any service.
 *
 * @param renderDirectory where video renders keep their state and output while they run
 * and until they are polled; every worker process that may poll a render must share it
 * @param videoFramesPerSecond the frame rate of rendered videos
 * @param videoPollInterval how long callers wait between two polls of a video render
 * @param renderThreads how many videos one process renders at the same time
 * @param renderQueueCapacity how many accepted renders may wait for a free thread before
 * new ones are refused as busy
 * @param renderStaleAfter how long a render may go without a heartbeat before polls treat
 * it as lost because the process that owned it died; the owner beats every second
 * @param renderRetention how long leftover render files are kept before housekeeping
 * deletes them
 * @param espeakCommand the espeak-ng executable, a name looked up on the {@code PATH} or
 * a path
 * @param espeakTimeout how long espeak-ng may take to speak one text before it is killed
 * and the built-in synthesizer speaks instead
 * @param imageLatency extra time the image provider takes per image, to stand in for a
 * remote service in demonstrations and in tests of workers holding work (none by default)
 * @param renderShutdownGrace how long a stopping process lets its running renders finish,
 * so the polls of other workers still collect them
 */
@Validated
@ConfigurationProperties(prefix = "atenea.provider.local")
public record LocalProviderProperties(@DefaultValue("data/renders") @NotNull Path renderDirectory,
		@DefaultValue("24") @Min(1) @Max(60) int videoFramesPerSecond,
		@DefaultValue("2s") @NotNull @DurationMin(millis = 100) Duration videoPollInterval,
		@DefaultValue("2") @Min(1) @Max(32) int renderThreads, @DefaultValue("16") @Min(1) int renderQueueCapacity,
		@DefaultValue("30s") @NotNull @DurationMin(seconds = 5) Duration renderStaleAfter,
		@DefaultValue("1h") @NotNull @DurationMin(minutes = 1) Duration renderRetention,
		@DefaultValue("espeak-ng") @NotBlank String espeakCommand,
		@DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration espeakTimeout,
		@DefaultValue("0s") @NotNull Duration imageLatency,
		@DefaultValue("30s") @NotNull Duration renderShutdownGrace) {

}
