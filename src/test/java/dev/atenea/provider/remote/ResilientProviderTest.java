package dev.atenea.provider.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.WorkFiles;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ResilientProviderTest {

	private static final GenerationRequest REQUEST = new GenerationRequest(UUID.randomUUID(), UUID.randomUUID(),
			MediaKind.IMAGE, "a prompt", null, Map.of(), 1, new WorkFiles(Path.of("unused"), "call"));

	@Test
	void repeatedOutagesOpenTheBreakerAndLaterCallsAreDeferredWithoutReachingTheProvider() {
		CountingProvider outage = new CountingProvider(() -> {
			throw ProviderException.retryable("HTTP 503", null);
		});
		ResilientProvider provider = new ResilientProvider(outage, properties(4, 3, Duration.ofMinutes(1)));

		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> provider.generate(REQUEST))
				.matches((ex) -> !ex.isDeferred());
		}

		assertThat(provider.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> provider.generate(REQUEST))
			.matches(ProviderException::isDeferred)
			.matches((ex) -> ex.retryAfter().equals(Duration.ofMinutes(1)))
			.withMessageContaining("paused");
		assertThat(outage.calls.get()).isEqualTo(3);
	}

	@Test
	void refusalsOfOnePromptDoNotOpenTheBreaker() {
		CountingProvider refusing = new CountingProvider(() -> {
			throw ProviderException.permanent("content policy", null);
		});
		ResilientProvider provider = new ResilientProvider(refusing, properties(4, 3, Duration.ofMinutes(1)));

		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> provider.generate(REQUEST))
				.matches((ex) -> !ex.isDeferred());
		}

		assertThat(provider.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(refusing.calls.get()).isEqualTo(10);
	}

	@Test
	void aCallBeyondTheConcurrencyLimitIsDeferred() throws Exception {
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CountingProvider slow = new CountingProvider(() -> {
			inside.countDown();
			await(release);
			return new ProviderOutcome.Pending("op", 0);
		});
		ResilientProvider provider = new ResilientProvider(slow, properties(1, 10, Duration.ofMinutes(1)));
		Thread first = Thread.ofVirtual().start(() -> provider.generate(REQUEST));
		inside.await();

		assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> provider.poll("op", REQUEST))
			.matches(ProviderException::isDeferred)
			.withMessageContaining("calls in flight");

		release.countDown();
		first.join();
		assertThat(provider.poll("op", REQUEST)).isInstanceOf(ProviderOutcome.Pending.class);
	}

	private static ServiceProperties properties(int concurrency, int breakerCalls, Duration openFor) {
		return new ServiceProperties("key", null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(1),
				Duration.ofSeconds(1), List.of(), List.of(), concurrency, 1000, Duration.ofSeconds(1), Duration.ZERO,
				Duration.ofSeconds(5), 50, breakerCalls, breakerCalls, openFor);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static final class CountingProvider implements GenerationProvider {

		final AtomicInteger calls = new AtomicInteger();

		private final Supplier<ProviderOutcome> answer;

		CountingProvider(Supplier<ProviderOutcome> answer) {
			this.answer = answer;
		}

		@Override
		public ProviderDescriptor descriptor() {
			return new ProviderDescriptor("counting", MediaKind.IMAGE, List.of("m"), List.of(), List.of(), 64,
					List.of(), Map.of());
		}

		@Override
		public ProviderOutcome generate(GenerationRequest request) {
			this.calls.incrementAndGet();
			return this.answer.get();
		}

		@Override
		public ProviderOutcome poll(String operationId, GenerationRequest request) {
			return generate(request);
		}

	}

}
