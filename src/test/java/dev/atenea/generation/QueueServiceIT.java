package dev.atenea.generation;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.atenea.support.ApiClient;
import dev.atenea.support.IntegrationTestBase;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueServiceIT extends IntegrationTestBase {

	@Test
	void aSecondGenerateWhileTheFirstIsActiveReturnsTheSameTask() {
		ApiClient alice = newUser();
		String item = createItem(alice, "videos", Map.of("prompt", "a slow sunrise", "duration_seconds", 2));

		JsonNode first = generate(alice, "videos", item);
		JsonNode second = generate(alice, "videos", item);

		assertThat(second.get("uuid").asString()).isEqualTo(first.get("uuid").asString());
		assertThat(first.get("status").asString()).isEqualTo("queued");
		assertThat(first.get("queue").asString()).isEqualTo("video_generation");
		assertThat(first.get("task_id").asString()).isNotBlank();
		awaitFinished(alice, first.get("uuid").asString(), Duration.ofSeconds(60));
		assertThat(alice.get("/api/tasks").json().get("count").asInt()).isEqualTo(1);
	}

	@Test
	void manyGeneratesAtOnceQueueOneTask() throws Exception {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "slow:2000", "provider", "scripted"));
		Callable<String> click = () -> generate(alice, "images", item).get("uuid").asString();

		List<String> tasks;
		try (ExecutorService clicks = Executors.newFixedThreadPool(8)) {
			List<Future<String>> futures = clicks.invokeAll(Collections.nCopies(8, click));
			tasks = futures.stream().map(QueueServiceIT::join).toList();
		}

		assertThat(tasks).containsOnly(tasks.get(0));
		awaitFinished(alice, tasks.get(0), Duration.ofSeconds(30));
		assertThat(alice.get("/api/tasks").json().get("count").asInt()).isEqualTo(1);
		assertThat(alice.get("/api/notifications").json().get("count").asInt()).isEqualTo(1);
	}

	@Test
	void theTaskCarriesThePriorityAskedFor() {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "urgent"));

		JsonNode task = alice.post("/api/images/" + item + "/generate", Map.of("priority", 9)).json().get("task");

		assertThat(task.get("priority").asInt()).isEqualTo(9);
		assertThat(task.get("max_retries").asInt()).isEqualTo(3);
	}

	@Test
	void aCancelledTaskNeverCompletesAndTheItemGoesBackToDraft() {
		ApiClient alice = newUser();
		String item = createItem(alice, "videos", Map.of("prompt", "never mind", "duration_seconds", 5));
		String task = generate(alice, "videos", item).get("uuid").asString();

		JsonNode cancelled = alice.postEmpty("/api/tasks/" + task + "/cancel").json();

		assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
		assertThat(alice.get("/api/videos/" + item).json().get("status").asString()).isEqualTo("draft");
		org.awaitility.Awaitility.await()
			.during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(3))
			.until(() -> alice.get("/api/tasks/" + task).json().get("status").asString().equals("cancelled"));
		assertThat(alice.get("/api/notifications").json().get("count").asInt()).isZero();
	}

	private static String join(Future<String> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

}
