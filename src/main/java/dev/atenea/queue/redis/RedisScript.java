package dev.atenea.queue.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A Lua script from this package's resources, run by its SHA1 and sent again in full when
 * Redis no longer knows it (after a restart or {@code SCRIPT FLUSH}).
 */
final class RedisScript {

	private final String source;

	private final String sha;

	private RedisScript(String source, String sha) {
		this.source = source;
		this.sha = sha;
	}

	static RedisScript load(String name, RedisCommands<String, String> redis) {
		try (InputStream in = RedisScript.class.getResourceAsStream(name + ".lua")) {
			if (in == null) {
				throw new IllegalStateException("Missing Redis script " + name + ".lua");
			}
			String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return new RedisScript(source, redis.digest(source));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	<T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
		try {
			return redis.evalsha(this.sha, type, keys, args);
		}
		catch (RedisNoScriptException ex) {
			return redis.eval(this.source, type, keys, args);
		}
	}

	/**
	 * Sends the script without waiting for its answer; commands sent later on the same
	 * connection run after it.
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

}
