package dev.atenea.provider.remote;

import java.time.Duration;
import java.util.function.Supplier;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote provider behind a concurrency limit (bulkhead), a rate limiter and a circuit
 * breaker, all per provider and per process.
 *
 * <p>
 * A call any of them holds back never reaches the provider, so it is answered with
 * {@link ProviderException#deferred}: the task waits and runs the same attempt later
 * instead of spending one of its retries. Without that, an outage would burn every queued
 * task's retries within minutes; with it, tasks wait out the outage while the breaker
 * lets a few calls through to probe. Only failures that say the service is unwell (5xx,
 * 429, timeouts, dropped connections) count against the breaker; a refusal of one prompt
 * says nothing about the service.
 */
public final class ResilientProvider implements GenerationProvider, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ResilientProvider.class);

	private final GenerationProvider delegate;

	private final ServiceProperties properties;

	private final Bulkhead bulkhead;

	private final RateLimiter rateLimiter;

	private final CircuitBreaker breaker;

	public ResilientProvider(GenerationProvider delegate, ServiceProperties properties) {
		this.delegate = delegate;
		this.properties = properties;
		String name = delegate.kind().singular() + "-" + delegate.name();
		this.bulkhead = Bulkhead.of(name,
				BulkheadConfig.custom()
					.maxConcurrentCalls(properties.maxConcurrentCalls())
					.maxWaitDuration(Duration.ZERO)
					.build());
		this.rateLimiter = RateLimiter.of(name,
				RateLimiterConfig.custom()
					.limitForPeriod(properties.rateLimit())
					.limitRefreshPeriod(properties.rateLimitPeriod())
					.timeoutDuration(properties.rateLimitWait())
					.build());
		this.breaker = CircuitBreaker.of(name,
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(properties.breakerWindow())
					.minimumNumberOfCalls(properties.breakerMinimumCalls())
					.failureRateThreshold(properties.breakerFailureRate())
					.waitDurationInOpenState(properties.breakerOpenFor())
					.permittedNumberOfCallsInHalfOpenState(1)
					.build());
		this.breaker.getEventPublisher()
			.onStateTransition((event) -> logger.warn("Circuit breaker of {} {}: {}", delegate.name(),
					delegate.kind().singular(), event.getStateTransition()));
	}

	@Override
	public ProviderDescriptor descriptor() {
		return this.delegate.descriptor();
	}

	@Override
	public boolean isAvailable() {
		return this.delegate.isAvailable();
	}

	@Override
	public Duration pollInterval() {
		return this.delegate.pollInterval();
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		return guarded(() -> this.delegate.generate(request));
	}

	@Override
	public ProviderOutcome poll(String operationId, GenerationRequest request) {
		return guarded(() -> this.delegate.poll(operationId, request));
	}

	CircuitBreaker.State breakerState() {
		return this.breaker.getState();
	}

	private ProviderOutcome guarded(Supplier<ProviderOutcome> call) {
		if (!this.bulkhead.tryAcquirePermission()) {
			throw ProviderException.deferred(
					service() + " already has " + this.properties.maxConcurrentCalls()
							+ " calls in flight from this worker; the task will run shortly.",
					this.properties.busyDelay());
		}
		try {
			if (!this.rateLimiter.acquirePermission()) {
				throw ProviderException.deferred(
						"Atenea's rate limit for " + service() + " is reached; the task will run shortly.",
						this.properties.busyDelay());
			}
			if (!this.breaker.tryAcquirePermission()) {
				throw ProviderException.deferred("Calls to " + service()
						+ " are paused after repeated failures; the task will run when " + "they resume.",
						this.properties.breakerOpenFor());
			}
			return recorded(call);
		}
		finally {
			this.bulkhead.onComplete();
		}
	}

	private ProviderOutcome recorded(Supplier<ProviderOutcome> call) {
		long started = this.breaker.getCurrentTimestamp();
		try {
			ProviderOutcome outcome = call.get();
			this.breaker.onSuccess(elapsed(started), this.breaker.getTimestampUnit());
			return outcome;
		}
		catch (ProviderException ex) {
			if (ex.isRetryable()) {
				this.breaker.onError(elapsed(started), this.breaker.getTimestampUnit(), ex);
			}
			else {
				this.breaker.onSuccess(elapsed(started), this.breaker.getTimestampUnit());
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			this.breaker.onError(elapsed(started), this.breaker.getTimestampUnit(), ex);
			throw ex;
		}
	}

	private long elapsed(long started) {
		return this.breaker.getCurrentTimestamp() - started;
	}

	private String service() {
		return this.delegate.name();
	}

	@Override
	public void close() throws Exception {
		if (this.delegate instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

}
