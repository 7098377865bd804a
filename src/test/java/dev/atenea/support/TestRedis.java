package dev.atenea.support;

import java.util.UUID;

import dev.atenea.system.redis.RedisKeys;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The machine's Redis on 127.0.0.1:6379, under a key prefix of the test's own that is
 * deleted afterwards.
 */
public final class TestRedis implements AutoCloseable {

	public static final String URL = "redis://127.0.0.1:6379/0";

	private final RedisClient client = RedisClient.create(URL);

	private final StatefulRedisConnection<String, String> connection = this.client.connect();

	private final String prefix = "atenea-test-" + UUID.randomUUID().toString().substring(0, 8);

	public RedisClient client() {
		return this.client;
	}

	public StatefulRedisConnection<String, String> connection() {
		return this.connection;
	}

	public RedisKeys keys() {
		return new RedisKeys(this.prefix);
	}

	public String prefix() {
		return this.prefix;
	}

	/**
	 * Deletes every key under the prefix, whatever its hash tag.
	 */
	public void deleteKeys() {
		RedisCommands<String, String> redis = this.connection.sync();
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			KeyScanCursor<String> page = redis.scan(cursor,
					ScanArgs.Builder.matches("*" + this.prefix + "*").limit(500));
			if (!page.getKeys().isEmpty()) {
				redis.del(page.getKeys().toArray(String[]::new));
			}
			cursor = page;
		}
		while (!cursor.isFinished());
	}

	@Override
	public void close() {
		deleteKeys();
		this.connection.close();
		this.client.shutdown();
	}

}
