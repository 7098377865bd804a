package dev.atenea.notification;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.atenea.support.PrivateRedis;
import dev.atenea.system.redis.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RedisChannelLayerIT {

	private final PrivateRedis redis = new PrivateRedis(
			Path.of("target", "channel-layer-it-" + UUID.randomUUID().toString().substring(0, 8)));

	private final ClientResources resources = DefaultClientResources.builder()
		.reconnectDelay(Delay.constant(Duration.ofMillis(100)))
		.build();

	private final RedisClient client = RedisClient.create(this.resources, this.redis.url());

	private final RedisChannelLayer layer = new RedisChannelLayer(this.client, this.resources, this.redis.url(),
			new RedisKeys("it"), Clock.systemUTC());

	@AfterEach
	void stop() throws InterruptedException {
		this.layer.destroy();
		this.client.shutdown();
		this.resources.shutdown();
		this.redis.close();
	}

	@Test
	void eventsPublishedWhileRedisIsDownGoOutOnceItIsBack() throws Exception {
		List<UserEvent> heard = new CopyOnWriteArrayList<>();
		this.layer.subscribe(heard::add);
		this.layer.publish(new UserEvent(7, "{\"n\":0}"));
		await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);

		this.redis.kill();
		for (int n = 1; n <= 5; n++) {
			this.layer.publish(new UserEvent(7, "{\"n\":" + n + "}"));
		}
		this.redis.start();

		// the restarted server counts from zero: five publishes are the five held ones
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(publishesCounted()).isEqualTo(5));
	}

	@Test
	void aNodeCutOffIsToldOnceFromWhenWhenItHearsEventsAgain() throws Exception {
		List<Instant> resumedFrom = new CopyOnWriteArrayList<>();
		this.layer.whenResumed(resumedFrom::add);
		List<UserEvent> heard = new CopyOnWriteArrayList<>();
		this.layer.subscribe(heard::add);

		Instant beforeTheCut = Instant.now();
		this.redis.kill();
		Thread.sleep(300);
		Instant stillCut = Instant.now();
		this.redis.start();

		await().atMost(Duration.ofSeconds(10)).until(() -> !resumedFrom.isEmpty());
		assertThat(resumedFrom).singleElement().satisfies((from) -> assertThat(from).isBetween(beforeTheCut, stillCut));
		this.layer.publish(new UserEvent(7, "{\"after\":true}"));
		await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
		assertThat(resumedFrom).as("told once").hasSize(1);
	}

	private long publishesCounted() {
		RedisClient probe = RedisClient.create(this.redis.url());
		try (StatefulRedisConnection<String, String> connection = probe.connect()) {
			return connection.sync()
				.info("commandstats")
				.lines()
				.filter((line) -> line.startsWith("cmdstat_publish:"))
				.map((line) -> line.replaceAll("^cmdstat_publish:calls=(\\d+),.*", "$1"))
				.mapToLong(Long::parseLong)
				.sum();
		}
		finally {
			probe.shutdown();
		}
	}

}
