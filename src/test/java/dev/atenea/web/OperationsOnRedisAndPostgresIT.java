package dev.atenea.web;

import dev.atenea.support.OnRedisAndPostgres;

/**
 * {@link OperationsIT} on PostgreSQL and Redis: the per-minute queries and the Redis
 * health indicator.
 */
@OnRedisAndPostgres
class OperationsOnRedisAndPostgresIT extends OperationsIT {

}
