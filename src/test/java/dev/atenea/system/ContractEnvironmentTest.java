package dev.atenea.system;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ContractEnvironmentTest {

	@Test
	void jsonLogsAreEcsLinesAndTextIsTheDefault() {
		assertThat(ContractEnvironment.logProperties("json")).containsEntry("logging.structured.format.console", "ecs");
		assertThat(ContractEnvironment.logProperties("LOGSTASH")).containsEntry("logging.structured.format.console",
				"logstash");
		assertThat(ContractEnvironment.logProperties("")).isEmpty();
		assertThat(ContractEnvironment.logProperties("text")).isEmpty();
	}

	@Test
	void readsAPostgresqlUrlWithCredentials() {
		assertThat(ContractEnvironment.datasourceProperties("postgresql://atenea:s%40cret@db.internal:6543/atenea"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:6543/atenea")
			.containsEntry("spring.datasource.username", "atenea")
			.containsEntry("spring.datasource.password", "s@cret");
	}

	@Test
	void defaultsThePortAndKeepsQueryParameters() {
		assertThat(ContractEnvironment.datasourceProperties("postgres://u@localhost/test?sslmode=disable"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://localhost:5432/test?sslmode=disable")
			.containsEntry("spring.datasource.username", "u")
			.containsEntry("spring.datasource.password", "");
	}

	@Test
	void takesAJdbcUrlAsItIsWithTheCredentialsItCarries() {
		assertThat(ContractEnvironment.datasourceProperties("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"))
			.isEqualTo(Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
					"spring.datasource.username", "", "spring.datasource.password", ""));
	}

	@Test
	void refusesOtherDatabases() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ContractEnvironment.datasourceProperties("mysql://u:p@h/db"))
			.withMessageContaining("DATABASE_URL");
	}

	@Test
	void refusesRedisUrlsThePoolCannotUseWithoutShowingThem() {
		assertThatNoException().isThrownBy(() -> ContractEnvironment.checkRedisUrl("rediss://:secret@cache:6380/2"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ContractEnvironment.checkRedisUrl("redis-sentinel://:secret@127.0.0.1:26379#main"))
			.withMessageContaining("REDIS_URL")
			.withMessageContaining("redis-sentinel://...")
			.withMessageNotContaining("secret");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ContractEnvironment.checkRedisUrl("redis-socket:///tmp/redis.sock"))
			.withMessageContaining("Unix socket");
		assertThatIllegalArgumentException().isThrownBy(() -> ContractEnvironment.checkRedisUrl("127.0.0.1:6379"))
			.withMessageContaining("without a scheme");
	}

	@Test
	void mapsTheContractsVariablesOntoProperties() {
		MockEnvironment environment = new MockEnvironment().withProperty("DATABASE_URL", "postgresql://u:p@h:1/db")
			.withProperty("PORT", "9000")
			.withProperty("REDIS_URL", "redis://127.0.0.1:6379/0");

		new ContractEnvironment().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://h:1/db");
		assertThat(environment.getProperty("server.port")).isEqualTo("9000");
		assertThat(environment.getProperty("atenea.redis.url")).isEqualTo("redis://127.0.0.1:6379/0");
	}

	@Test
	void mapsProviderKeysBaseUrlsAndTheBucket() {
		MockEnvironment environment = new MockEnvironment().withProperty("OPENAI_API_KEY", " sk-test ")
			.withProperty("KLING_ACCESS_KEY", "ak")
			.withProperty("KLING_SECRET_KEY", "sk")
			.withProperty("ELEVENLABS_BASE_URL", "http://127.0.0.1:9/")
			.withProperty("GCS_BUCKET", "atenea-media")
			.withProperty("FREEPIK_API_KEY", "");

		new ContractEnvironment().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("atenea.provider.openai.api-key")).isEqualTo("sk-test");
		assertThat(environment.getProperty("atenea.provider.kling.access-key")).isEqualTo("ak");
		assertThat(environment.getProperty("atenea.provider.kling.secret-key")).isEqualTo("sk");
		assertThat(environment.getProperty("atenea.provider.elevenlabs.base-url")).isEqualTo("http://127.0.0.1:9/");
		assertThat(environment.getProperty("atenea.gcs.bucket")).isEqualTo("atenea-media");
		assertThat(environment.getProperty("atenea.provider.freepik.api-key")).isNull();
	}

}
