package dev.atenea.web;

import dev.atenea.support.OnRedisAndPostgres;

/**
 * {@link OwnershipIT} on PostgreSQL and Redis.
 */
@OnRedisAndPostgres
class OwnershipOnRedisAndPostgresIT extends OwnershipIT {

}
