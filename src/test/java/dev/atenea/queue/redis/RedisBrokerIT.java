package dev.atenea.queue.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.atenea.queue.Broker;
import dev.atenea.queue.BrokerContractTest;
import dev.atenea.queue.Delivery;
import dev.atenea.queue.Message;
import dev.atenea.support.TestRedis;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker contract on the machine's Redis. Redis keeps its own time, so the test waits
 * instead of stepping a clock.
 */
class RedisBrokerIT extends BrokerContractTest {

	private static TestRedis redis;

	private static RedisBroker broker;

	@BeforeAll
	static void connect() {
		redis = new TestRedis();
		broker = new RedisBroker(TestRedis.URL, Duration.ofSeconds(10), redis.keys(), JsonMapper.builder().build());
	}

	@AfterAll
	static void disconnect() {
		broker.destroy();
		redis.close();
	}

	@Override
	protected Broker broker() {
		return broker;
	}

	@Override
	protected void advance(Duration duration) throws InterruptedException {
		Thread.sleep(duration);
	}

	@Test
	void keepsTheArgumentsOfAMessage() throws Exception {
		broker.publish(new Message(id("m"), this.queue, "generate", 7, Map.of("task", "t-1", "attempt", "2")),
				Duration.ZERO);

		Delivery delivery = claimOne(this.queue);

		assertThat(delivery.message())
			.isEqualTo(new Message(id("m"), this.queue, "generate", 7, Map.of("task", "t-1", "attempt", "2")));
	}

	@Test
	void survivesRedisForgettingItsScripts() throws Exception {
		redis.connection().sync().scriptFlush();

		publish("m", this.queue, 5);

		assertThat(claimOne(this.queue).message().id()).isEqualTo(id("m"));
	}

	@Test
	void aBlockedClaimWokenAfterRedisForgotItsScriptsStillClaims() throws Exception {
		CompletableFuture<List<Delivery>> claimed = CompletableFuture.supplyAsync(() -> {
			try {
				return broker.claim(List.of(this.queue), 1, Duration.ofSeconds(30), Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		Thread.sleep(300);
		redis.connection().sync().scriptFlush();
		// a token with nothing ready: the claim queued behind the wait finds its script
		// gone
		redis.connection().sync().lpush(redis.keys().queue(this.queue) + ":wake", "1");
		Thread.sleep(300);

		publish("m", this.queue, 5);

		assertThat(claimed.get(10, TimeUnit.SECONDS)).extracting((delivery) -> delivery.message().id())
			.containsExactly(id("m"));
	}

	@Test
	void keysOfAQueueShareOneHashTag() {
		publish("m", this.queue, 5);

		List<String> keys = redis.connection().sync().keys("*" + this.queue + "*");

		assertThat(keys).isNotEmpty().allSatisfy((key) -> assertThat(key).startsWith(redis.keys().queue(this.queue)));
	}

}
