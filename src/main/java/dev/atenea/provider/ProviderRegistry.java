package dev.atenea.provider;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The providers available in this process: those whose credentials are configured, plus
 * the offline {@code local} ones.
 */
@Component
public class ProviderRegistry {

	private final List<GenerationProvider> providers;

	public ProviderRegistry(List<GenerationProvider> providers) {
		this.providers = providers.stream()
			.filter(GenerationProvider::isAvailable)
			.sorted(Comparator.comparing((GenerationProvider p) -> p.kind()).thenComparing(GenerationProvider::name))
			.toList();
	}

	public Optional<GenerationProvider> find(MediaKind kind, String name) {
		return this.providers.stream().filter((p) -> p.kind() == kind && p.name().equals(name)).findFirst();
	}

	public List<ProviderDescriptor> descriptors(MediaKind kind) {
		return this.providers.stream().filter((p) -> p.kind() == kind).map(GenerationProvider::descriptor).toList();
	}

	public List<ProviderDescriptor> descriptors() {
		return this.providers.stream().map(GenerationProvider::descriptor).toList();
	}

}
