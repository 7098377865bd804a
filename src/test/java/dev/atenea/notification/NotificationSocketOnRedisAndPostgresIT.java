package dev.atenea.notification;

import dev.atenea.support.OnRedisAndPostgres;

/**
 * {@link NotificationSocketIT} on PostgreSQL and Redis.
 */
@OnRedisAndPostgres
class NotificationSocketOnRedisAndPostgresIT extends NotificationSocketIT {

}
