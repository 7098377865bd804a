package dev.atenea.provider.remote;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kling against a stub of {@code /v1/videos/text2video} that checks the signed token.
 */
class KlingProviderIT extends ProviderStubsITBase {

	static final String CREATE = "/v1/videos/text2video";

	@Test
	void aTaskIsPolledThroughItsStatusesAndTheVideoDownloadedFromTheCdn() throws Exception {
		String id = "86" + Math.abs(this.prompt.hashCode());
		createAnswers(okJson(task(id, "submitted")));
		inOrder(KLING, () -> get(urlEqualTo(CREATE + "/" + id)), okJson(task(id, "processing")), okJson(succeeded(id)));
		KLING.stubFor(get(urlEqualTo("/cdn/" + id + ".mp4")).willReturn(aResponse().withBody(MP4 + "kling mp4")));

		JsonNode task = generateToTheEnd("videos",
				Map.of("prompt", this.prompt, "provider", "kling", "duration_seconds", 10, "aspect_ratio", "1:1"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(this.user.download(itemOf("videos", task).get("output_url").asString())).asString()
			.isEqualTo(MP4 + "kling mp4");
		KLING.verify(postRequestedFor(urlEqualTo(CREATE)).withRequestBody(equalToJson("""
				{"model_name": "kling-v2-6", "prompt": "%s", "duration": "10", "aspect_ratio": "1:1", "mode": "std"}
				""".formatted(this.prompt))));
		KLING.verify(2, getRequestedFor(urlEqualTo(CREATE + "/" + id)));
		KLING.verify(1, getRequestedFor(urlEqualTo("/cdn/" + id + ".mp4")).withoutHeader("authorization"));
		assertSignedToken(creates().get(0).getHeader("authorization"));
		assertNotifiedOnce("generation_completed");
	}

	@Test
	void aRateLimitCodeIsRetriedButAnExhaustedBalanceIsNot() {
		String id = "87" + Math.abs(this.prompt.hashCode());
		createAnswers(aResponse().withStatus(429).withHeader("retry-after", "1").withBody(error(1302, "rate limit")),
				okJson(succeeded(id)));
		KLING.stubFor(get(urlEqualTo("/cdn/" + id + ".mp4")).willReturn(aResponse().withBody(MP4)));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "kling"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(2);
		List<LoggedRequest> creates = creates();
		assertThat(between(creates.get(0), creates.get(1))).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(950));

		this.prompt = this.prompt + " again";
		createAnswers(aResponse().withStatus(429).withBody(error(1102, "resource pack exhausted")));

		JsonNode broke = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "kling"));

		assertThat(broke.get("status").asString()).isEqualTo("failed");
		assertThat(broke.get("attempts").asInt()).isEqualTo(1);
		assertThat(broke.get("error").asString()).contains("out of credits");
	}

	@Test
	void aServerErrorIsRetriedAndTheNextAttemptSucceeds() {
		String id = "88" + Math.abs(this.prompt.hashCode());
		createAnswers(aResponse().withStatus(500).withBody(error(5000, "internal error")), okJson(succeeded(id)));
		KLING.stubFor(get(urlEqualTo("/cdn/" + id + ".mp4")).willReturn(aResponse().withBody(MP4)));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "kling"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(2);
		assertThat(creates()).hasSize(2);
		assertNotifiedOnce("generation_completed");
	}

	@Test
	void aContentSafetyRefusalFailsAtOnce() {
		createAnswers(aResponse().withStatus(400).withBody(error(1301, "content security policy triggered")));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "kling"));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("content policy", "content security policy triggered");
		assertNotifiedOnce("generation_failed");
	}

	@Test
	void aMalformedAnswerFailsAtOnce() {
		createAnswers(okJson("{\"code\": 0, \"data\": {\"task_status\": \"dancing\"}}"));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "kling"));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("does not understand");
	}

	@Test
	void aTimeoutIsRetried() {
		String id = "89" + Math.abs(this.prompt.hashCode());
		createAnswers(okJson(task(id, "submitted")).withFixedDelay(TOO_SLOW_MILLIS), okJson(succeeded(id)));
		KLING.stubFor(get(urlEqualTo("/cdn/" + id + ".mp4")).willReturn(aResponse().withBody(MP4)));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "kling"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(2);
	}

	private void assertSignedToken(String authorization) throws Exception {
		assertThat(authorization).startsWith("Bearer ");
		SignedJWT jwt = SignedJWT.parse(authorization.substring(7));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.verify(new MACVerifier(KLING_SECRET_KEY.getBytes(StandardCharsets.UTF_8)))).isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(KLING_ACCESS_KEY);
		assertThat(claims.getNotBeforeTime().toInstant()).isBefore(Instant.now());
		assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now().plusSeconds(20 * 60));
	}

	private void createAnswers(ResponseDefinitionBuilder... answers) {
		inOrder(KLING, () -> post(urlEqualTo(CREATE)).withRequestBody(containing(this.prompt)), answers);
	}

	private List<LoggedRequest> creates() {
		return KLING.findAll(postRequestedFor(urlEqualTo(CREATE)).withRequestBody(containing(this.prompt)));
	}

	private static String task(String id, String status) {
		return """
				{"code": 0, "message": "SUCCEED", "request_id": "req-1",
				 "data": {"task_id": "%s", "task_status": "%s", "created_at": 1760000000000, "updated_at": 1760000000000}}
				"""
			.formatted(id, status);
	}

	private static String succeeded(String id) {
		return """
				{"code": 0, "message": "SUCCEED", "request_id": "req-2",
				 "data": {"task_id": "%s", "task_status": "succeed", "task_status_msg": "",
				  "task_result": {"videos": [{"id": "v-1", "url": "%s/cdn/%s.mp4", "duration": "5.1"}]}}}
				""".formatted(id, KLING.baseUrl(), id);
	}

	private static String error(int code, String message) {
		return "{\"code\": %d, \"message\": \"%s\", \"request_id\": \"req-3\"}".formatted(code, message);
	}

}
