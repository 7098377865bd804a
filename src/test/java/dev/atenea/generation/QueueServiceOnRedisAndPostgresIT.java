package dev.atenea.generation;

import dev.atenea.support.OnRedisAndPostgres;

/**
 * {@link QueueServiceIT} on PostgreSQL and Redis.
 */
@OnRedisAndPostgres
class QueueServiceOnRedisAndPostgresIT extends QueueServiceIT {

}
