package dev.atenea.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.flywaydb.core.Flyway;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs an {@link IntegrationTestBase} test on the production topology instead of the
 * embedded default: the machine's PostgreSQL (database {@code test}) and Redis, both
 * emptied when the application starts. Every test class carrying it shares one
 * application. The schema and key prefix are {@code atenea_it} unless the system property
 * {@code atenea.it.namespace} names others, so two checkouts can run their suites side by
 * side.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@TestPropertySource(properties = {
		"spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=${atenea.it.namespace:atenea_it}",
		"spring.datasource.username=postgres", "spring.datasource.password=",
		"spring.flyway.default-schema=${atenea.it.namespace:atenea_it}", "spring.flyway.clean-disabled=false",
		"atenea.redis.url=" + TestRedis.URL, "atenea.redis.key-prefix=${atenea.it.namespace:atenea_it}" })
@Import(OnRedisAndPostgres.FreshStores.class)
public @interface OnRedisAndPostgres {

	@TestConfiguration(proxyBeanMethods = false)
	class FreshStores {

		/**
		 * Starts from an empty schema and no Redis keys, whatever an earlier run left.
		 */
		@Bean
		FlywayMigrationStrategy cleanThenMigrate() {
			return (flyway) -> {
				deleteRedisKeys();
				clean(flyway);
				flyway.migrate();
			};
		}

		private static void clean(Flyway flyway) {
			flyway.clean();
		}

		private static void deleteRedisKeys() {
			RedisClient client = RedisClient.create(TestRedis.URL);
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				var keys = connection.sync().keys("*" + System.getProperty("atenea.it.namespace", "atenea_it") + "*");
				if (!keys.isEmpty()) {
					connection.sync().del(keys.toArray(String[]::new));
				}
			}
			finally {
				client.shutdown();
			}
		}

	}

}
