package dev.atenea.provider;

import java.time.Duration;

/**
 * A call to a provider that did not get an answer: the network, a timeout, a rate limit,
 * an error status. The provider adapter classifies it once; callers only read
 * {@link #isRetryable()}, {@link #isDeferred()} and {@link #retryAfter()}.
 *
 * <p>
 * The message is shown to the user as the task's error, so it says what happened and what
 * to do in plain words, and never carries a key, a stack trace or a raw body.
 */
public class ProviderException extends RuntimeException {

	private final boolean retryable;

	private final boolean deferred;

	private final Duration retryAfter;

	public ProviderException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
		this(message, retryable, false, retryAfter, cause);
	}

	private ProviderException(String message, boolean retryable, boolean deferred, Duration retryAfter,
			Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
		this.deferred = deferred;
		this.retryAfter = retryAfter;
	}

	public static ProviderException retryable(String message, Throwable cause) {
		return new ProviderException(message, true, null, cause);
	}

	public static ProviderException permanent(String message, Throwable cause) {
		return new ProviderException(message, false, null, cause);
	}

	/**
	 * The call was not made because this process holds it back (the provider's circuit
	 * breaker is open, or its concurrency or rate limit is reached): the attempt should
	 * run again after {@code retryAfter} without counting against the task's retries.
	 */
	public static ProviderException deferred(String message, Duration retryAfter) {
		return new ProviderException(message, true, true, retryAfter, null);
	}

	public boolean isRetryable() {
		return this.retryable;
	}

	/**
	 * Whether the call was held back before reaching the provider; see
	 * {@link #deferred(String, Duration)}.
	 */
	public boolean isDeferred() {
		return this.deferred;
	}

	/**
	 * The provider's hint for when to try again, or {@code null} when it gave none.
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
