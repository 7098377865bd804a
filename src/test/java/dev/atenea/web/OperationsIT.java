package dev.atenea.web;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.atenea.support.ApiClient;
import dev.atenea.support.FormSession;
import dev.atenea.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator scrapes and reads: Prometheus metrics of tasks, queues and sockets,
 * the queue overview scoped to who asks, and the task history.
 */
class OperationsIT extends IntegrationTestBase {

	private static final String PASSWORD = "correct horse battery";

	@Autowired
	private Environment environment;

	@Test
	void healthNamesTheDatabaseAndRedisWhenRedisIsConfigured() {
		var health = staff().get("/actuator/health").json();

		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
		if (this.environment.getProperty("atenea.redis.url") != null) {
			assertThat(health.get("components").get("redis").get("status").asString()).isEqualTo("UP");
		}
		else {
			assertThat(health.get("components").has("redis")).isFalse();
		}
	}

	@Test
	void aCompletedTaskShowsUpInTheMetrics() {
		ApiClient user = newUser();
		String item = createItem(user, "images", Map.of("prompt", "a metric lighthouse", "width", 64, "height", 64));
		awaitFinished(user, generate(user, "images", item).get("uuid").asString(), Duration.ofSeconds(30));

		String metrics = scrape(staff().token()).body();

		assertThat(metrics).contains("atenea_tasks_enqueued_total{provider=\"local\",queue=\"image_generation\"}")
			.contains("atenea_tasks_started_total{provider=\"local\",queue=\"image_generation\"}")
			.contains("atenea_tasks_completed_total{provider=\"local\",queue=\"image_generation\"}")
			.contains("atenea_task_duration_seconds_bucket{")
			.contains("atenea_queue_depth{queue=\"image_generation\",state=\"pending\"}")
			.contains("atenea_websocket_connections")
			.contains("atenea_notification_delivery_seconds_count");
	}

	@Test
	void retriesAndFailuresAreCountedPerProvider() {
		ApiClient user = newUser();
		String item = createItem(user, "images", Map.of("prompt", "fail-first:1", "provider", "scripted"));
		awaitFinished(user, generate(user, "images", item).get("uuid").asString(), Duration.ofSeconds(30));

		String metrics = scrape(staff().token()).body();

		assertThat(metrics).contains("atenea_tasks_retried_total{provider=\"scripted\",queue=\"image_generation\"}");
	}

	@Test
	void aUserSeesTheirOwnTasksOnTheQueuePanelAndStaffSeeEveryone() {
		ApiClient alice = newUser();
		ApiClient bob = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "only alice's", "width", 64, "height", 64));
		String task = generate(alice, "images", item).get("uuid").asString();
		awaitFinished(alice, task, Duration.ofSeconds(30));

		var forAlice = alice.get("/api/queues").json();
		var forBob = bob.get("/api/queues").json();
		var forStaff = staff().get("/api/queues").json();

		assertThat(forAlice.get("scope").asString()).isEqualTo("own");
		assertThat(forAlice.get("tasks").get(0).get("task").get("uuid").asString()).isEqualTo(task);
		assertThat(forBob.get("tasks")).isEmpty();
		assertThat(forBob.get("workers").get(0).get("host").isNull()).isTrue();
		assertThat(forAlice.get("last_hour")).hasSize(60);
		assertThat(forStaff.get("scope").asString()).isEqualTo("all");
		assertThat(forStaff.get("workers").get(0).get("host").asString()).isNotBlank();
		assertThat(forStaff.get("tasks").toString()).contains(task);
	}

	@Test
	void theItemPageShowsEachAttemptOfATaskToItsOwnerOnly() {
		String owner = account(false);
		ApiClient api = ApiClient.login(baseUrl(), owner, PASSWORD);
		String item = createItem(api, "images", Map.of("prompt", "fail-first:1", "provider", "scripted"));
		awaitFinished(api, generate(api, "images", item).get("uuid").asString(), Duration.ofSeconds(30));
		FormSession ownerSession = new FormSession(baseUrl());
		ownerSession.logIn(owner, PASSWORD);
		FormSession otherSession = new FormSession(baseUrl());
		otherSession.logIn(account(false), PASSWORD);

		String page = ownerSession.get("/images/" + item).body();

		assertThat(page).contains("1 of 4")
			.contains("retried")
			.contains("Scripted outage on attempt 1")
			.contains("2 of 4")
			.contains("completed");
		assertThat(otherSession.get("/images/" + item).statusCode()).isEqualTo(404);
	}

	private ApiClient staff() {
		return ApiClient.login(baseUrl(), account(true), PASSWORD);
	}

	private String account(boolean staff) {
		String username = (staff ? "staff-" : "user-") + UUID.randomUUID().toString().substring(0, 8);
		this.users.create(username, PASSWORD, staff);
		return username;
	}

}
