package dev.atenea.queue.redis;

import java.time.Duration;
import java.util.UUID;

import dev.atenea.queue.Locks;
import dev.atenea.system.redis.RedisKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Locks in Redis: {@code SET NX PX} with a token of its own, released only by its holder,
 * so a lock that lapsed and was taken by another process is never released by the first.
 */
public class RedisLocks implements Locks {

	private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
			+ " return redis.call('DEL', KEYS[1]) else return 0 end";

	private final RedisCommands<String, String> redis;

	private final RedisKeys keys;

	public RedisLocks(StatefulRedisConnection<String, String> connection, RedisKeys keys) {
		this.redis = connection.sync();
		this.keys = keys;
	}

	@Override
	public boolean runExclusively(String name, Duration ttl, Runnable work) {
		String key = this.keys.lock(name);
		String token = UUID.randomUUID().toString();
		if (!"OK".equals(this.redis.set(key, token, SetArgs.Builder.nx().px(ttl.toMillis())))) {
			return false;
		}
		try {
			work.run();
			return true;
		}
		finally {
			this.redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] { key }, token);
		}
	}

}
