package dev.atenea.generation;

import dev.atenea.support.OnRedisAndPostgres;

/**
 * {@link RetryIT} on PostgreSQL and Redis.
 */
@OnRedisAndPostgres
class RetryOnRedisAndPostgresIT extends RetryIT {

}
