package dev.atenea.web;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.atenea.support.ApiClient;
import dev.atenea.support.FormSession;
import dev.atenea.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up when it is switched on, and the lock on repeated failed sign-ins, on the form
 * and on the token endpoint.
 */
@TestPropertySource(properties = { "atenea.accounts.signup-enabled=true", "atenea.accounts.login-attempts=3" })
class AccountsIT extends IntegrationTestBase {

	private static final String PASSWORD = "correct horse battery";

	@Test
	void anyoneCanSignUpAndThenLogIn() {
		FormSession session = new FormSession(baseUrl());
		String username = "new-" + UUID.randomUUID().toString().substring(0, 8);
		session.get("/signup");

		HttpResponse<String> created = session.post("/signup",
				Map.of("username", username, "password", PASSWORD, "password_confirm", PASSWORD));
		HttpResponse<String> loggedIn = session.logIn(username, PASSWORD);

		assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/login?registered");
		assertThat(loggedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		assertThat(this.users.findByUsername(username).orElseThrow().staff()).isFalse();
	}

	@Test
	void signUpExplainsWhatIsWrongWithEscapedText() {
		FormSession session = new FormSession(baseUrl());
		session.get("/signup");

		HttpResponse<String> refused = session.post("/signup",
				Map.of("username", "<b>bad name</b>", "password", PASSWORD, "password_confirm", PASSWORD));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("Usernames are")
			.contains("&lt;b&gt;bad name&lt;/b&gt;")
			.doesNotContain("<b>bad name</b>");
	}

	@Test
	void theLoginFormLocksAfterRepeatedFailuresEvenForTheRightPassword() {
		String username = newAccount();
		FormSession session = new FormSession(baseUrl());
		for (int i = 0; i < 3; i++) {
			assertThat(session.logIn(username, "wrong").headers().firstValue("Location").orElse("")).contains("error");
		}

		HttpResponse<String> locked = session.logIn(username, PASSWORD);

		assertThat(locked.statusCode()).isEqualTo(429);
		assertThat(locked.body()).contains("Too many failed attempts");
	}

	@Test
	void theTokenEndpointLocksAfterRepeatedFailures() {
		String username = newAccount();
		ApiClient anonymous = ApiClient.anonymous(baseUrl());
		for (int i = 0; i < 3; i++) {
			assertThat(anonymous.post("/api/auth/token", Map.of("username", username, "password", "wrong")).status())
				.isEqualTo(401);
		}

		ApiClient.Response locked = anonymous.post("/api/auth/token",
				Map.of("username", username, "password", PASSWORD));

		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.json().get("error").get("code").asString()).isEqualTo("too_many_attempts");
	}

	private String newAccount() {
		String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
		this.users.create(username, PASSWORD, false);
		return username;
	}

}
