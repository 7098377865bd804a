package dev.atenea.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a running Atenea over HTTP as a program would: JSON and a bearer token.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String token;

	public ApiClient(String baseUrl, String token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	public static ApiClient anonymous(String baseUrl) {
		return new ApiClient(baseUrl, null);
	}

	/**
	 * Signs in with a username and password and returns a client holding the token.
	 */
	public static ApiClient login(String baseUrl, String username, String password) {
		Response response = anonymous(baseUrl).post("/api/auth/token",
				Map.of("username", username, "password", password));
		if (response.status() != 200) {
			throw new IllegalStateException("login failed: " + response);
		}
		return new ApiClient(baseUrl, response.json().get("token").asString());
	}

	public String token() {
		return this.token;
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public Response get(String path) {
		return send(request(path).GET());
	}

	/**
	 * GETs a resource that answers plain text, such as the Prometheus scrape.
	 */
	public Response getText(String path) {
		return send(request(path).setHeader("Accept", "text/plain").GET());
	}

	public Response post(String path, Object body) {
		return postRaw(path, JSON.writeValueAsString(body), "application/json");
	}

	public Response postRaw(String path, String body, String contentType) {
		HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request);
	}

	public Response postEmpty(String path) {
		return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
	}

	public byte[] download(String path) {
		try {
			HttpResponse<byte[]> response = this.http.send(request(path).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json");
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		return request;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP answer.
	 */
	public record Response(int status, String body, Map<String, List<String>> headers) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
