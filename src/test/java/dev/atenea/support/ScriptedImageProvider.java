package dev.atenea.support;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;

/**
 * An image provider for tests that does what its prompt says: {@code fail-first:N} fails
 * the first N attempts with a retryable error, {@code fail-always} fails every attempt,
 * {@code reject} refuses for good, {@code throttle:MILLIS} answers 429-style with a
 * Retry-After hint once, {@code slow:MILLIS} takes that long, {@code defer:N} is held
 * back before reaching the provider on its first N calls (as an open circuit breaker
 * does). Anything else succeeds with a tiny PNG. It records when each attempt of each
 * task started.
 */
public class ScriptedImageProvider implements GenerationProvider {

	public static final String NAME = "scripted";

	private final Map<UUID, List<Instant>> attempts = new ConcurrentHashMap<>();

	private final Map<UUID, Integer> deferrals = new ConcurrentHashMap<>();

	@Override
	public ProviderDescriptor descriptor() {
		return new ProviderDescriptor(NAME, MediaKind.IMAGE, List.of("script-1"), List.of(), List.of(), 2048, List.of(),
				Map.of("width", 4, "height", 4));
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		String prompt = request.prompt();
		if (prompt.startsWith("defer:")
				&& this.deferrals.merge(request.taskUuid(), 1, Integer::sum) <= Integer.parseInt(prompt.substring(6))) {
			throw ProviderException.deferred("Scripted circuit breaker is open", Duration.ofMillis(200));
		}
		this.attempts.computeIfAbsent(request.taskUuid(), (uuid) -> new CopyOnWriteArrayList<>()).add(Instant.now());
		if (prompt.startsWith("fail-first:") && request.attempt() <= Integer.parseInt(prompt.substring(11))) {
			throw ProviderException.retryable("Scripted outage on attempt " + request.attempt(), null);
		}
		if (prompt.equals("fail-always")) {
			throw ProviderException.retryable("Scripted outage on attempt " + request.attempt(), null);
		}
		if (prompt.equals("reject")) {
			return ProviderOutcome.Failed.permanently("Scripted refusal: the prompt breaks the content policy.");
		}
		if (prompt.startsWith("throttle:") && request.attempt() == 1) {
			throw new ProviderException("Scripted rate limit", true,
					Duration.ofMillis(Long.parseLong(prompt.substring(9))), null);
		}
		if (prompt.startsWith("slow:")) {
			sleep(Duration.ofMillis(Long.parseLong(prompt.substring(5))));
		}
		return new ProviderOutcome.Completed(tinyPng(request.work().file("png")));
	}

	/**
	 * When each attempt of the task started, in order.
	 */
	public List<Instant> attemptsOf(UUID taskUuid) {
		return List.copyOf(this.attempts.getOrDefault(taskUuid, List.of()));
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static GeneratedMedia tinyPng(Path file) {
		try {
			ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
			return new GeneratedMedia(file, "image/png", "png");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
