package dev.atenea;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.atenea.support.ApiClient;
import dev.atenea.support.AteneaProcess;
import dev.atenea.support.NotificationSocket;
import dev.atenea.support.PrivateRedis;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The production topology in separate processes, started from the built jar: a web node
 * and worker processes joined by a Redis of the test's own and the machine's PostgreSQL
 * (a schema of the test's own). Workers are killed, stopped and starved of Redis, and
 * every task must still finish, once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

	private static final Duration FINISH = Duration.ofSeconds(150);

	private static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final Path work = Path.of("target", "cluster-it-" + this.run).toAbsolutePath();

	private final String schema = "atenea_cluster_" + this.run;

	private final List<AteneaProcess> processes = new ArrayList<>();

	private final List<AteneaProcess> workers = new ArrayList<>();

	private PrivateRedis redis;

	private JdbcClient database;

	private AteneaProcess web;

	@BeforeAll
	void startTheCluster() throws Exception {
		this.redis = new PrivateRedis(this.work.resolve("redis"));
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + this.schema, "postgres", "");
		this.database = JdbcClient.create(dataSource);
		this.web = start(AteneaProcess.serve("web-a", environment(), properties(), logs()));
		startWorker("worker-1", "--concurrency=4", "--metrics-port=0");
		startWorker("worker-2", "--concurrency=4");
		assertThat(AteneaProcess.run("user-create", environment(), properties(), logs(), "user", "create", "--username",
				"operator", "--password", "cluster password"))
			.isZero();
	}

	@AfterAll
	void stopTheCluster() throws Exception {
		for (AteneaProcess process : this.processes) {
			process.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
		if (this.database != null) {
			this.database.sql("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE").update();
		}
	}

	@Test
	@Order(1)
	void twoHundredTasksOfMixedPriorityCompleteOnceOverTwoWorkers() throws Exception {
		ApiClient user = newUser();

		List<String> tasks = generateImages(user, 200);

		awaitCompleted(tasks);
		assertExactlyOneCompletionAndNotificationEach(tasks);
		for (AteneaProcess worker : this.workers) {
			assertThat(worker.countLogLines("Task .* completed")).as(worker + " did its share").isPositive();
		}
		JsonNode queues = user.get("/api/queues").json();
		assertThat(queues.get("workers")).hasSize(2);
		assertThat(workerEndpoint(this.workers.get(0), "/health")).isEqualTo("{\"status\":\"UP\"}");
		assertThat(workerEndpoint(this.workers.get(0), "/metrics")).as("counted where the tasks completed")
			.containsPattern("atenea_tasks_completed_total\\{[^}]*queue=\"image_generation\"[^}]*\\} [1-9]");
	}

	@Test
	@Order(2)
	void aWorkerKilledWhileItHoldsTasksLosesNone() throws Exception {
		ApiClient user = newUser();
		List<String> tasks = new ArrayList<>();
		tasks.add(generateVideo(user, 3));
		tasks.add(generateVideo(user, 3));
		// sent at once, so both workers fill up whatever the speed of the machine
		tasks.addAll(generateImagesAtOnce(user, 40));
		await().atMost(Duration.ofSeconds(30)).until(() -> countTasks(tasks, "processing") >= 6);

		AteneaProcess victim = this.workers.remove(0);
		victim.kill();

		awaitCompleted(tasks);
		assertExactlyOneCompletionAndNotificationEach(tasks);
		startWorker("worker-3", "--concurrency=4");
	}

	@Test
	@Order(3)
	void aFlushOfRedisInTheMiddleOfARunLosesNothing() {
		ApiClient user = newUser();
		List<String> tasks = generateImages(user, 60);
		await().atMost(Duration.ofSeconds(60)).until(() -> countTasks(tasks, "completed") >= 10);

		this.redis.flushAll();

		awaitCompleted(tasks);
		assertExactlyOneCompletionAndNotificationEach(tasks);
	}

	@Test
	@Order(4)
	void aRestartOfRedisUnderLoadLosesNothing() throws Exception {
		ApiClient user = newUser();
		try (NotificationSocket socket = NotificationSocket.connect(user)) {
			List<String> tasks = generateImages(user, 60);
			await().atMost(Duration.ofSeconds(60)).until(() -> countTasks(tasks, "completed") >= 10);

			this.redis.kill();
			Thread.sleep(2000);
			this.redis.start();

			awaitCompleted(tasks);
			assertExactlyOneCompletionAndNotificationEach(tasks);
			assertThat(this.workers).allSatisfy((worker) -> assertThat(worker.isAlive()).isTrue());
			assertEveryNotificationReachedTheSocketOnce(socket, tasks);
		}
	}

	/**
	 * Whatever the outage cost the live push, the socket ends up with each task's
	 * notification, once.
	 */
	private void assertEveryNotificationReachedTheSocketOnce(NotificationSocket socket, List<String> tasks) {
		List<String> expected = this.database.sql("SELECT uuid FROM notifications WHERE task_uuid IN (:tasks)")
			.param("tasks", tasks.stream().map(UUID::fromString).toList())
			.query(String.class)
			.list();
		List<String> received = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			socket.drain()
				.stream()
				.filter((frame) -> frame.path("type").asString("").equals("notification_message"))
				.forEach((frame) -> received.add(frame.path("data").path("uuid").asString()));
			assertThat(received).containsAll(expected);
		});
		assertThat(received).as("no notification twice").doesNotHaveDuplicates();
	}

	@Test
	@Order(5)
	void aSocketOnOneWebNodeHearsOfTasksWhicheverNodeQueuedThem() throws Exception {
		AteneaProcess otherWeb = start(AteneaProcess.serve("web-b", environment(), properties(), logs()));
		ApiClient onA = newUser();
		ApiClient onB = new ApiClient(otherWeb.baseUrl(), onA.token());

		try (NotificationSocket socketOnA = NotificationSocket.connect(onA);
				NotificationSocket socketOnB = NotificationSocket.connect(onB)) {
			socketOnA.next(Duration.ofSeconds(10));
			socketOnB.next(Duration.ofSeconds(10));

			generate(onB, "images", Map.of("prompt", "queued through node B"));
			assertNotified(socketOnA, "queued through node B");
			assertNotified(socketOnB, "queued through node B");

			generate(onA, "images", Map.of("prompt", "queued through node A"));
			assertNotified(socketOnA, "queued through node A");
			assertNotified(socketOnB, "queued through node A");
		}
	}

	@Test
	@Order(6)
	void oneWorkerAtConcurrencyOneRunsPriorityNineBeforePriorityOne() throws Exception {
		stopAllWorkers();
		ApiClient user = newUser();
		List<String> low = new ArrayList<>();
		List<String> high = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			low.add(generate(user, "images", Map.of("prompt", "low " + i), 1));
		}
		for (int i = 0; i < 8; i++) {
			high.add(generate(user, "images", Map.of("prompt", "high " + i), 9));
		}

		startWorker("worker-serial", "--concurrency=1", "--queues=image_generation,maintenance");

		List<String> all = new ArrayList<>(low);
		all.addAll(high);
		awaitCompleted(all);
		Instant lastHigh = high.stream().map(this::startedAt).max(Instant::compareTo).orElseThrow();
		Instant firstLow = low.stream().map(this::startedAt).min(Instant::compareTo).orElseThrow();
		assertThat(lastHigh).isBefore(firstLow);
		stopAllWorkers();
	}

	@Test
	@Order(7)
	void aWorkerStoppedWithSigtermFinishesTheTasksItHolds() throws Exception {
		AteneaProcess worker = startWorker("worker-graceful",
				Map.of("atenea.provider.local.image-latency", "3s", "atenea.worker.shutdown-grace", "20s"),
				"--concurrency=2");
		ApiClient user = newUser();
		List<String> tasks = generateImages(user, 2);
		await().atMost(Duration.ofSeconds(30)).until(() -> countTasks(tasks, "processing") == 2);

		worker.terminate(Duration.ofSeconds(40));
		this.workers.remove(worker);

		assertThat(countTasks(tasks, "completed")).as("finished before the worker exited").isEqualTo(2);
		assertExactlyOneCompletionAndNotificationEach(tasks);
		assertThat(worker.logText()).contains("stopping: taking nothing new, 2 running");
	}

	@Test
	@Order(8)
	void aWorkerStoppedWithSigtermGivesBackWhatOutlivesItsGracePeriod() throws Exception {
		AteneaProcess worker = startWorker("worker-impatient",
				Map.of("atenea.provider.local.image-latency", "6s", "atenea.worker.shutdown-grace", "1s"),
				"--concurrency=2");
		ApiClient user = newUser();
		List<String> tasks = generateImages(user, 2);
		await().atMost(Duration.ofSeconds(30)).until(() -> countTasks(tasks, "processing") == 2);

		worker.terminate(Duration.ofSeconds(30));
		this.workers.remove(worker);
		assertThat(worker.logText()).contains("Giving Message");
		startWorker("worker-successor", "--concurrency=2");

		awaitCompleted(tasks);
		assertExactlyOneCompletionAndNotificationEach(tasks);
	}

	@Test
	@Order(9)
	void workersThatLeaveOutMaintenanceSaySoUntilOneServesIt() throws Exception {
		stopAllWorkers();
		AteneaProcess images = startWorker("worker-images", "--queues=image_generation");
		images.awaitLog("No live worker serves the maintenance queue", Duration.ofSeconds(30));

		startWorker("worker-maintenance", "--queues=maintenance");

		images.awaitLog("A worker serves the maintenance queue again", Duration.ofSeconds(30));
		assertThat(images.countLogLines("No live worker serves")).as("warned once").isEqualTo(1);
	}

	private static String workerEndpoint(AteneaProcess worker, String path) throws Exception {
		Matcher address = Pattern.compile("Worker metrics on (http://\\S+)/metrics").matcher(worker.logText());
		assertThat(address.find()).as("the worker logged where its metrics are").isTrue();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(address.group(1) + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private AteneaProcess startWorker(String name, String... arguments) {
		return startWorker(name, Map.of(), arguments);
	}

	private AteneaProcess startWorker(String name, Map<String, String> extraProperties, String... arguments) {
		Map<String, String> properties = new HashMap<>(properties());
		properties.putAll(extraProperties);
		AteneaProcess worker = start(AteneaProcess.worker(name, environment(), properties, logs(), arguments));
		this.workers.add(worker);
		return worker;
	}

	private void stopAllWorkers() throws InterruptedException {
		for (AteneaProcess worker : this.workers) {
			worker.terminate(Duration.ofSeconds(60));
		}
		this.workers.clear();
	}

	private AteneaProcess start(AteneaProcess process) {
		this.processes.add(process);
		return process;
	}

	/**
	 * A new account, written straight to the database: only the first one goes through
	 * {@code user create}, which costs a JVM start.
	 */
	private ApiClient newUser() {
		String name = "user-" + UUID.randomUUID().toString().substring(0, 8);
		this.database
			.sql("INSERT INTO users (username, password_hash, is_staff, is_active, created_at)"
					+ " VALUES (:name, :hash, FALSE, TRUE, CURRENT_TIMESTAMP)")
			.param("name", name)
			.param("hash", PASSWORDS.encode("cluster password"))
			.update();
		return ApiClient.login(this.web.baseUrl(), name, "cluster password");
	}

	private List<String> generateImages(ApiClient user, int count) {
		List<String> tasks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tasks.add(generate(user, "images", Map.of("prompt", "picture " + i, "width", 64, "height", 64), i % 10));
		}
		return tasks;
	}

	private List<String> generateImagesAtOnce(ApiClient user, int count) throws Exception {
		try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
			List<Future<String>> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Map<String, Object> item = Map.of("prompt", "burst " + i, "width", 64, "height", 64);
				sent.add(senders.submit(() -> generate(user, "images", item)));
			}
			List<String> tasks = new ArrayList<>();
			for (Future<String> task : sent) {
				tasks.add(task.get());
			}
			return tasks;
		}
	}

	private String generateVideo(ApiClient user, int seconds) {
		return generate(user, "videos", Map.of("prompt", "a short clip", "duration_seconds", seconds));
	}

	private String generate(ApiClient user, String kind, Map<String, Object> item) {
		return generate(user, kind, item, 5);
	}

	private String generate(ApiClient user, String kind, Map<String, Object> item, int priority) {
		ApiClient.Response created = user.post("/api/" + kind, item);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		ApiClient.Response task = user.post("/api/" + kind + "/" + created.json().get("uuid").asString() + "/generate",
				Map.of("priority", priority));
		assertThat(task.status()).as(task.body()).isEqualTo(200);
		return task.json().get("task").get("uuid").asString();
	}

	private void awaitCompleted(List<String> tasks) {
		await().atMost(FINISH)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(countTasks(tasks, "completed")).isEqualTo(tasks.size()));
	}

	private void assertExactlyOneCompletionAndNotificationEach(List<String> tasks) {
		List<UUID> uuids = tasks.stream().map(UUID::fromString).toList();
		assertThat(countTasks(tasks, "completed")).isEqualTo(tasks.size());
		long notifications = this.database
			.sql("SELECT COUNT(*) FROM notifications WHERE task_uuid IN (:tasks) AND type = 'generation_completed'")
			.param("tasks", uuids)
			.query(Long.class)
			.single();
		assertThat(notifications).isEqualTo(tasks.size());
		long failures = this.database
			.sql("SELECT COUNT(*) FROM notifications WHERE task_uuid IN (:tasks) AND type = 'generation_failed'")
			.param("tasks", uuids)
			.query(Long.class)
			.single();
		assertThat(failures).isZero();
	}

	private long countTasks(List<String> tasks, String status) {
		return this.database.sql("SELECT COUNT(*) FROM generation_tasks WHERE uuid IN (:tasks) AND status = :status")
			.param("tasks", tasks.stream().map(UUID::fromString).toList())
			.param("status", status)
			.query(Long.class)
			.single();
	}

	private Instant startedAt(String task) {
		return this.database.sql("SELECT started_at FROM generation_tasks WHERE uuid = :uuid")
			.param("uuid", UUID.fromString(task))
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	private static void assertNotified(NotificationSocket socket, String prompt) throws InterruptedException {
		JsonNode frame = socket.nextMatching((f) -> f.path("type").asString("").equals("notification_message")
				&& f.get("data").get("message").asString().contains(prompt), Duration.ofSeconds(60));
		assertThat(frame.get("data").get("type").asString()).isEqualTo("generation_completed");
	}

	private Map<String, String> environment() {
		return Map.of("REDIS_URL", this.redis.url(), "DATABASE_URL",
				"jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + this.schema + "&user=postgres",
				"ATENEA_DATA_DIR", this.work.resolve("data").toString());
	}

	private Map<String, String> properties() {
		return Map.ofEntries(Map.entry("spring.flyway.default-schema", this.schema),
				Map.entry("atenea.worker.lease-time", "4s"), Map.entry("atenea.worker.claim-wait", "500ms"),
				Map.entry("atenea.generation.housekeeping-interval", "1s"),
				Map.entry("atenea.generation.recovery-grace", "3s"),
				Map.entry("atenea.provider.local.image-latency", "300ms"),
				Map.entry("atenea.provider.local.video-poll-interval", "300ms"),
				Map.entry("atenea.provider.local.render-stale-after", "5s"),
				// small pools keep the cluster within PostgreSQL's connection limit, and
				// show that a worker's concurrency may exceed its pool
				Map.entry("spring.datasource.hikari.maximum-pool-size", "3"));
	}

	private Path logs() {
		return this.work.resolve("logs");
	}

}
