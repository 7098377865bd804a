package dev.atenea.provider.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.atenea.provider.ProviderException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP calls to a provider without an SDK, on the JDK's client: sends a request, turns a
 * timeout or a dropped connection into a retryable failure, and reads JSON. Error
 * statuses are left to the caller, which knows the provider's own error codes and falls
 * back on {@link ProviderFailures#forStatus}.
 */
public final class HttpCalls {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client;

	private final ServiceProperties properties;

	private final ProviderFailures failures;

	public HttpCalls(ServiceProperties properties, ProviderFailures failures) {
		this.properties = properties;
		this.failures = failures;
		this.client = HttpClient.newBuilder()
			.connectTimeout(properties.requestTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	/**
	 * A request to the provider with the request timeout set.
	 */
	public HttpRequest.Builder request(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(this.properties.requestTimeout());
	}

	public static HttpRequest.BodyPublisher jsonBody(JsonNode body) {
		return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
	}

	public static JsonMapper json() {
		return JSON;
	}

	/**
	 * Sends the request and answers whatever status came back.
	 * @throws ProviderException a retryable one when no answer came
	 */
	public Answer send(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
					response.headers().firstValue("retry-after"), response.headers().firstValue("retry-after-ms"),
					response.body());
		}
		catch (IOException ex) {
			throw this.failures.unreachable(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ProviderException.retryable("Interrupted while calling " + this.failures.service(), ex);
		}
	}

	/**
	 * Downloads a finished result into a file, without credentials: results come from the
	 * provider's CDN by URL, and a key must never go to a host we did not configure.
	 * @throws ProviderException when the download fails; retryable unless the provider
	 * answered a final status
	 */
	public void download(URI uri, Path target) {
		download(uri, target, null, null);
	}

	/**
	 * Downloads a finished result, sending the credential header only when the URL is on
	 * the configured base URL's origin.
	 */
	public void download(URI uri, Path target, String headerName, String headerValue) {
		if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
			throw this.failures.malformed("a result URL that is not http or https", null);
		}
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(this.properties.downloadTimeout()).GET();
		if (headerName != null && sameOrigin(uri, URI.create(this.properties.baseUrlOr("http://invalid")))) {
			builder.header(headerName, headerValue);
		}
		HttpRequest request = builder.build();
		try {
			HttpResponse<Path> response = this.client.send(request, HttpResponse.BodyHandlers.ofFile(target));
			if (response.statusCode() / 100 != 2) {
				Files.deleteIfExists(target);
				throw this.failures.forStatus(response.statusCode(),
						this.failures.retryAfter(response.headers().firstValue("retry-after"), Optional.empty()),
						"downloading the result");
			}
		}
		catch (IOException ex) {
			throw this.failures.unreachable(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ProviderException.retryable("Interrupted while downloading from " + this.failures.service(), ex);
		}
	}

	private static boolean sameOrigin(URI a, URI b) {
		return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
				&& String.valueOf(a.getHost()).equalsIgnoreCase(String.valueOf(b.getHost())) && port(a) == port(b);
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/**
	 * What the provider answered to one request.
	 */
	public record Answer(int status, String contentType, Optional<String> retryAfter, Optional<String> retryAfterMillis,
			byte[] body) {

		public boolean isSuccess() {
			return this.status / 100 == 2;
		}

		/**
		 * The body as JSON, or a missing node when it is not JSON; callers read fields
		 * with {@code path} and treat a missing one as a malformed answer.
		 */
		public JsonNode json() {
			try {
				JsonNode node = (this.body.length > 0) ? JSON.readTree(this.body) : null;
				return (node != null) ? node : JSON.missingNode();
			}
			catch (JacksonException ex) {
				return JSON.missingNode();
			}
		}

	}

}
