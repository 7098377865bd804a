package dev.atenea.user;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.atenea.support.MutableClock;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokenServiceTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private JdbcClient jdbc;

	private ApiTokenService tokens;

	private User ada;

	@BeforeEach
	void createDatabase() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
				+ "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		this.jdbc = JdbcClient.create(dataSource);
		UserService users = new UserService(new UserRepository(this.jdbc), NoOpPasswordEncoder.getInstance(),
				this.clock);
		this.tokens = new ApiTokenService(this.jdbc, users, this.clock,
				new AccountProperties(Duration.ofMinutes(1), false, 5, Duration.ofMinutes(15)));
		this.ada = users.create("ada", "a long password", false);
	}

	@Test
	void aTokenNamesItsUserUntilItExpiresEvenWhenRemembered() {
		String token = this.tokens.issue(this.ada.id());

		assertThat(this.tokens.authenticate(token))
			.hasValueSatisfying((user) -> assertThat(user.id()).isEqualTo(this.ada.id()));
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.tokens.authenticate(token)).isPresent();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.tokens.authenticate(token)).isEmpty();
	}

	@Test
	void aDeactivatedAccountLosesItsTokensOnceTheRememberedCheckLapses() {
		String token = this.tokens.issue(this.ada.id());
		assertThat(this.tokens.authenticate(token)).isPresent();

		this.jdbc.sql("UPDATE users SET is_active = FALSE WHERE id = :id").param("id", this.ada.id()).update();

		assertThat(this.tokens.authenticate(token)).as("remembered for a few seconds").isPresent();
		this.clock.advance(ApiTokenService.REMEMBERED.plusMillis(1));
		assertThat(this.tokens.authenticate(token)).isEmpty();
	}

	@Test
	void aClockSteppingBackDoesNotStretchTheRememberedCheck() {
		String token = this.tokens.issue(this.ada.id());
		assertThat(this.tokens.authenticate(token)).isPresent();
		this.jdbc.sql("UPDATE users SET is_active = FALSE WHERE id = :id").param("id", this.ada.id()).update();

		this.clock.advance(Duration.ofSeconds(-30));

		assertThat(this.tokens.authenticate(token)).isEmpty();
	}

	@Test
	void anUnknownTokenIsRefused() {
		this.tokens.issue(this.ada.id());

		assertThat(this.tokens.authenticate("not-a-token")).isEmpty();
		assertThat(this.tokens.authenticate("")).isEmpty();
		assertThat(this.tokens.authenticate(null)).isEmpty();
	}

}
