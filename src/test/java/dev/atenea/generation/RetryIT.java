package dev.atenea.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atenea.support.ApiClient;
import dev.atenea.support.IntegrationTestBase;
import dev.atenea.support.ScriptedImageProvider;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class RetryIT extends IntegrationTestBase {

	@Autowired
	ScriptedImageProvider provider;

	@Test
	void aProviderThatFailsTwiceSucceedsOnTheThirdAttemptAfterGrowingWaits() {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "fail-first:2", "provider", "scripted"));

		JsonNode task = awaitFinished(alice, generate(alice, "images", item).get("uuid").asString(),
				Duration.ofSeconds(30));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(3);
		List<Instant> starts = this.provider.attemptsOf(UUID.fromString(task.get("uuid").asString()));
		assertThat(starts).hasSize(3);
		Duration firstWait = Duration.between(starts.get(0), starts.get(1));
		Duration secondWait = Duration.between(starts.get(1), starts.get(2));
		assertThat(firstWait).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		assertThat(secondWait).isGreaterThan(firstWait);
		assertThat(alice.get("/api/images/" + item).json().get("status").asString()).isEqualTo("completed");
		assertThat(notificationsOfType(alice, "generation_completed")).hasSize(1);
		assertThat(notificationsOfType(alice, "generation_failed")).isEmpty();
	}

	@Test
	void aProviderThatAlwaysFailsIsTriedFourTimesThenTheTaskFailsWithOneNotification() throws Exception {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "fail-always", "provider", "scripted"));

		JsonNode task = awaitFinished(alice, generate(alice, "images", item).get("uuid").asString(),
				Duration.ofSeconds(30));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(4);
		assertThat(task.get("max_retries").asInt()).isEqualTo(3);
		assertThat(task.get("error").asString()).contains("Scripted outage on attempt 4");
		assertThat(this.provider.attemptsOf(UUID.fromString(task.get("uuid").asString()))).hasSize(4);
		JsonNode itemView = alice.get("/api/images/" + item).json();
		assertThat(itemView.get("status").asString()).isEqualTo("failed");
		assertThat(itemView.get("output_url").isNull()).isTrue();
		Thread.sleep(500);
		List<JsonNode> failures = notificationsOfType(alice, "generation_failed");
		assertThat(failures).hasSize(1);
		assertThat(failures.get(0).get("action_url").asString()).isEqualTo("/images/" + item);
	}

	@Test
	void aRefusalFailsAtOnceWithoutRetrying() {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "reject", "provider", "scripted"));

		JsonNode task = awaitFinished(alice, generate(alice, "images", item).get("uuid").asString(),
				Duration.ofSeconds(15));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("content policy");
	}

	@Test
	void aRetryAfterHintLongerThanTheBackoffIsHonoured() {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "throttle:1500", "provider", "scripted"));

		JsonNode task = awaitFinished(alice, generate(alice, "images", item).get("uuid").asString(),
				Duration.ofSeconds(15));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		List<Instant> starts = this.provider.attemptsOf(UUID.fromString(task.get("uuid").asString()));
		assertThat(Duration.between(starts.get(0), starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void aTaskWaitingForItsRetryIsQueuedWithItsEta() {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "throttle:3000", "provider", "scripted"));
		String taskUuid = generate(alice, "images", item).get("uuid").asString();

		JsonNode waiting = awaitStatus(alice, taskUuid, "queued", 1);

		assertThat(waiting.get("metadata").get("eta").asString()).isNotBlank();
		assertThat(waiting.get("error").asString()).isEqualTo("Scripted rate limit");
	}

	@Test
	void aCallHeldBackBeforeReachingTheProviderDoesNotUseUpAnAttempt() {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "defer:5", "provider", "scripted"));

		JsonNode task = awaitFinished(alice, generate(alice, "images", item).get("uuid").asString(),
				Duration.ofSeconds(15));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(notificationsOfType(alice, "generation_completed")).hasSize(1);
		assertThat(notificationsOfType(alice, "generation_failed")).isEmpty();
	}

	private static JsonNode awaitStatus(ApiClient client, String taskUuid, String status, int attempts) {
		JsonNode[] last = new JsonNode[1];
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			last[0] = client.get("/api/tasks/" + taskUuid).json();
			return last[0].get("status").asString().equals(status) && last[0].get("attempts").asInt() == attempts;
		});
		return last[0];
	}

	private static List<JsonNode> notificationsOfType(ApiClient client, String type) {
		JsonNode page = client.get("/api/notifications?page_size=100").json();
		return page.get("results").valueStream().filter((n) -> n.get("type").asString().equals(type)).toList();
	}

}
