package dev.atenea.provider.remote;

import java.time.Duration;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.ProviderDescriptor;

/**
 * A provider called through the JDK HTTP client: its service's settings, the classifier
 * of its failures, its HTTP calls and what it offers. Available once its API key is set,
 * unless the subclass needs more.
 */
public abstract class HttpProvider implements GenerationProvider {

	private final ServiceProperties properties;

	private final ProviderFailures failures;

	private final HttpCalls http;

	private final ProviderDescriptor descriptor;

	/**
	 * @param service the service's name, as failures show it to users
	 */
	protected HttpProvider(String service, ServiceProperties properties, ProviderDescriptor descriptor) {
		this.properties = properties;
		this.failures = new ProviderFailures(service, properties);
		this.http = new HttpCalls(properties, this.failures);
		this.descriptor = descriptor;
	}

	@Override
	public ProviderDescriptor descriptor() {
		return this.descriptor;
	}

	@Override
	public boolean isAvailable() {
		return this.properties.hasApiKey();
	}

	@Override
	public Duration pollInterval() {
		return this.properties.pollInterval();
	}

	protected ServiceProperties properties() {
		return this.properties;
	}

	protected ProviderFailures failures() {
		return this.failures;
	}

	protected HttpCalls http() {
		return this.http;
	}

}
