package dev.atenea.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atenea.AteneaApplication;
import dev.atenea.support.ApiClient;
import dev.atenea.support.FormSession;
import dev.atenea.support.TestRedis;
import dev.atenea.user.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two web nodes, as {@code serve} runs them behind a load balancer without sticky
 * sessions: two applications in this JVM on their own ports, sharing one PostgreSQL
 * schema and one Redis key prefix. One browser (one cookie jar) is sent now to one node,
 * now to the other. The schema is {@code atenea.it.namespace} (default {@code atenea_it})
 * plus {@code _nodes}, emptied first, so it never meets the schema of the other tests.
 */
class SharedSessionsIT {

	private static final String SCHEMA = System.getProperty("atenea.it.namespace", "atenea_it") + "_nodes";

	private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String PASSWORD = "correct horse battery";

	private static TestRedis redis;

	private static Path dataDirectory;

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	@BeforeAll
	static void startTwoNodes() throws Exception {
		try (Connection connection = DriverManager.getConnection(DATABASE, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
		redis = new TestRedis();
		dataDirectory = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
				"it-nodes-");
		nodeA = startNode();
		nodeB = startNode();
	}

	@AfterAll
	static void stopNodes() {
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { nodeA, nodeB }) {
			if (node != null) {
				node.close();
			}
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void aSignInOnOneNodeIsKnownToTheOther() {
		String username = newAccount();
		FormSession browser = new FormSession(url(nodeA));
		browser.get("/login");
		String anonymousSession = sessionId(browser);

		HttpResponse<String> signedIn = browser.post("/login", Map.of("username", username, "password", PASSWORD));

		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		// Session fixation: the id changed at sign-in and the old one is no row any more.
		assertThat(sessionId(browser)).isNotNull().isNotEqualTo(anonymousSession);
		assertThat(sessionRows(anonymousSession)).isZero();
		assertThat(sessionRows(sessionId(browser))).isOne();

		HttpResponse<String> dashboardOnB = browser.switchTo(url(nodeB)).get("/");
		assertThat(dashboardOnB.statusCode()).isEqualTo(200);
		assertThat(dashboardOnB.body()).contains("<span class=\"who\">" + username + "</span>");
	}

	@Test
	void aFormRenderedByOneNodeIsAcceptedByTheOther() {
		String username = newAccount();
		FormSession browser = new FormSession(url(nodeA));
		browser.logIn(username, PASSWORD);
		browser.get("/");
		String prompt = "drawn on A, posted to B " + UUID.randomUUID();

		browser.switchTo(url(nodeB));
		HttpResponse<String> forged = browser.postWithoutCsrf("/images", Map.of("prompt", prompt));
		HttpResponse<String> posted = browser.post("/images", Map.of("prompt", prompt));

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(posted.statusCode()).isEqualTo(302);
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM images WHERE prompt = ?", Integer.class, prompt))
			.isOne();

		// A refused form leaves its errors as flash attributes in the session; the
		// redirect that shows them lands on the other node.
		browser.switchTo(url(nodeA)).get("/");
		browser.switchTo(url(nodeB));
		HttpResponse<String> refused = browser.post("/images", Map.of("prompt", prompt, "width", "wide"));
		assertThat(refused.statusCode()).isEqualTo(302);
		HttpResponse<String> shown = browser.switchTo(url(nodeA)).get("/");
		assertThat(shown.body()).contains("width: Must be a whole number.");
	}

	@Test
	void signingOutOnOneNodeEndsTheSessionOnTheOther() {
		String username = newAccount();
		FormSession browser = new FormSession(url(nodeA));
		browser.logIn(username, PASSWORD);
		assertThat(browser.get("/").statusCode()).isEqualTo(200);
		String signedInSession = sessionId(browser);

		HttpResponse<String> loggedOut = browser.switchTo(url(nodeB)).post("/logout", Map.of());

		assertThat(loggedOut.statusCode()).isEqualTo(302);
		assertThat(loggedOut.headers().firstValue("Location").orElse("")).endsWith("/login?logout");
		assertThat(sessionRows(signedInSession)).isZero();
		HttpResponse<String> afterwards = browser.switchTo(url(nodeA)).get("/");
		assertThat(afterwards.statusCode()).isEqualTo(302);
		assertThat(afterwards.headers().firstValue("Location").orElse("")).endsWith("/login");
		// Nor does the old cookie work on either node when replayed alone.
		assertThat(replay(url(nodeA), signedInSession).statusCode()).isEqualTo(302);
		assertThat(replay(url(nodeB), signedInSession).statusCode()).isEqualTo(302);
	}

	@Test
	void aSessionOutlivesARestartOfTheNodeThatMadeIt() {
		String username = newAccount();
		FormSession browser = new FormSession(url(nodeA));
		browser.logIn(username, PASSWORD);

		nodeA.close();
		nodeA = startNode();

		HttpResponse<String> dashboard = browser.switchTo(url(nodeA)).get("/");
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("<span class=\"who\">" + username + "</span>");
	}

	@Test
	void programsWithABearerTokenMakeNoSession() {
		String username = newAccount();
		ApiClient onA = ApiClient.login(url(nodeA), username, PASSWORD);
		ApiClient onB = new ApiClient(url(nodeB), onA.token());
		int before = allSessionRows();

		for (ApiClient client : List.of(onA, onB)) {
			assertThat(client.get("/api/images").status()).isEqualTo(200);
			assertThat(client.post("/api/images", Map.of("prompt", "by token")).status()).isEqualTo(201);
			assertThat(client.get("/api/notifications").status()).isEqualTo(200);
		}
		assertThat(ApiClient.login(url(nodeB), username, PASSWORD).token()).isNotBlank();
		assertThat(allSessionRows()).isEqualTo(before);
		// Nor does a program without credentials, whatever it accepts.
		assertThat(ApiClient.anonymous(url(nodeA)).get("/api/images").status()).isEqualTo(401);
		assertThat(plainGet(url(nodeB) + "/api/images").statusCode()).isEqualTo(401);

		assertThat(allSessionRows()).isEqualTo(before);
	}

	@Test
	void noPasswordOrHashIsWrittenIntoASession() {
		String username = newAccount();
		String wrongPassword = "wrong-" + UUID.randomUUID();
		FormSession browser = new FormSession(url(nodeA));
		browser.get("/login");
		HttpResponse<String> refused = browser.post("/login", Map.of("username", username, "password", wrongPassword));
		assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/login?error");
		browser.logIn(username, PASSWORD);
		browser.get("/");
		String hash = jdbc().queryForObject("SELECT password_hash FROM users WHERE username = ?", String.class,
				username);

		List<String> attributes = jdbc().query("SELECT attribute_bytes FROM spring_session_attributes",
				(row, number) -> new String(row.getBytes(1), StandardCharsets.ISO_8859_1));

		assertThat(attributes).isNotEmpty();
		assertThat(attributes).noneMatch((bytes) -> bytes.contains(wrongPassword))
			.noneMatch((bytes) -> bytes.contains(PASSWORD))
			.noneMatch((bytes) -> bytes.contains(hash));
	}

	private static ConfigurableApplicationContext startNode() {
		// Command-line arguments, so they win over application.yml as on a real node.
		return new SpringApplicationBuilder(AteneaApplication.class).run("--server.port=0",
				"--atenea.data-dir=" + dataDirectory, "--atenea.worker.enabled=false",
				"--spring.datasource.url=" + DATABASE + "?currentSchema=" + SCHEMA,
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--spring.datasource.hikari.maximum-pool-size=3", "--spring.flyway.default-schema=" + SCHEMA,
				"--atenea.redis.url=" + TestRedis.URL, "--atenea.redis.key-prefix=" + redis.prefix(),
				"--atenea.generation.housekeeping-interval=1h");
	}

	private static String url(ConfigurableApplicationContext node) {
		return "http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port");
	}

	private static String newAccount() {
		String username = "user-" + UUID.randomUUID().toString().substring(0, 12);
		nodeA.getBean(UserService.class).create(username, PASSWORD, false);
		return username;
	}

	private static JdbcTemplate jdbc() {
		return nodeB.getBean(JdbcTemplate.class);
	}

	/**
	 * The session id the browser's cookie names (Spring Session writes it in Base64).
	 */
	private static String sessionId(FormSession browser) {
		String cookie = browser.cookie("SESSION");
		return (cookie != null) ? new String(Base64.getDecoder().decode(cookie), StandardCharsets.US_ASCII) : null;
	}

	private static int sessionRows(String sessionId) {
		return jdbc().queryForObject("SELECT COUNT(*) FROM spring_session WHERE session_id = ?", Integer.class,
				sessionId);
	}

	private static int allSessionRows() {
		return jdbc().queryForObject("SELECT COUNT(*) FROM spring_session", Integer.class);
	}

	/**
	 * A page asked for with nothing but this session's cookie.
	 */
	private static HttpResponse<String> replay(String baseUrl, String sessionId) {
		String cookie = Base64.getEncoder().encodeToString(sessionId.getBytes(StandardCharsets.US_ASCII));
		return send(HttpRequest.newBuilder(URI.create(baseUrl + "/")).header("Cookie", "SESSION=" + cookie).GET());
	}

	private static HttpResponse<String> plainGet(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
