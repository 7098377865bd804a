package dev.atenea.queue.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script from this package's resources, run by its SHA1. The broker's scripts are
 * loaded into Redis together at start and again together the first time Redis answers
 * that it no longer knows one (after a restart or {@code SCRIPT FLUSH}).
 */
final class RedisScript {

	private final String source;

	private final String sha;

	private final boolean repeatable;

	private final Family family;

	private RedisScript(String source, String sha, boolean repeatable, Family family) {
		this.source = source;
		this.sha = sha;
		this.repeatable = repeatable;
		this.family = family;
	}

	/**
	 * Runs the script and waits for its answer: a {@code Long} for an integer reply, a
	 * {@code String} for a bulk one, a {@code List} of those for an array.
	 */
	@SuppressWarnings("unchecked")
	<T> T run(PooledRedis redis, String[] keys, String... args) {
		List<String> keyList = Arrays.asList(keys);
		List<String> argList = Arrays.asList(args);
		return redis.call((jedis) -> {
			try {
				return (T) jedis.evalsha(this.sha, keyList, argList);
			}
			catch (JedisNoScriptException ex) {
				return (T) reloadAndRun(jedis, keyList, argList);
			}
		}, this.repeatable);
	}

	/**
	 * Runs the script right behind a blocking command on the same connection and waits
	 * for both, so Redis runs the script the moment the command returns, without a round
	 * trip in between. Nothing is sent again after a connection failure, since the
	 * command may have taken something already; a script Redis had forgotten is loaded
	 * and run. An error answer to the command (a key of the wrong type, say) does not
	 * throw: the script ran all the same, and what it leased must reach the caller.
	 * @param blocking how long the command may block in Redis
	 * @param command queues the blocking command on the pipeline
	 * @return the script's answer, and whether the command timed out
	 */
	@SuppressWarnings("unchecked")
	<T> Behind<T> runBehind(PooledRedis redis, Duration blocking, Function<Pipeline, Response<?>> command,
			String[] keys, String... args) {
		List<String> keyList = Arrays.asList(keys);
		List<String> argList = Arrays.asList(args);
		return redis.callBlocking(blocking, (jedis) -> {
			Response<?> commandAnswer;
			Response<Object> answer;
			try (Pipeline pipeline = jedis.pipelined()) {
				commandAnswer = command.apply(pipeline);
				answer = pipeline.evalsha(this.sha, keyList, argList);
			}
			T script;
			try {
				script = (T) answer.get();
			}
			catch (JedisNoScriptException ex) {
				script = (T) reloadAndRun(jedis, keyList, argList);
			}
			return new Behind<>(timedOut(commandAnswer), script);
		});
	}

	private static boolean timedOut(Response<?> commandAnswer) {
		try {
			return commandAnswer.get() == null;
		}
		catch (JedisDataException ex) {
			return false;
		}
	}

	/**
	 * Redis forgot the script, so it did not run: load the family again and run it.
	 */
	private Object reloadAndRun(Jedis jedis, List<String> keys, List<String> args) {
		this.family.loadAll(jedis);
		return jedis.evalsha(this.sha, keys, args);
	}

	/**
	 * What came back from a blocking command and the script run behind it.
	 *
	 * @param timedOut whether the command timed out (an error answer did not)
	 * @param script the script's answer
	 */
	record Behind<T>(boolean timedOut, T script) {
	}

	/**
	 * Scripts loaded into one Redis together.
	 */
	static final class Family {

		private final PooledRedis redis;

		private final List<RedisScript> scripts = new CopyOnWriteArrayList<>();

		Family(PooledRedis redis) {
			this.redis = redis;
		}

		/**
		 * @param repeatable whether running the script twice in a row does no harm, so a
		 * call lost with its connection may be made again
		 */
		RedisScript load(String name, boolean repeatable) {
			try (InputStream in = RedisScript.class.getResourceAsStream(name + ".lua")) {
				if (in == null) {
					throw new IllegalStateException("Missing Redis script " + name + ".lua");
				}
				String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				RedisScript script = new RedisScript(source, this.redis.call((jedis) -> jedis.scriptLoad(source)),
						repeatable, this);
				this.scripts.add(script);
				return script;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		void loadAll(Jedis jedis) {
			for (RedisScript script : this.scripts) {
				jedis.scriptLoad(script.source);
			}
		}

	}

}
