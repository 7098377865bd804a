package dev.atenea.provider.remote;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atenea.support.ApiClient;
import dev.atenea.support.IntegrationTestBase;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application with every remote provider configured and pointed at its own WireMock
 * stub on loopback, with short timeouts and polls, and limits high enough that the
 * breaker never opens between tests (its own test is {@code ResilientProviderTest}).
 *
 * <p>
 * Every test sends a prompt of its own and matches stubs on it, so tests share the stubs
 * without seeing each other's requests. After every test the captured log must not
 * contain any configured credential.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class ProviderStubsITBase extends IntegrationTestBase {

	/**
	 * The start of an MP4 (an ISO media {@code ftyp} box), which results must begin with.
	 */
	static final String MP4 = "\0\0\0\u0018ftypisom";

	static final String OPENAI_KEY = "sk-test-openai-SECRET-1f3a9c";

	static final String GEMINI_KEY = "AIza-test-gemini-SECRET-77e2";

	static final String KLING_ACCESS_KEY = "ak-test-kling-ACCESS-55d1";

	static final String KLING_SECRET_KEY = "kling-secret-SECRET-0123456789abcdef0123";

	static final String FREEPIK_KEY = "fp-test-freepik-SECRET-9c04";

	static final String ELEVENLABS_KEY = "el-test-elevenlabs-SECRET-2b8e";

	static final List<String> SECRETS = List.of(OPENAI_KEY, GEMINI_KEY, KLING_ACCESS_KEY, KLING_SECRET_KEY, FREEPIK_KEY,
			ELEVENLABS_KEY);

	/** Longer than the request timeout the providers are given below. */
	static final int TOO_SLOW_MILLIS = 1500;

	static final WireMockServer OPENAI = stub();

	static final WireMockServer GEMINI = stub();

	static final WireMockServer KLING = stub();

	static final WireMockServer FREEPIK = stub();

	static final WireMockServer ELEVENLABS = stub();

	ApiClient user;

	String prompt;

	/** The uuid of the last task this test ran, which its log lines name. */
	String taskUuid;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		configure(registry, "openai", OPENAI, "/v1");
		configure(registry, "gemini", GEMINI, "");
		configure(registry, "kling", KLING, "");
		configure(registry, "freepik", FREEPIK, "");
		configure(registry, "elevenlabs", ELEVENLABS, "");
		registry.add("atenea.provider.openai.api-key", () -> OPENAI_KEY);
		registry.add("atenea.provider.gemini.api-key", () -> GEMINI_KEY);
		registry.add("atenea.provider.kling.access-key", () -> KLING_ACCESS_KEY);
		registry.add("atenea.provider.kling.secret-key", () -> KLING_SECRET_KEY);
		registry.add("atenea.provider.freepik.api-key", () -> FREEPIK_KEY);
		registry.add("atenea.provider.elevenlabs.api-key", () -> ELEVENLABS_KEY);
		registry.add("logging.level.dev.atenea", () -> "DEBUG");
	}

	private static void configure(DynamicPropertyRegistry registry, String provider, WireMockServer server,
			String path) {
		String prefix = "atenea.provider." + provider + ".";
		registry.add(prefix + "base-url", () -> server.baseUrl() + path);
		registry.add(prefix + "request-timeout", () -> "1s");
		registry.add(prefix + "poll-interval", () -> "100ms");
		registry.add(prefix + "rate-limit", () -> "1000");
		registry.add(prefix + "breaker-minimum-calls", () -> "1000");
		registry.add(prefix + "breaker-window", () -> "1000");
	}

	private static WireMockServer stub() {
		WireMockServer server = new WireMockServer(
				WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	@BeforeEach
	void newUserAndPrompt() {
		this.user = newUser();
		this.prompt = "prompt " + UUID.randomUUID();
	}

	@AfterEach
	void noCredentialReachedTheLog(CapturedOutput output) {
		if (this.taskUuid != null) {
			assertThat(output.getAll()).as("the captured log of the worker").contains(this.taskUuid);
		}
		for (String secret : SECRETS) {
			assertThat(output.getAll()).as("the log").doesNotContain(secret);
		}
	}

	/**
	 * Creates an item, generates it and waits for the task to finish.
	 */
	JsonNode generateToTheEnd(String kind, Map<String, Object> item) {
		String uuid = createItem(this.user, kind, item);
		this.taskUuid = generate(this.user, kind, uuid).get("uuid").asString();
		JsonNode task = awaitFinished(this.user, this.taskUuid, Duration.ofSeconds(20));
		for (String secret : SECRETS) {
			assertThat(task.toString()).as("the task").doesNotContain(secret);
		}
		return task;
	}

	JsonNode itemOf(String kind, JsonNode task) {
		return this.user.get("/api/" + kind + "/" + task.get("item_uuid").asString()).json();
	}

	List<JsonNode> notificationsOfType(String type) {
		JsonNode page = this.user.get("/api/notifications?page_size=100").json();
		return page.get("results").valueStream().filter((n) -> n.get("type").asString().equals(type)).toList();
	}

	/**
	 * Asserts the one notification a finished task must have sent, and no other.
	 */
	void assertNotifiedOnce(String type) {
		String other = type.equals("generation_completed") ? "generation_failed" : "generation_completed";
		assertThat(notificationsOfType(type)).hasSize(1);
		assertThat(notificationsOfType(other)).isEmpty();
	}

	/**
	 * Answers the requests {@code request} matches with {@code answers} in order; the
	 * last answer repeats.
	 */
	static void inOrder(WireMockServer server, Supplier<MappingBuilder> request, ResponseDefinitionBuilder... answers) {
		String scenario = UUID.randomUUID().toString();
		for (int i = 0; i < answers.length; i++) {
			String state = (i == 0) ? Scenario.STARTED : "call " + i;
			server.stubFor(request.get()
				.inScenario(scenario)
				.whenScenarioStateIs(state)
				.willSetStateTo((i == answers.length - 1) ? state : "call " + (i + 1))
				.willReturn(answers[i]));
		}
	}

	static Duration between(LoggedRequest first, LoggedRequest second) {
		return Duration.between(first.getLoggedDate().toInstant(), second.getLoggedDate().toInstant());
	}

	static byte[] png() {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
