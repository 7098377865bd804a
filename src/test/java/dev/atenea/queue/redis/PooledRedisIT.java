package dev.atenea.queue.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.atenea.support.PrivateRedis;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker's pool of connections against a Redis of the test's own, which it stops and
 * starts again.
 */
class PooledRedisIT {

	@TempDir
	Path directory;

	private PrivateRedis redis;

	private PooledRedis pooled;

	@BeforeEach
	void start() {
		this.redis = new PrivateRedis(this.directory);
		this.pooled = PooledRedis.connect(this.redis.url(), Duration.ofSeconds(5));
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.pooled.close();
		this.redis.close();
	}

	@Test
	void aScriptBehindABlockingCommandAnswersWhetherTheCommandTimedOutOrFailed() {
		RedisScript.Family scripts = new RedisScript.Family(this.pooled);
		RedisScript publish = scripts.load("publish", true);
		RedisScript claim = scripts.load("claim", false);
		String[] claimKeys = { "{q}:ready", "{q}:scheduled", "{q}:leased", "{q}:wake" };
		this.pooled.call((jedis) -> jedis.set("not-a-list", "x"));
		publish.run(this.pooled, new String[] { "{q}:m:m1", "{q}:ready", "{q}:scheduled", "{q}:seq", "{q}:other-wake" },
				"m1", "work", "5", "{}", "0");

		RedisScript.Behind<List<Object>> failed = claim.runBehind(this.pooled, Duration.ofSeconds(1),
				(pipeline) -> pipeline.blpop(1.0, "not-a-list"), claimKeys, "{q}:m:", "1", "60000");
		RedisScript.Behind<List<Object>> timedOut = claim.runBehind(this.pooled, Duration.ofMillis(100),
				(pipeline) -> pipeline.blpop(0.1, "an-empty-list"), claimKeys, "{q}:m:", "1", "60000");

		assertThat(failed.timedOut()).isFalse();
		assertThat((List<?>) failed.script().get(0)).as("what the script leased reaches the caller")
			.first()
			.isEqualTo("m1");
		assertThat(timedOut.timedOut()).isTrue();
		assertThat((List<?>) timedOut.script().get(0)).isEmpty();
	}

	@Test
	void aBlockingCallWaitsPastTheCommandTimeoutAndLeavesTheConnectionAsItWas() {
		this.pooled.call((jedis) -> jedis.ping());
		int usual = this.pooled.call((jedis) -> jedis.getConnection().getSoTimeout());

		Object answer = this.pooled.callBlocking(Duration.ofSeconds(6), (jedis) -> jedis.blpop(6, "nothing-comes"));

		assertThat(answer).as("no read timeout during the 6 s wait").isNull();
		assertThat(this.pooled.<Integer>call((jedis) -> jedis.getConnection().getSoTimeout()))
			.as("the same pooled connection, its usual timeout back")
			.isEqualTo(usual)
			.isEqualTo(5_000);
	}

	@Test
	void aBlockingCallThatRedisAnswersWithAnErrorAlsoLeavesTheConnectionAsItWas() {
		this.pooled.call((jedis) -> jedis.set("a-string", "x"));

		assertThatThrownBy(() -> this.pooled.callBlocking(Duration.ofSeconds(1), (jedis) -> jedis.blpop(1, "a-string")))
			.isInstanceOf(RedisCommandExecutionException.class);

		assertThat(this.pooled.<Integer>call((jedis) -> jedis.getConnection().getSoTimeout())).isEqualTo(5_000);
	}

	@Test
	void connectionsLeftDeadByARestartOfRedisAreReplacedWithoutFailingACallThatIsSafeToRepeat()
			throws InterruptedException {
		openThreeConnections();

		this.redis.kill();
		this.redis.start();

		for (int i = 0; i < 3; i++) {
			assertThat(this.pooled.<String>call((jedis) -> jedis.set("k", "after"))).isEqualTo("OK");
		}
		assertThat(this.pooled.<String>call((jedis) -> jedis.get("k"))).isEqualTo("after");
	}

	@Test
	void aCallNotSafeToRepeatFailsOnceAfterARestartAndTheNextFindsFreshConnections() throws InterruptedException {
		openThreeConnections();

		this.redis.kill();
		this.redis.start();

		assertThatThrownBy(() -> this.pooled.call((jedis) -> jedis.incr("n"), false))
			.isInstanceOf(RedisConnectionException.class);
		assertThat(this.pooled.<Long>call((jedis) -> jedis.incr("n"), false)).isEqualTo(1);
	}

	@Test
	void redisAwayIsReportedAsAConnectionFailure() throws InterruptedException {
		this.redis.kill();

		assertThatThrownBy(() -> this.pooled.call((jedis) -> jedis.get("k")))
			.isInstanceOf(RedisConnectionException.class);
	}

	@Test
	void anErrorAnsweredByRedisIsReportedAsACommandFailure() {
		this.pooled.call((jedis) -> jedis.set("text", "not a number"));

		assertThatThrownBy(() -> this.pooled.call((jedis) -> jedis.incr("text")))
			.isInstanceOf(RedisCommandExecutionException.class);
	}

	/** Three connections in the pool at once, each idle afterwards. */
	private void openThreeConnections() {
		this.pooled.call((a) -> this.pooled.call((b) -> this.pooled.call((c) -> c.set("k", "before"))));
	}

}
