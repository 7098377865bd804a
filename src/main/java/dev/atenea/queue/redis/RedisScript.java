package dev.atenea.queue.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script from this package's resources, run by its SHA1. The broker's scripts are
 * loaded into Redis together at start and again together the first time Redis answers
 * that it no longer knows one (after a restart or {@code SCRIPT FLUSH}), so a script sent
 * without waiting for its answer is rarely the one that finds out.
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
				this.family.loadAll(jedis);
				return (T) jedis.evalsha(this.sha, keyList, argList);
			}
		}, this.repeatable);
	}

	/**
	 * Sends the script without waiting for its answer; commands sent later on the same
	 * connection run after it, unless Redis had forgotten the script: then it is sent
	 * again in full, after them.
	 */
	<T> CompletionStage<T> runAsync(RedisAsyncCommands<String, String> redis, ScriptOutputType type, String[] keys,
			String... args) {
		CompletionStage<T> sent = redis.evalsha(this.sha, type, keys, args);
		return sent.handle((result, failure) -> {
			if (failure == null) {
				return CompletableFuture.completedFuture(result);
			}
			Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
			if (failure instanceof RedisNoScriptException || cause instanceof RedisNoScriptException) {
				return redis.<T>eval(this.source, type, keys, args);
			}
			return CompletableFuture.<T>failedFuture(failure);
		}).thenCompose((stage) -> stage);
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
