package dev.atenea.queue.redis;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Function;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
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
 * project's machine, a no-op drain at concurrency 4 runs about half as fast again. An
 * idle worker's blocking wait runs here too, so the thread that waits is the one Redis's
 * answer wakes. Lettuce keeps everything outside the broker.
 *
 * <p>
 * Failures are reported as Lettuce's exceptions, as every other Redis call in Atenea
 * reports them, so callers handle an outage the same way wherever it shows.
 */
final class PooledRedis implements AutoCloseable {

	/**
	 * Connections kept at most. A worker's slots and a web node's requests each hold one
	 * only for the length of a call (an idle worker's blocking wait, up to five seconds);
	 * a caller past this waits for one to come back, up to the command timeout.
	 */
	static final int MAX_CONNECTIONS = 128;

	/**
	 * How long opening a connection may take: an unreachable Redis fails a call in this
	 * time, not in the command timeout.
	 */
	static final Duration MAX_CONNECT_TIME = Duration.ofSeconds(2);

	/** How often idle connections are checked with a {@code PING}. */
	static final Duration IDLE_CHECK = Duration.ofSeconds(30);

	private final JedisPool pool;

	private final Duration timeout;

	private PooledRedis(JedisPool pool, Duration timeout) {
		this.pool = pool;
		this.timeout = timeout;
	}

	/**
	 * A pool for the Redis at {@code url}, read as Lettuce reads it (so the broker and
	 * the rest of Atenea always use the same server and database), whose calls fail after
	 * {@code timeout}. Sentinel and Unix socket URLs, which the pool does not support,
	 * are refused at start, before any pool is made ({@code ContractEnvironment}).
	 */
	static PooledRedis connect(String url, Duration timeout) {
		RedisURI uri = RedisURI.create(url);
		DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
			.database(uri.getDatabase())
			.ssl(uri.isSsl())
			.connectionTimeoutMillis(Math.toIntExact(min(timeout, MAX_CONNECT_TIME).toMillis()))
			.socketTimeoutMillis(Math.toIntExact(timeout.toMillis()));
		if (uri.getUsername() != null) {
			client.user(uri.getUsername());
		}
		if (uri.getPassword() != null) {
			client.password(new String(uri.getPassword()));
		}
		GenericObjectPoolConfig<Jedis> pool = new GenericObjectPoolConfig<>();
		pool.setMaxTotal(MAX_CONNECTIONS);
		// Keep every connection once opened: closing idle ones would reopen them under
		// load.
		pool.setMaxIdle(MAX_CONNECTIONS);
		pool.setMaxWait(timeout);
		pool.setTestWhileIdle(true);
		pool.setTimeBetweenEvictionRuns(IDLE_CHECK);
		pool.setNumTestsPerEvictionRun(-1);
		pool.setMinEvictableIdleDuration(Duration.ofMillis(-1));
		pool.setJmxEnabled(false);
		return new PooledRedis(new JedisPool(pool, new HostAndPort(uri.getHost(), uri.getPort()), client.build()),
				timeout);
	}

	/**
	 * Runs a call that is safe to repeat; see {@link #call(Function, boolean)}.
	 */
	<T> T call(Function<Jedis, T> call) {
		return call(call, true);
	}

	/**
	 * Runs {@code call} on a pooled connection. When a connection turns out dead (Redis
	 * restarted or dropped it), every idle connection is dropped with it, as they most
	 * likely died together, and a call that is safe to repeat is made once more on a
	 * fresh one. A call that timed out is never repeated: Redis may still be running it.
	 * @param repeatable whether running the call twice does no harm (Redis may have run
	 * it before the connection broke)
	 */
	<T> T call(Function<Jedis, T> call, boolean repeatable) {
		try {
			return attempt(call);
		}
		catch (JedisConnectionException ex) {
			if (isTimeout(ex)) {
				throw translate(ex);
			}
			this.pool.clear();
			if (!repeatable) {
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

	/**
	 * Runs a call that blocks in Redis for up to {@code blocking} (a {@code BLPOP}), with
	 * the socket's read timeout raised by as much for its length. It is not repeated: a
	 * blocking command may have taken something already.
	 */
	<T> T callBlocking(Duration blocking, Function<Jedis, T> call) {
		int timeout = Math.toIntExact(blocking.plus(this.timeout).toMillis());
		return call((jedis) -> {
			Connection connection = jedis.getConnection();
			int usual = connection.getSoTimeout();
			connection.setSoTimeout(timeout);
			try {
				return call.apply(jedis);
			}
			finally {
				// The pool drops a broken connection. Any other goes back
				// with its usual timeout, even after an error answer.
				if (!connection.isBroken()) {
					restoreTimeout(connection, usual);
				}
			}
		}, false);
	}

	/**
	 * Puts the usual read timeout back once the blocking call answered. Should that fail,
	 * the connection is marked broken so the pool drops it, and the answer still counts
	 * (it may hold messages already leased): this never throws.
	 */
	private static void restoreTimeout(Connection connection, int usual) {
		try {
			connection.setSoTimeout(usual);
		}
		catch (JedisException ex) {
			connection.setBroken();
		}
	}

	private <T> T attempt(Function<Jedis, T> call) {
		// A connection whose call failed goes back to the pool as broken and is closed.
		try (Jedis jedis = this.pool.getResource()) {
			return call.apply(jedis);
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
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
			RedisCommandTimeoutException timeout = new RedisCommandTimeoutException(
					"Redis did not answer within " + this.timeout);
			timeout.initCause(ex);
			return timeout;
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
