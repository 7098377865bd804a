package dev.atenea.provider.remote;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import dev.atenea.provider.ProviderException;

/**
 * The one place where what a remote provider answered becomes retryable or final, so
 * every provider fails the same way. A retryable failure (429, 5xx, a timeout, a dropped
 * connection) carries the provider's Retry-After as the next delay; a final one (400,
 * 401, 403, a content-policy refusal, an answer we cannot read) fails the task at once.
 *
 * <p>
 * Messages become the task's error and the user's notification: they say what happened
 * and what to do, quote at most {@link #MAX_DETAIL_LENGTH} characters of the provider's
 * own words with every configured credential blanked out, and never include a stack trace
 * or a raw body.
 */
public final class ProviderFailures {

	static final int MAX_DETAIL_LENGTH = 300;

	/** The longest Retry-After honoured; a longer hint is as good as "later". */
	static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

	private final String service;

	private final ServiceProperties properties;

	private final Clock clock;

	public ProviderFailures(String service, ServiceProperties properties) {
		this(service, properties, Clock.systemUTC());
	}

	ProviderFailures(String service, ServiceProperties properties, Clock clock) {
		this.service = service;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The failure for an HTTP error status, when the provider's own error code said
	 * nothing more specific.
	 * @param retryAfter the provider's Retry-After, if any
	 * @param detail the provider's own message, or null
	 */
	public ProviderException forStatus(int status, Duration retryAfter, String detail) {
		String quoted = quoted(detail);
		return switch (status) {
			case 400, 422 -> ProviderException.permanent(this.service + " refused the request (HTTP " + status + ")"
					+ quoted + ". Check the prompt and options.", null);
			case 401 -> ProviderException.permanent(this.service
					+ " did not accept the configured credentials (HTTP 401); an administrator must check them.", null);
			case 402 -> quotaExhausted(detail);
			case 403 -> ProviderException.permanent(this.service
					+ " denied access (HTTP 403): the account may not use this model or feature" + quoted + ".", null);
			case 404 -> ProviderException.permanent(this.service + " does not know this model or resource (HTTP 404)"
					+ quoted + ". Choose another model.", null);
			case 408, 409, 425, 429 -> throttled(status, retryAfter);
			default -> (status >= 500)
					? new ProviderException(this.service + " had a server error (HTTP " + status + ").", true,
							retryAfter, null)
					: ProviderException
						.permanent(this.service + " refused the request (HTTP " + status + ")" + quoted + ".", null);
		};
	}

	/**
	 * A 429 or similar that asks us to slow down: retried after the provider's hint.
	 */
	public ProviderException throttled(int status, Duration retryAfter) {
		return new ProviderException(this.service + " asked us to slow down (HTTP " + status + ").", true, retryAfter,
				null);
	}

	/**
	 * The account has no credits or quota left; retrying would not help until someone
	 * tops it up.
	 */
	public ProviderException quotaExhausted(String detail) {
		return ProviderException.permanent(this.service + " says the account is out of credits or quota"
				+ quoted(detail) + ". An administrator must top it up.", null);
	}

	/**
	 * The provider refused the prompt or its result under its content policy.
	 */
	public ProviderException refusedContent(String detail) {
		return ProviderException.permanent(this.service + " refused this prompt under its content policy"
				+ quoted(detail) + ". Change the prompt and generate again.", null);
	}

	/**
	 * The provider's job ended without a result, for a reason it gave.
	 */
	public ProviderException jobFailed(String detail) {
		return ProviderException.permanent(this.service + " could not make this" + quoted(detail)
				+ ". Change the prompt or options and generate again.", null);
	}

	/**
	 * An answer we cannot read. It is final: asking again would most likely get the same
	 * answer, and the user learns at once rather than after every retry.
	 */
	public ProviderException malformed(String what, Throwable cause) {
		return ProviderException.permanent(
				this.service + " answered in a form Atenea does not understand (" + what + "); please report it.",
				cause);
	}

	/**
	 * The request did not get an answer: a timeout, a refused or reset connection.
	 */
	public ProviderException unreachable(IOException cause) {
		if (cause instanceof HttpTimeoutException || cause instanceof InterruptedIOException) {
			return ProviderException.retryable(
					this.service + " did not answer within " + this.properties.requestTimeout().toMillis() + " ms.",
					cause);
		}
		String what = (cause instanceof ConnectException) ? "could not connect" : "the connection failed";
		return ProviderException.retryable("Could not reach " + this.service + " (" + what + ").", cause);
	}

	/**
	 * The wait a {@code Retry-After} or {@code retry-after-ms} header asks for, capped at
	 * {@link #MAX_RETRY_AFTER}; null when there is none or it cannot be read.
	 */
	public Duration retryAfter(Optional<String> retryAfter, Optional<String> retryAfterMillis) {
		Duration wait = retryAfterMillis.flatMap(ProviderFailures::millis)
			.or(() -> retryAfter.flatMap(this::secondsOrDate))
			.orElse(null);
		if (wait == null || wait.isNegative()) {
			return null;
		}
		return (wait.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : wait;
	}

	/**
	 * The provider's words, cleaned for a user: credentials blanked, control characters
	 * dropped, capped.
	 */
	public String clean(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String redacted = this.properties.redact(text).replaceAll("\\p{Cntrl}+", " ").strip();
		return (redacted.length() > MAX_DETAIL_LENGTH) ? redacted.substring(0, MAX_DETAIL_LENGTH - 1) + "…" : redacted;
	}

	public String service() {
		return this.service;
	}

	/**
	 * The provider's own words after a colon, without the full stop the caller adds.
	 */
	private String quoted(String detail) {
		String cleaned = clean(detail).replaceAll("[.\\s]+$", "");
		return cleaned.isEmpty() ? "" : ": " + cleaned;
	}

	private Optional<Duration> secondsOrDate(String value) {
		String text = value.strip();
		try {
			return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				return Optional.of(Duration.between(this.clock.instant(), at));
			}
			catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
	}

	private static Optional<Duration> millis(String value) {
		try {
			return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(value.strip()))));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
