package dev.atenea.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.atenea.support.ApiClient;
import dev.atenea.support.IntegrationTestBase;
import dev.atenea.support.NotificationSocket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationSocketIT extends IntegrationTestBase {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void sendsTheUnreadCountThenEachNotificationAndMarksThemRead() throws Exception {
		ApiClient alice = newUser();
		try (NotificationSocket socket = NotificationSocket.connect(alice)) {
			assertThat(socket.next(WAIT)).isEqualTo(frame(Map.of("type", "pending_count", "count", 0)));

			String item = createItem(alice, "images", Map.of("prompt", "a harbour"));
			String task = generate(alice, "images", item).get("uuid").asString();
			JsonNode message = socket.nextMatching(isType("notification_message"), WAIT);

			JsonNode data = message.get("data");
			assertThat(data.get("type").asString()).isEqualTo("generation_completed");
			assertThat(data.get("read").asBoolean()).isFalse();
			assertThat(data.get("action_url").asString()).isEqualTo("/images/" + item);
			assertThat(data.has("uuid") && data.has("title") && data.has("message") && data.has("created_at")).isTrue();
			assertThat(alice.get("/api/tasks/" + task).json().get("status").asString()).isEqualTo("completed");

			socket.send(Map.of("action", "mark_read", "notification_uuid", data.get("uuid").asString()));
			JsonNode answer = socket.nextMatching((f) -> f.has("status"), WAIT);

			assertThat(answer.get("status").asString()).isEqualTo("success");
			assertThat(answer.get("notification_uuid").asString()).isEqualTo(data.get("uuid").asString());
			assertThat(answer.get("count").asInt()).isZero();
		}
	}

	@Test
	void pushesTheProgressOfTheUsersTasks() throws Exception {
		ApiClient alice = newUser();
		try (NotificationSocket socket = NotificationSocket.connect(alice)) {
			String item = createItem(alice, "images", Map.of("prompt", "a tram"));
			generate(alice, "images", item);

			JsonNode completed = socket.nextMatching(
					(f) -> isType("task_update").test(f) && f.get("data").get("status").asString().equals("completed"),
					WAIT);

			assertThat(completed.get("data").get("item_uuid").asString()).isEqualTo(item);
			assertThat(completed.get("data").get("progress").asInt()).isEqualTo(100);
		}
	}

	@Test
	void aNewConnectionCountsWhatIsStillUnread() throws Exception {
		ApiClient alice = newUser();
		for (int i = 0; i < 3; i++) {
			String item = createItem(alice, "images", Map.of("prompt", "picture " + i));
			awaitFinished(alice, generate(alice, "images", item).get("uuid").asString(), WAIT);
		}

		try (NotificationSocket socket = NotificationSocket.connect(alice)) {
			assertThat(socket.next(WAIT).get("count").asInt()).isEqualTo(3);

			socket.send(Map.of("action", "mark_all_read"));

			JsonNode answer = socket.nextMatching((f) -> f.has("status"), WAIT);
			assertThat(answer.get("status").asString()).isEqualTo("success");
			assertThat(answer.get("count").asInt()).isZero();
		}
	}

	@Test
	void everyOpenConnectionOfTheUserGetsTheNotification() throws Exception {
		ApiClient alice = newUser();
		try (NotificationSocket first = NotificationSocket.connect(alice);
				NotificationSocket second = NotificationSocket.connect(alice)) {
			String item = createItem(alice, "images", Map.of("prompt", "two tabs"));
			generate(alice, "images", item);

			assertThat(first.nextMatching(isType("notification_message"), WAIT)).isNotNull();
			assertThat(second.nextMatching(isType("notification_message"), WAIT)).isNotNull();
		}
	}

	@Test
	void badFramesGetAnErrorAndTheConnectionStaysOpen() throws Exception {
		ApiClient alice = newUser();
		try (NotificationSocket socket = NotificationSocket.connect(alice)) {
			socket.next(WAIT);

			socket.sendRaw("{not json");
			assertThat(socket.next(WAIT).get("status").asString()).isEqualTo("error");
			socket.send(Map.of("action", "launch_rockets"));
			JsonNode unknown = socket.next(WAIT);
			assertThat(unknown.path("error").asString("")).as(unknown.toString()).contains("Unknown action");
			socket.send(Map.of("action", "mark_read", "notification_uuid", "not-a-uuid"));
			assertThat(socket.next(WAIT).get("status").asString()).isEqualTo("error");
			socket.sendRaw("[1, 2]");
			assertThat(socket.next(WAIT).get("status").asString()).isEqualTo("error");

			socket.send(Map.of("action", "mark_all_read"));
			assertThat(socket.nextMatching((f) -> f.has("status"), WAIT).get("status").asString()).isEqualTo("success");
			assertThat(socket.isOpen()).isTrue();
		}
	}

	@Test
	void refusesAHandshakeWithoutValidCredentials() {
		assertThat(handshakeStatus(Map.of())).isEqualTo(401);
		assertThat(handshakeStatus(Map.of("Authorization", "Bearer not-a-token"))).isEqualTo(401);
	}

	@Test
	void refusesAHandshakeFromAForeignOrigin() {
		ApiClient alice = newUser();

		int status = handshakeStatus(
				Map.of("Authorization", "Bearer " + alice.token(), "Origin", "https://evil.example"));

		assertThat(status).isEqualTo(403);
		assertThat(handshakeStatus(
				Map.of("Authorization", "Bearer " + alice.token(), "Origin", "http://127.0.0.1:" + this.port)))
			.as("the server's own origin")
			.isEqualTo(101);
	}

	/**
	 * The HTTP status a handshake with these headers gets: 101 when it is accepted.
	 */
	private int handshakeStatus(Map<String, String> headers) {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
		headers.forEach(builder::header);
		try {
			WebSocket socket = builder
				.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/ws/notifications/"), new WebSocket.Listener() {
				})
				.get(10, TimeUnit.SECONDS);
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
			return 101;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw new AssertionError(ex);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private static Predicate<JsonNode> isType(String type) {
		return (frame) -> frame.has("type") && frame.get("type").asString().equals(type);
	}

	private static JsonNode frame(Map<String, Object> fields) {
		return JsonMapper.builder().build().valueToTree(fields);
	}

}
