package dev.atenea.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atenea.queue.Broker;
import dev.atenea.queue.Delivery;
import dev.atenea.queue.Queues;
import dev.atenea.support.ApiClient;
import dev.atenea.support.IntegrationTestBase;
import dev.atenea.system.Timestamps;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep that sends lost messages again, with no worker running so the test decides
 * what the broker holds, on a database of its own so the sweep sees only these tasks.
 */
@TestPropertySource(properties = { "atenea.worker.enabled=false", "atenea.generation.recovery-grace=0s",
		"spring.datasource.url=jdbc:h2:mem:recovery;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
class TaskRecoveryIT extends IntegrationTestBase {

	@Autowired
	TaskRecovery recovery;

	@Autowired
	Broker broker;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aQueuedTaskWhoseMessageWasLostGetsItsFirstAttemptAgain() throws Exception {
		String task = queueImage();
		String lost = loseMessage(task);

		this.recovery.resendLostMessages();

		String taskId = taskId(task);
		assertThat(taskId).isNotEqualTo(lost);
		assertThat(this.broker.isLive(Queues.IMAGE_GENERATION, taskId)).isTrue();
		Delivery resent = claim(Queues.IMAGE_GENERATION);
		assertThat(resent.message().id()).isEqualTo(taskId);
		assertThat(resent.message().name()).isEqualTo("generate");
		assertThat(resent.message().arg("task")).isEqualTo(task);
		assertThat(resent.message().arg("attempt")).isEqualTo("1");
	}

	@Test
	void aTaskWhoseMessageIsStillThereIsLeftAlone() throws Exception {
		String task = queueImage();
		String taskId = taskId(task);

		this.recovery.resendLostMessages();

		assertThat(taskId(task)).isEqualTo(taskId);
		assertThat(this.broker.depth(Queues.IMAGE_GENERATION).pending()).isEqualTo(1);
		claim(Queues.IMAGE_GENERATION);
	}

	@Test
	void aTaskWaitingOnItsProviderGetsItsNextPollAgain() throws Exception {
		String task = queueImage();
		loseMessage(task);
		this.jdbc
			.sql("UPDATE generation_tasks SET status = 'processing', attempts = 2, operation_id = 'op-1', polls = 3,"
					+ " poll_deadline = :deadline WHERE uuid = :uuid")
			.param("deadline", Timestamps.toColumn(Instant.now().plusSeconds(600)))
			.param("uuid", UUID.fromString(task))
			.update();

		this.recovery.resendLostMessages();

		Delivery resent = claim(Queues.POLLING_TASKS);
		assertThat(resent.message().name()).isEqualTo("poll");
		assertThat(resent.message().arg("attempt")).isEqualTo("2");
		assertThat(resent.message().arg("poll")).isEqualTo("3");
	}

	@Test
	void aTaskWaitingForARetryIsSentAgainForItsEta() throws Exception {
		String task = queueImage();
		loseMessage(task);
		this.jdbc.sql("UPDATE generation_tasks SET attempts = 1, next_attempt_at = :eta WHERE uuid = :uuid")
			.param("eta", Timestamps.toColumn(Instant.now().plusSeconds(600)))
			.param("uuid", UUID.fromString(task))
			.update();

		this.recovery.resendLostMessages();

		assertThat(this.broker.depth(Queues.IMAGE_GENERATION).scheduled()).isEqualTo(1);
		assertThat(this.broker.isLive(Queues.IMAGE_GENERATION, taskId(task))).isTrue();
	}

	@Test
	void finishedTasksAreNeverSentAgain() throws Exception {
		String task = queueImage();
		loseMessage(task);
		this.jdbc.sql("UPDATE generation_tasks SET status = 'completed' WHERE uuid = :uuid")
			.param("uuid", UUID.fromString(task))
			.update();

		this.recovery.resendLostMessages();

		assertThat(this.broker.depth(Queues.IMAGE_GENERATION).pending()).isZero();
	}

	private String queueImage() {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "kept safe"));
		return generate(alice, "images", item).get("uuid").asString();
	}

	/**
	 * Takes the task's message out of the broker, as a flush or a restart would.
	 */
	private String loseMessage(String task) throws InterruptedException {
		Delivery delivery = claim(Queues.IMAGE_GENERATION);
		assertThat(delivery.message().arg("task")).isEqualTo(task);
		this.broker.acknowledge(delivery);
		assertThat(this.broker.isLive(Queues.IMAGE_GENERATION, delivery.message().id())).isFalse();
		return delivery.message().id();
	}

	private Delivery claim(String queue) throws InterruptedException {
		List<Delivery> deliveries = this.broker.claim(List.of(queue), 1, Duration.ofSeconds(30), Duration.ofSeconds(2));
		assertThat(deliveries).hasSize(1);
		return deliveries.get(0);
	}

	private String taskId(String task) {
		return this.jdbc.sql("SELECT task_id FROM generation_tasks WHERE uuid = :uuid")
			.param("uuid", UUID.fromString(task))
			.query(String.class)
			.single();
	}

}
