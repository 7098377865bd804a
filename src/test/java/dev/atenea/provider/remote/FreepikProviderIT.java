package dev.atenea.provider.remote;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Freepik Mystic against a stub of {@code /v1/ai/mystic}.
 */
class FreepikProviderIT extends ProviderStubsITBase {

	static final String CREATE = "/v1/ai/mystic";

	@Test
	void aTaskIsPolledUntilCompletedAndItsImageDownloaded() {
		String id = "fp-" + Math.abs(this.prompt.hashCode());
		createAnswers(okJson(task(id, "CREATED", "[]")));
		inOrder(FREEPIK, () -> get(urlEqualTo(CREATE + "/" + id)), okJson(task(id, "IN_PROGRESS", "[]")),
				okJson(task(id, "COMPLETED", "[\"" + FREEPIK.baseUrl() + "/cdn/" + id + ".png\"]")));
		FREEPIK.stubFor(get(urlEqualTo("/cdn/" + id + ".png"))
			.willReturn(aResponse().withHeader("content-type", "application/octet-stream").withBody(png())));

		JsonNode task = generateToTheEnd("images",
				Map.of("prompt", this.prompt, "provider", "freepik", "width", 1600, "height", 900));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(this.user.download(itemOf("images", task).get("output_url").asString())).isEqualTo(png());
		FREEPIK.verify(postRequestedFor(urlEqualTo(CREATE)).withHeader("x-freepik-api-key", equalTo(FREEPIK_KEY))
			.withRequestBody(equalToJson("""
					{"prompt": "%s", "model": "realism", "aspect_ratio": "widescreen_16_9", "resolution": "2k"}
					""".formatted(this.prompt))));
		FREEPIK.verify(2,
				getRequestedFor(urlEqualTo(CREATE + "/" + id)).withHeader("x-freepik-api-key", equalTo(FREEPIK_KEY)));
		assertNotifiedOnce("generation_completed");
	}

	@Test
	void aBase64ResultIsStoredAsItIs() {
		String id = "fp64-" + Math.abs(this.prompt.hashCode());
		createAnswers(okJson(task(id, "COMPLETED", "[\"" + Base64.getEncoder().encodeToString(png()) + "\"]")));

		JsonNode task = generateToTheEnd("images", Map.of("prompt", this.prompt, "provider", "freepik"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(this.user.download(itemOf("images", task).get("output_url").asString())).isEqualTo(png());
	}

	@Test
	void aRateLimitIsWaitedOutForAsLongAsRetryAfterSays() {
		String id = "fpr-" + Math.abs(this.prompt.hashCode());
		createAnswers(aResponse().withStatus(429).withHeader("retry-after", "1").withBody("{\"message\": \"slow\"}"),
				okJson(task(id, "COMPLETED", "[\"" + Base64.getEncoder().encodeToString(png()) + "\"]")));

		JsonNode task = generateToTheEnd("images", Map.of("prompt", this.prompt, "provider", "freepik"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(2);
		List<LoggedRequest> creates = creates();
		assertThat(between(creates.get(0), creates.get(1))).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(950));
	}

	@Test
	void aServerErrorIsRetriedAndTheNextAttemptSucceeds() {
		String id = "fps-" + Math.abs(this.prompt.hashCode());
		createAnswers(aResponse().withStatus(503).withBody("{\"message\": \"try again later\"}"),
				okJson(task(id, "COMPLETED", "[\"" + Base64.getEncoder().encodeToString(png()) + "\"]")));

		JsonNode task = generateToTheEnd("images", Map.of("prompt", this.prompt, "provider", "freepik"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(2);
		assertNotifiedOnce("generation_completed");
	}

	@Test
	void aFailedTaskFailsAtOnce() {
		String id = "fpf-" + Math.abs(this.prompt.hashCode());
		createAnswers(okJson(task(id, "CREATED", "[]")));
		inOrder(FREEPIK, () -> get(urlEqualTo(CREATE + "/" + id)), okJson(task(id, "FAILED", "[]")));

		JsonNode task = generateToTheEnd("images", Map.of("prompt", this.prompt, "provider", "freepik"));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("Freepik could not make this", "Change the prompt");
		assertNotifiedOnce("generation_failed");
	}

	@Test
	void aMalformedAnswerFailsAtOnce() {
		createAnswers(aResponse().withHeader("content-type", "text/html").withBody("<html>gateway</html>"));

		JsonNode task = generateToTheEnd("images", Map.of("prompt", this.prompt, "provider", "freepik"));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("does not understand");
	}

	@Test
	void aTimeoutIsRetried() {
		String id = "fpt-" + Math.abs(this.prompt.hashCode());
		String done = task(id, "COMPLETED", "[\"" + Base64.getEncoder().encodeToString(png()) + "\"]");
		createAnswers(okJson(done).withFixedDelay(TOO_SLOW_MILLIS), okJson(done));

		JsonNode task = generateToTheEnd("images", Map.of("prompt", this.prompt, "provider", "freepik"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(2);
	}

	private void createAnswers(ResponseDefinitionBuilder... answers) {
		inOrder(FREEPIK, () -> post(urlEqualTo(CREATE)).withRequestBody(containing(this.prompt)), answers);
	}

	private List<LoggedRequest> creates() {
		return FREEPIK.findAll(postRequestedFor(urlEqualTo(CREATE)).withRequestBody(containing(this.prompt)));
	}

	private static String task(String id, String status, String generated) {
		return """
				{"data": {"task_id": "%s", "status": "%s", "generated": %s}}
				""".formatted(id, status, generated);
	}

}
