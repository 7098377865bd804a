package dev.atenea.provider;

import java.time.Duration;

/**
 * What a provider answered to a generation or a poll.
 */
public sealed interface ProviderOutcome {

	/**
	 * The media is ready.
	 */
	record Completed(GeneratedMedia media) implements ProviderOutcome {
	}

	/**
	 * The provider accepted the work and will answer later; poll it with the operation
	 * id.
	 *
	 * @param operationId the provider's handle of the work
	 * @param progress how far along it is, 0 to 100, when the provider says so
	 */
	record Pending(String operationId, int progress) implements ProviderOutcome {
	}

	/**
	 * The provider's work ended without media.
	 *
	 * @param reason a message a user can act on; never a stack trace or a raw body
	 * @param retryable whether a new attempt may succeed
	 * @param retryAfter the provider's own hint for the next attempt, or {@code null}
	 */
	record Failed(String reason, boolean retryable, Duration retryAfter) implements ProviderOutcome {

		public static Failed permanently(String reason) {
			return new Failed(reason, false, null);
		}

		public static Failed transiently(String reason) {
			return new Failed(reason, true, null);
		}

	}

	/**
	 * The call was held back before it reached the provider, so the attempt did not
	 * happen: run it again later without counting it.
	 *
	 * @param reason why, in words a user can read
	 * @param retryAfter how long to wait before trying again
	 */
	record Deferred(String reason, Duration retryAfter) implements ProviderOutcome {
	}

}
