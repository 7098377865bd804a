package dev.atenea.provider.noop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderOutcome;

/**
 * A provider that does no work: it answers at once with a four-byte file, so a benchmark
 * measures Atenea's own cost of a task (HTTP, database, broker, notification) and nothing
 * of a provider's.
 */
class NoopProvider implements GenerationProvider {

	private static final byte[] CONTENT = { 'n', 'o', 'o', 'p' };

	private final ProviderDescriptor descriptor;

	NoopProvider(ProviderDescriptor descriptor) {
		this.descriptor = descriptor;
	}

	@Override
	public ProviderDescriptor descriptor() {
		return this.descriptor;
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		Path file = request.work().file("bin");
		try {
			Files.write(file, CONTENT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ProviderOutcome.Completed(new GeneratedMedia(file, "application/octet-stream", "bin"));
	}

}
