package dev.atenea.provider.google;

import java.io.IOException;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.remote.ProviderFailures;
import dev.atenea.provider.remote.ServiceProperties;

/**
 * The Gemini Developer API through Google's official GenAI SDK, for Gemini and Imagen
 * images: one client, and one classification of what the SDK throws. (Veo does not use
 * it: see {@link VeoProvider}.)
 *
 * <p>
 * The SDK's retries are limited to one attempt: our worker owns retries, so a 429 or a
 * 5xx is one attempt that waits in the queue rather than in a worker thread. The SDK does
 * not expose response headers on errors, so Gemini failures carry no Retry-After; Google
 * documents none for this API either.
 */
final class GeminiApi implements AutoCloseable {

	static final String PUBLIC_URL = "https://generativelanguage.googleapis.com";

	static final String API_VERSION = "v1beta";

	private final ServiceProperties properties;

	private final ProviderFailures failures;

	private final Client client;

	GeminiApi(String service, ServiceProperties properties) {
		this.properties = properties;
		this.failures = new ProviderFailures(service, properties);
		this.client = properties.hasApiKey() ? Client.builder()
			.apiKey(properties.apiKey().strip())
			.vertexAI(false)
			.httpOptions(HttpOptions.builder()
				.baseUrl(properties.baseUrlOr(PUBLIC_URL) + "/")
				.apiVersion(API_VERSION)
				.timeout(Math.toIntExact(properties.requestTimeout().toMillis()))
				.retryOptions(HttpRetryOptions.builder().attempts(1).build())
				.build())
			.build() : null;
	}

	boolean isAvailable() {
		return this.client != null;
	}

	Client client() {
		return this.client;
	}

	ProviderFailures failures() {
		return this.failures;
	}

	ServiceProperties properties() {
		return this.properties;
	}

	/**
	 * Runs one SDK call and classifies what it throws.
	 */
	<T> T call(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (ApiException ex) {
			throw classified(ex);
		}
		catch (GenAiIOException ex) {
			if (isUnreadable(ex)) {
				throw this.failures.malformed("a body it could not parse", ex);
			}
			throw this.failures
				.unreachable((ex.getCause() instanceof IOException io) ? io : new IOException("connection failed", ex));
		}
	}

	/**
	 * Google's status word decides where the HTTP status alone would mislead: a 400
	 * {@code FAILED_PRECONDITION} is a billing or region matter, a 429 may be a daily
	 * quota that does not clear for hours.
	 */
	private ProviderException classified(ApiException ex) {
		String status = (ex.status() != null) ? ex.status() : "";
		if (ex.code() == 400 && status.equals("FAILED_PRECONDITION")) {
			return this.failures.quotaExhausted(ex.message());
		}
		return this.failures.forStatus(ex.code(), null, ex.message());
	}

	/**
	 * Whether the SDK failed on the body rather than the connection: it reports both as
	 * an I/O error, with a parse error somewhere down the causes.
	 */
	private static boolean isUnreadable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JsonProcessingException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		if (this.client != null) {
			this.client.close();
		}
	}

}
