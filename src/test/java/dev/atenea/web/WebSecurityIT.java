package dev.atenea.web;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.atenea.support.ApiClient;
import dev.atenea.support.FormSession;
import dev.atenea.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser-facing defences, checked over plain HTTP: headers, CSRF, session fixation,
 * staff-only pages and endpoints, and sign-up switched off by default.
 */
class WebSecurityIT extends IntegrationTestBase {

	private static final String PASSWORD = "correct horse battery";

	@Test
	void everyPageCarriesAPolicyThatAllowsNoInlineScript() {
		HttpResponse<String> login = new FormSession(baseUrl()).get("/login");

		String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("script-src 'self'")
			.doesNotContain("unsafe-inline")
			.contains("frame-ancestors 'none'");
		assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
		assertThat(login.headers().firstValue("Permissions-Policy")).isPresent();
		assertThat(login.body()).doesNotContain("<script>").doesNotContain("onclick=").doesNotContain("onload=");
	}

	@Test
	void aFormPostWithoutTheCsrfTokenIsRefused() {
		FormSession session = signedIn(false);

		HttpResponse<String> forged = session.postWithoutCsrf("/images", Map.of("prompt", "forged"));
		HttpResponse<String> genuine = session.post("/images", Map.of("prompt", "genuine"));

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(genuine.statusCode()).isEqualTo(302);
	}

	@Test
	void signingInGivesANewSessionId() {
		FormSession session = new FormSession(baseUrl());
		String username = newAccount(false);
		HttpResponse<String> before = session.get("/login");
		String anonymousCookie = sessionCookie(before);

		HttpResponse<String> signedIn = session.post("/login", Map.of("username", username, "password", PASSWORD));

		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(sessionCookie(signedIn)).isNotNull().isNotEqualTo(anonymousCookie);
	}

	@Test
	void onlyStaffReachTheAdminPages() {
		FormSession user = signedIn(false);
		FormSession staff = signedIn(true);

		HttpResponse<String> refused = user.get("/admin/tasks");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("<h1>403</h1>");
		assertThat(user.get("/admin/notifications").statusCode()).isEqualTo(403);
		assertThat(user.post("/admin/notifications/delete", Map.of("uuid", UUID.randomUUID().toString())).statusCode())
			.isEqualTo(403);
		assertThat(staff.get("/admin/tasks").statusCode()).isEqualTo(200);
		assertThat(staff.get("/admin/notifications").statusCode()).isEqualTo(200);
		HttpResponse<String> index = staff.get("/admin/?status=failed&task_type=video");
		assertThat(index.statusCode()).isEqualTo(302);
		assertThat(index.headers().firstValue("Location").orElseThrow()).as("the filters kept")
			.endsWith("/admin/tasks?status=failed&task_type=video");
	}

	@Test
	void signUpDoesNotExistUnlessSwitchedOn() {
		assertThat(new FormSession(baseUrl()).get("/signup").statusCode()).isEqualTo(404);
	}

	@Test
	void healthIsOpenAndMetricsAreForStaff() {
		ApiClient anonymous = ApiClient.anonymous(baseUrl());
		ApiClient user = newUser();
		ApiClient staff = staffClient();

		assertThat(anonymous.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
		assertThat(anonymous.get("/actuator/health").json().has("components")).isFalse();
		assertThat(staff.get("/actuator/health").json().get("components").has("db")).isTrue();
		assertThat(scrape(null).status()).isEqualTo(401);
		assertThat(scrape(user.token()).status()).isEqualTo(403);
		assertThat(scrape(staff.token()).status()).isEqualTo(200);
	}

	private FormSession signedIn(boolean staff) {
		FormSession session = new FormSession(baseUrl());
		HttpResponse<String> response = session.logIn(newAccount(staff), PASSWORD);
		assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("error");
		session.get("/");
		return session;
	}

	private ApiClient staffClient() {
		String username = newAccount(true);
		return ApiClient.login(baseUrl(), username, PASSWORD);
	}

	private String newAccount(boolean staff) {
		String username = (staff ? "staff-" : "user-") + UUID.randomUUID().toString().substring(0, 8);
		this.users.create(username, PASSWORD, staff);
		return username;
	}

	private static String sessionCookie(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("SESSION="))
			.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
			.findFirst()
			.orElse(null);
	}

}
