package dev.atenea.generation;

import dev.atenea.support.OnRedisAndPostgres;

/**
 * {@link GenerationFlowIT} on PostgreSQL and Redis.
 */
@OnRedisAndPostgres
class GenerationFlowOnRedisAndPostgresIT extends GenerationFlowIT {

}
