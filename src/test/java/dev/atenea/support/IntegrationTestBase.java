package dev.atenea.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import dev.atenea.user.UserService;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * Starts the whole application on a random port, on the embedded default (H2 and the
 * in-process broker) in a fresh data directory, with short retry and poll times. Every
 * test class extending it shares one running application, so tests create their own users
 * and look only at what they made.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "atenea.generation.retry-backoff-initial=300ms", "atenea.generation.retry-backoff-multiplier=3",
				"atenea.generation.retry-jitter=0.1", "atenea.generation.retry-backoff-max=10s",
				"atenea.generation.housekeeping-interval=1h", "atenea.provider.local.video-poll-interval=250ms",
				"atenea.worker.concurrency=4", "atenea.worker.claim-wait=500ms" })
@Import(IntegrationTestBase.TestProviders.class)
public abstract class IntegrationTestBase {

	private static final Path DATA_DIRECTORY = createDataDirectory();

	private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");

	@LocalServerPort
	protected int port;

	@Autowired
	protected UserService users;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("atenea.data-dir", DATA_DIRECTORY::toString);
	}

	protected String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * A new user, signed in with a bearer token.
	 */
	protected ApiClient newUser() {
		String username = "user-" + UUID.randomUUID().toString().substring(0, 12);
		this.users.create(username, "correct horse battery", false);
		return ApiClient.login(baseUrl(), username, "correct horse battery");
	}

	/**
	 * Creates an item through the API and answers its uuid.
	 */
	protected static String createItem(ApiClient client, String kind, Object body) {
		ApiClient.Response response = client.post("/api/" + kind, body);
		if (response.status() != 201) {
			throw new AssertionError("create answered " + response);
		}
		return response.json().get("uuid").asString();
	}

	protected static JsonNode generate(ApiClient client, String kind, String uuid) {
		ApiClient.Response response = client.postEmpty("/api/" + kind + "/" + uuid + "/generate");
		if (response.status() != 200) {
			throw new AssertionError("generate answered " + response);
		}
		return response.json().get("task");
	}

	/**
	 * Polls the task until it has finished, and answers it.
	 */
	protected static JsonNode awaitFinished(ApiClient client, String taskUuid, Duration timeout) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
			last[0] = client.get("/api/tasks/" + taskUuid).json();
			return FINISHED.contains(last[0].get("status").asString());
		});
		return last[0];
	}

	/**
	 * Reads {@code /actuator/prometheus} as Prometheus does, with the token if one is
	 * given.
	 */
	protected ApiClient.Response scrape(String token) {
		return new ApiClient(baseUrl(), token).getText("/actuator/prometheus");
	}

	private static Path createDataDirectory() {
		try {
			Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
			return Files.createTempDirectory(target, "it-data-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestProviders {

		@Bean
		ScriptedImageProvider scriptedImageProvider() {
			return new ScriptedImageProvider();
		}

	}

}
