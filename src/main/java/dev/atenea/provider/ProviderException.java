package dev.atenea.provider;

import java.time.Duration;

/**
 * A call to a provider that did not get an answer: the network, a timeout, a rate limit,
 * an error status. The provider adapter classifies it once; callers only read
 * {@link #isRetryable()} and {@link #retryAfter()}.
 */
public class ProviderException extends RuntimeException {

	private final boolean retryable;

	private final Duration retryAfter;

	public ProviderException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	public static ProviderException retryable(String message, Throwable cause) {
		return new ProviderException(message, true, null, cause);
	}

	public static ProviderException permanent(String message, Throwable cause) {
		return new ProviderException(message, false, null, cause);
	}

	public boolean isRetryable() {
		return this.retryable;
	}

	/**
	 * The provider's hint for when to try again, or {@code null} when it gave none.
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
