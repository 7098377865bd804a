package dev.atenea.provider.remote;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.MultipartValuePattern;
import com.github.tomakehurst.wiremock.matching.MultipartValuePatternBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenAI Sora through the official SDK against a stub of {@code /v1/videos}.
 */
class SoraProviderIT extends ProviderStubsITBase {

	@Test
	void aVideoIsCreatedPolledThroughItsStatusesAndDownloaded() {
		String id = "video_" + this.prompt.hashCode() + "a";
		createAnswers(okJson(video(id, "queued", 0)));
		pollAnswers(id, video(id, "in_progress", 40), video(id, "completed", 100));
		OPENAI.stubFor(get(urlEqualTo("/v1/videos/" + id + "/content"))
			.willReturn(aResponse().withHeader("content-type", "video/mp4").withBody(MP4 + "mp4 bytes")));

		JsonNode task = generateToTheEnd("videos",
				Map.of("prompt", this.prompt, "provider", "sora", "duration_seconds", 8, "aspect_ratio", "9:16"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(this.user.download(itemOf("videos", task).get("output_url").asString())).asString()
			.isEqualTo(MP4 + "mp4 bytes");
		List<LoggedRequest> creates = creates();
		assertThat(creates).hasSize(1);
		assertThat(creates.get(0).getHeader("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
		OPENAI.verify(postRequestedFor(urlEqualTo("/v1/videos")).withRequestBodyPart(partOf("prompt", this.prompt))
			.withRequestBodyPart(partOf("model", "sora-2"))
			.withRequestBodyPart(partOf("seconds", "8"))
			.withRequestBodyPart(partOf("size", "720x1280")));
		OPENAI.verify(2, getRequestedFor(urlEqualTo("/v1/videos/" + id)));
		OPENAI.verify(1, getRequestedFor(urlEqualTo("/v1/videos/" + id + "/content")));
		assertNotifiedOnce("generation_completed");
	}

	@Test
	void aRateLimitIsWaitedOutForAsLongAsRetryAfterSays() {
		String id = "video_" + this.prompt.hashCode() + "b";
		createAnswers(
				aResponse().withStatus(429)
					.withHeader("retry-after", "1")
					.withHeader("content-type", "application/json")
					.withBody(error("Rate limit reached", "requests", "rate_limit_exceeded")),
				okJson(video(id, "completed", 100)));
		OPENAI.stubFor(get(urlEqualTo("/v1/videos/" + id + "/content")).willReturn(aResponse().withBody(MP4)));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "sora"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(2);
		List<LoggedRequest> creates = creates();
		assertThat(creates).hasSize(2);
		assertThat(between(creates.get(0), creates.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		assertNotifiedOnce("generation_completed");
	}

	@Test
	void aServerErrorIsRetriedAndTheNextAttemptSucceeds() {
		String id = "video_" + this.prompt.hashCode() + "c";
		createAnswers(aResponse().withStatus(500).withBody(error("The server had an error", "server_error", null)),
				okJson(video(id, "completed", 100)));
		OPENAI.stubFor(get(urlEqualTo("/v1/videos/" + id + "/content")).willReturn(aResponse().withBody(MP4)));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "sora"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(2);
		assertThat(creates()).hasSize(2);
		assertNotifiedOnce("generation_completed");
	}

	@Test
	void aModerationRefusalFailsAtOnceWithAMessageTheUserCanActOn() {
		createAnswers(aResponse().withStatus(400)
			.withHeader("content-type", "application/json")
			.withBody(error("Your request was blocked by our moderation system.", "invalid_request_error",
					"moderation_blocked")));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "sora"));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("content policy", "blocked by our moderation system",
				"Change the prompt");
		assertThat(creates()).hasSize(1);
		assertNotifiedOnce("generation_failed");
	}

	@Test
	void aJobThatEndsFailedFailsTheTaskWithoutRetrying() {
		String id = "video_" + this.prompt.hashCode() + "d";
		createAnswers(okJson(video(id, "queued", 0)));
		pollAnswers(id, """
				{"id": "%s", "object": "video", "model": "sora-2", "status": "failed", "progress": 0,
				 "created_at": 1760000000, "seconds": "4", "size": "1280x720",
				 "error": {"code": "moderation_blocked", "message": "The output was flagged."}}
				""".formatted(id));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "sora"));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("content policy", "The output was flagged.");
		assertNotifiedOnce("generation_failed");
	}

	@Test
	void aResultThatIsNotAVideoFailsAtOnce() {
		String id = "video_" + this.prompt.hashCode() + "h";
		createAnswers(okJson(video(id, "completed", 100)));
		OPENAI.stubFor(get(urlEqualTo("/v1/videos/" + id + "/content")).willReturn(
				aResponse().withHeader("content-type", "text/html").withBody("<html>Error page from a proxy</html>")));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "sora"));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("not an MP4 video");
		assertNotifiedOnce("generation_failed");
	}

	@Test
	void aMalformedAnswerFailsAtOnce() {
		createAnswers(aResponse().withHeader("content-type", "application/json").withBody("{\"id\": 42, \"status\""));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "sora"));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("does not understand");
		assertNotifiedOnce("generation_failed");
	}

	@Test
	void aTimeoutIsRetried() {
		String id = "video_" + this.prompt.hashCode() + "e";
		createAnswers(okJson(video(id, "queued", 0)).withFixedDelay(TOO_SLOW_MILLIS),
				okJson(video(id, "completed", 100)));
		OPENAI.stubFor(get(urlEqualTo("/v1/videos/" + id + "/content")).willReturn(aResponse().withBody(MP4)));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "sora"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(2);
		assertNotifiedOnce("generation_completed");
	}

	@Test
	void aSpentQuotaFailsAtOnceAndARejectedKeyIsNeverRepeated() {
		createAnswers(aResponse().withStatus(401)
			.withHeader("content-type", "application/json")
			.withBody(error("Incorrect API key provided: " + OPENAI_KEY + ".", "invalid_request_error",
					"invalid_api_key")));

		JsonNode task = generateToTheEnd("videos", Map.of("prompt", this.prompt, "provider", "sora"));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("credentials").doesNotContain(OPENAI_KEY);
	}

	private void createAnswers(ResponseDefinitionBuilder... answers) {
		inOrder(OPENAI, () -> post(urlEqualTo("/v1/videos")).withMultipartRequestBody(part("prompt", this.prompt)),
				answers);
	}

	private void pollAnswers(String id, String... videos) {
		inOrder(OPENAI, () -> get(urlEqualTo("/v1/videos/" + id)),
				Stream.of(videos).map(WireMock::okJson).toArray(ResponseDefinitionBuilder[]::new));
	}

	private List<LoggedRequest> creates() {
		return OPENAI
			.findAll(postRequestedFor(urlEqualTo("/v1/videos")).withRequestBodyPart(partOf("prompt", this.prompt)));
	}

	private static MultipartValuePatternBuilder part(String name, String value) {
		return aMultipart().withName(name).withBody(equalTo(value));
	}

	private static MultipartValuePattern partOf(String name, String value) {
		return part(name, value).build();
	}

	private static String video(String id, String status, int progress) {
		return """
				{"id": "%s", "object": "video", "model": "sora-2", "status": "%s", "progress": %d,
				 "created_at": 1760000000, "completed_at": null, "expires_at": null, "prompt": "p",
				 "seconds": "4", "size": "1280x720", "remixed_from_video_id": null, "error": null}
				""".formatted(id, status, progress);
	}

	private static String error(String message, String type, String code) {
		return """
				{"error": {"message": "%s", "type": "%s", "param": null, "code": %s}}
				""".formatted(message, type, (code != null) ? "\"" + code + "\"" : "null");
	}

}
