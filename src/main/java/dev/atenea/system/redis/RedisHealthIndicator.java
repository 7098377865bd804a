package dev.atenea.system.redis;

import io.lettuce.core.api.StatefulRedisConnection;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code redis} component of {@code /actuator/health}: a PING over the shared
 * connection, when Redis is configured. The channel layer, locks and worker registry use
 * that connection; the broker's pooled connections go to the same server and database.
 */
@Component("redis")
@OnRedis
class RedisHealthIndicator extends AbstractHealthIndicator {

	private final StatefulRedisConnection<String, String> connection;

	RedisHealthIndicator(StatefulRedisConnection<String, String> connection) {
		super("Redis did not answer PING");
		this.connection = connection;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String answer = this.connection.sync().ping();
		builder.status("PONG".equals(answer) ? "UP" : "DOWN");
	}

}
