package dev.atenea.queue.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
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

}
