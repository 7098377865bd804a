package dev.atenea.provider;

import java.time.Duration;

/**
 * A service that turns a prompt into media: the port every provider adapter implements.
 *
 * <p>
 * A synchronous provider answers {@link ProviderOutcome.Completed} from
 * {@link #generate}. An asynchronous one answers {@link ProviderOutcome.Pending} with an
 * operation id; the caller then calls {@link #poll} every {@link #pollInterval()} until
 * it answers completed or failed. Implementations are thread-safe and hold no state
 * between calls that another process would need: a poll may run in a different worker
 * from the one that started the work.
 */
public interface GenerationProvider {

	ProviderDescriptor descriptor();

	/**
	 * Starts or does the work for one attempt.
	 * @throws ProviderException when the provider could not be reached or refused the
	 * call
	 */
	ProviderOutcome generate(GenerationRequest request);

	/**
	 * Checks on work started by {@link #generate}.
	 * @throws ProviderException when the provider could not be reached; a retryable one
	 * means "ask again at the next poll"
	 */
	default ProviderOutcome poll(String operationId, GenerationRequest request) {
		throw new UnsupportedOperationException(descriptor().name() + " answers synchronously and is never polled");
	}

	/**
	 * How long to wait between polls of an asynchronous operation.
	 */
	default Duration pollInterval() {
		return Duration.ofSeconds(30);
	}

	/**
	 * Whether the provider can be used now; a remote provider without credentials is not,
	 * and is then neither offered nor accepted for new items.
	 */
	default boolean isAvailable() {
		return true;
	}

	default String name() {
		return descriptor().name();
	}

	default MediaKind kind() {
		return descriptor().kind();
	}

}
