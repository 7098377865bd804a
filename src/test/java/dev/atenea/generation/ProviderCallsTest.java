package dev.atenea.generation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.system.DataDirectoryProperties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderCallsTest {

	@TempDir
	Path dataDir;

	/**
	 * A provider that fails the way the HTTP adapters do when their thread is
	 * interrupted.
	 */
	private final GenerationProvider interruptible = new GenerationProvider() {

		@Override
		public ProviderDescriptor descriptor() {
			return new ProviderDescriptor("stub", MediaKind.IMAGE, List.of("stub-1"), List.of(5), List.of("1:1"), 0,
					List.of(), Map.of());
		}

		@Override
		public ProviderOutcome generate(GenerationRequest request) {
			throw ProviderException.retryable("Interrupted while calling stub", new InterruptedException());
		}

	};

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@Test
	void aCallCutShortByTheWorkersShutdownIsNoFailedAttempt() {
		ProviderCalls calls = new ProviderCalls(new DataDirectoryProperties(this.dataDir));

		assertThatThrownBy(() -> calls.call(this.interruptible, () -> {
			Thread.currentThread().interrupt();
			return this.interruptible.generate(null);
		})).isInstanceOf(CancellationException.class).hasMessageContaining("shutdown");
	}

	@Test
	void theSameFailureWithoutAnInterruptIsARetryableFailure() {
		ProviderCalls calls = new ProviderCalls(new DataDirectoryProperties(this.dataDir));

		ProviderCalls.Result result = calls.call(this.interruptible, () -> this.interruptible.generate(null));

		assertThat(result.outcome()).isInstanceOfSatisfying(ProviderOutcome.Failed.class,
				(failed) -> assertThat(failed.retryable()).isTrue());
	}

}
