package dev.atenea.web;

import java.time.Duration;
import java.util.Map;

import dev.atenea.support.ApiClient;
import dev.atenea.support.IntegrationTestBase;
import dev.atenea.support.NotificationSocket;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another user's items, tasks, notifications and files answer 404, as if they did not
 * exist, and another user's notifications never reach one's socket.
 */
class OwnershipIT extends IntegrationTestBase {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private ApiClient alice;

	private ApiClient bob;

	private String image;

	private String task;

	private String outputUrl;

	private String notification;

	@BeforeEach
	void aliceMakesAnImage() {
		this.alice = newUser();
		this.bob = newUser();
		this.image = createItem(this.alice, "images", Map.of("prompt", "alice's secret garden"));
		this.task = generate(this.alice, "images", this.image).get("uuid").asString();
		awaitFinished(this.alice, this.task, WAIT);
		this.outputUrl = this.alice.get("/api/images/" + this.image).json().get("output_url").asString();
		this.notification = this.alice.get("/api/notifications").json().get("results").get(0).get("uuid").asString();
	}

	@Test
	void anotherUsersItemIsNotFound() {
		assertNotFound(this.bob.get("/api/images/" + this.image));
		assertNotFound(this.bob.get("/api/videos/" + this.image));
		assertNotFound(this.bob.postEmpty("/api/images/" + this.image + "/generate"));
		assertThat(this.bob.get("/api/images").json().get("count").asInt()).isZero();
	}

	@Test
	void anotherUsersTaskIsNotFound() {
		assertNotFound(this.bob.get("/api/tasks/" + this.task));
		assertNotFound(this.bob.postEmpty("/api/tasks/" + this.task + "/cancel"));
		assertThat(this.bob.get("/api/tasks").json().get("count").asInt()).isZero();
	}

	@Test
	void anotherUsersNotificationIsNotFound() {
		assertNotFound(this.bob.postEmpty("/api/notifications/" + this.notification + "/read"));
		assertThat(this.bob.get("/api/notifications").json().get("count").asInt()).isZero();
		assertThat(this.alice.get("/api/notifications?unread=true").json().get("count").asInt()).isEqualTo(1);
	}

	@Test
	void anotherUsersFileIsNotFound() {
		assertNotFound(this.bob.get(this.outputUrl));
		assertThat(ApiClient.anonymous(baseUrl()).get(this.outputUrl).status()).isEqualTo(401);
		assertThat(this.alice.get(this.outputUrl).status()).isEqualTo(200);
	}

	@Test
	void anotherUsersSocketCannotMarkTheNotificationRead() throws Exception {
		try (NotificationSocket socket = NotificationSocket.connect(this.bob)) {
			socket.next(WAIT);

			socket.send(Map.of("action", "mark_read", "notification_uuid", this.notification));

			JsonNode answer = socket.next(WAIT);
			assertThat(answer.get("status").asString()).isEqualTo("error");
		}
		assertThat(this.alice.get("/api/notifications?unread=true").json().get("count").asInt()).isEqualTo(1);
	}

	@Test
	void anotherUsersSocketNeverSeesTheirNotifications() throws Exception {
		try (NotificationSocket bobs = NotificationSocket.connect(this.bob);
				NotificationSocket alices = NotificationSocket.connect(this.alice)) {
			assertThat(bobs.next(WAIT).get("count").asInt()).isZero();

			String another = createItem(this.alice, "images", Map.of("prompt", "another secret"));
			generate(this.alice, "images", another);
			alices.nextMatching((f) -> f.path("type").asString("").equals("notification_message"), WAIT);
			Thread.sleep(300);

			assertThat(bobs.drain()).isEmpty();
		}
	}

	private static void assertNotFound(ApiClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(404);
		assertThat(response.json().get("error").get("code").asString()).isEqualTo("not_found");
	}

}
