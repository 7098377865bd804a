package dev.atenea.queue.redis;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis calls whose caller waits for the answer, each on a connection of its own taken
 * from a pool.
 *
 * <p>
 * The broker's hot calls (publish, claim, acknowledge) are synchronous and small. On
 * Lettuce's shared connection each one crosses two threads: the caller hands the command
 * to the event loop, and the event loop hands the reply back. On two cores those wake-ups
 * cost as much as Redis's own work. Here the calling thread writes the command and reads
 * the reply on its own socket, so the only other party is Redis: measured on this
 * project's machine, a no-op drain at concurrency 4 runs about half as fast again.
 * Lettuce keeps the rest: blocking waits, which must give way when a worker stops, and
 * everything outside the broker.
 *
 * <p>
 * Failures are reported as Lettuce's exceptions, as every other Redis call in Atenea
 * reports them, so callers handle an outage the same way wherever it shows.
 */
final class PooledRedis implements AutoCloseable {

	/**
	 * Connections kept at most: enough for a worker at high concurrency plus a web node's
	 * busiest moments. A caller past this waits for one to come back.
	 */
	static final int MAX_CONNECTIONS = 128;

	private final JedisPool pool;

	private final Duration timeout;

	private PooledRedis(JedisPool pool, Duration timeout) {
		this.pool = pool;
		this.timeout = timeout;
	}

	/**
	 * A pool for the Redis at {@code url} ({@code redis://} or {@code rediss://}, with
	 * optional user, password and database), whose calls fail after {@code timeout}.
	 */
	static PooledRedis connect(String url, Duration timeout) {
		GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(MAX_CONNECTIONS);
		// Keep every connection once opened: closing idle ones would reopen them under
		// load.
		config.setMaxIdle(MAX_CONNECTIONS);
		config.setMaxWait(timeout);
		config.setJmxEnabled(false);
		int millis = Math.toIntExact(timeout.toMillis());
		return new PooledRedis(new JedisPool(config, URI.create(url), millis, millis), timeout);
	}

	/**
	 * Runs {@code call} on a pooled connection. A connection found dead (Redis restarted
	 * since it was last used) is dropped and the call made once more on a fresh one; a
	 * call that timed out is not, as Redis may still be running it.
	 */
	<T> T call(Function<Jedis, T> call) {
		try {
			return attempt(call);
		}
		catch (JedisConnectionException ex) {
			if (isTimeout(ex)) {
				throw translate(ex);
			}
			try {
				return attempt(call);
			}
			catch (JedisException again) {
				throw translate(again);
			}
		}
		catch (JedisException ex) {
			throw translate(ex);
		}
	}

	private <T> T attempt(Function<Jedis, T> call) {
		// Jedis returns a connection that failed to the pool as broken, and the pool
		// closes
		// it.
		try (Jedis jedis = this.pool.getResource()) {
			return call.apply(jedis);
		}
	}

	private static boolean isTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private RedisException translate(JedisException ex) {
		if (ex instanceof JedisDataException) {
			return new RedisCommandExecutionException(ex.getMessage(), ex);
		}
		if (ex instanceof JedisConnectionException && isTimeout(ex)) {
			return new RedisCommandTimeoutException("Redis did not answer within " + this.timeout);
		}
		if (ex instanceof JedisConnectionException) {
			return new RedisConnectionException("Cannot reach Redis: " + ex.getMessage(), ex);
		}
		return new RedisException(ex.getMessage(), ex);
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
