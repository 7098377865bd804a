package dev.atenea.system.redis;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Redis that joins web nodes and workers: broker, channel layer, worker registry and
 * clock.
 *
 * @param url where it is, e.g. {@code redis://localhost:6379/0}; set by
 * {@code REDIS_URL}. Without it everything runs in one process.
 * @param keyPrefix the start of every key and channel Atenea uses, so several deployments
 * can share one Redis
 * @param commandTimeout how long a command may take before it fails (blocking reads get
 * their own wait on top)
 */
@Validated
@ConfigurationProperties("atenea.redis")
public record RedisProperties(String url,
		@DefaultValue("atenea") @NotBlank @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}") String keyPrefix,
		@DefaultValue("10s") Duration commandTimeout) {
}
