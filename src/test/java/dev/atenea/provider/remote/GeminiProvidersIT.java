package dev.atenea.provider.remote;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Nested;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Google Veo and Gemini images through the official GenAI SDK against a stub of the
 * Gemini Developer API.
 */
class GeminiProvidersIT extends ProviderStubsITBase {

	static final String VEO_CREATE = "/v1beta/models/veo-3.1-generate-preview:predictLongRunning";

	static final String IMAGE_CREATE = "/v1beta/models/gemini-2.5-flash-image:generateContent";

	@Nested
	class Veo {

		@Test
		void anOperationIsPolledUntilDoneAndItsVideoDownloaded() {
			String operation = "models/veo-3.1-generate-preview/operations/op-" + Math.abs(prompt.hashCode());
			String file = "files/vid" + Math.abs(prompt.hashCode());
			createAnswers(okJson("{\"name\": \"" + operation + "\"}"));
			inOrder(GEMINI, () -> get(urlPathEqualTo("/v1beta/" + operation)), okJson(running(operation)),
					okJson(done(operation, file)));
			GEMINI.stubFor(get(urlPathEqualTo("/v1beta/" + file + ":download"))
				.willReturn(aResponse().withHeader("content-type", "video/mp4").withBody(MP4 + "veo mp4")));

			JsonNode task = generateToTheEnd("videos",
					Map.of("prompt", prompt, "provider", "veo", "duration_seconds", 4, "aspect_ratio", "9:16"));

			assertThat(task.get("status").asString()).isEqualTo("completed");
			assertThat(task.get("attempts").asInt()).isEqualTo(1);
			assertThat(user.download(itemOf("videos", task).get("output_url").asString())).asString()
				.isEqualTo(MP4 + "veo mp4");
			List<LoggedRequest> creates = veoCreates();
			assertThat(creates).hasSize(1);
			assertThat(creates.get(0).getHeader("x-goog-api-key")).isEqualTo(GEMINI_KEY);
			GEMINI.verify(postRequestedFor(urlEqualTo(VEO_CREATE)).withRequestBody(equalToJson("""
					{"instances": [{"prompt": "%s"}],
					 "parameters": {"aspectRatio": "9:16", "durationSeconds": 4}}
					""".formatted(prompt), true, true)));
			GEMINI.verify(2, getRequestedFor(urlPathEqualTo("/v1beta/" + operation)));
			assertNotifiedOnce("generation_completed");
		}

		@Test
		void aVideoDroppedBySafetyFiltersFailsAtOnce() {
			String operation = "models/veo-3.1-generate-preview/operations/op-f" + Math.abs(prompt.hashCode());
			createAnswers(okJson("""
					{"name": "%s", "done": true, "response": {"generateVideoResponse": {
					 "raiMediaFilteredCount": 1, "raiMediaFilteredReasons": ["The prompt names a real person."]}}}
					""".formatted(operation)));

			JsonNode task = generateToTheEnd("videos", Map.of("prompt", prompt, "provider", "veo"));

			assertThat(task.get("status").asString()).isEqualTo("failed");
			assertThat(task.get("attempts").asInt()).isEqualTo(1);
			assertThat(task.get("error").asString()).contains("content policy", "names a real person");
			assertNotifiedOnce("generation_failed");
		}

		@Test
		void aServerErrorIsRetriedAndTheNextAttemptSucceeds() {
			String operation = "models/veo-3.1-generate-preview/operations/op-s" + Math.abs(prompt.hashCode());
			String file = "files/vids" + Math.abs(prompt.hashCode());
			createAnswers(
					aResponse().withStatus(503)
						.withHeader("content-type", "application/json")
						.withBody(googleError(503, "UNAVAILABLE", "The service is currently unavailable.")),
					okJson(done(operation, file)));
			GEMINI.stubFor(get(urlPathEqualTo("/v1beta/" + file + ":download")).willReturn(aResponse().withBody(MP4)));

			JsonNode task = generateToTheEnd("videos", Map.of("prompt", prompt, "provider", "veo"));

			assertThat(task.get("status").asString()).isEqualTo("completed");
			assertThat(task.get("attempts").asInt()).isEqualTo(2);
			assertThat(veoCreates()).hasSize(2);
			assertNotifiedOnce("generation_completed");
		}

		private void createAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
			inOrder(GEMINI, () -> post(urlEqualTo(VEO_CREATE)).withRequestBody(containing(prompt)), answers);
		}

		private List<LoggedRequest> veoCreates() {
			return GEMINI.findAll(postRequestedFor(urlEqualTo(VEO_CREATE)).withRequestBody(containing(prompt)));
		}

		private static String running(String operation) {
			return "{\"name\": \"" + operation + "\", \"done\": false}";
		}

		private String done(String operation, String file) {
			return """
					{"name": "%s", "done": true, "response": {
					 "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
					 "generateVideoResponse": {"generatedSamples": [{"video": {"uri": "%s/v1beta/%s:download?alt=media"}}]}}}
					"""
				.formatted(operation, GEMINI.baseUrl(), file);
		}

	}

	@Nested
	class Images {

		@Test
		void anImageComesBackInlineAndIsStored() {
			createAnswers(okJson(withImage()));

			JsonNode task = generateToTheEnd("images",
					Map.of("prompt", prompt, "provider", "gemini", "width", 1920, "height", 1080));

			assertThat(task.get("status").asString()).isEqualTo("completed");
			assertThat(task.get("attempts").asInt()).isEqualTo(1);
			assertThat(user.download(itemOf("images", task).get("output_url").asString())).isEqualTo(png());
			GEMINI.verify(postRequestedFor(urlEqualTo(IMAGE_CREATE)).withHeader("x-goog-api-key", equalTo(GEMINI_KEY))
				.withRequestBody(equalToJson("""
						{"contents": [{"role": "user", "parts": [{"text": "%s"}]}],
						 "generationConfig": {"responseModalities": ["TEXT", "IMAGE"],
						   "imageConfig": {"aspectRatio": "16:9", "imageSize": "2K"}}}
						""".formatted(prompt), true, true)));
			assertNotifiedOnce("generation_completed");
		}

		@Test
		void aRateLimitIsRetried() {
			createAnswers(
					aResponse().withStatus(429)
						.withHeader("content-type", "application/json")
						.withBody(googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded for requests per minute.")),
					okJson(withImage()));

			JsonNode task = generateToTheEnd("images", Map.of("prompt", prompt, "provider", "gemini"));

			assertThat(task.get("status").asString()).isEqualTo("completed");
			assertThat(task.get("attempts").asInt()).isEqualTo(2);
			assertNotifiedOnce("generation_completed");
		}

		@Test
		void aBlockedPromptFailsAtOnce() {
			createAnswers(okJson("""
					{"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"}, "usageMetadata": {"promptTokenCount": 9}}
					"""));

			JsonNode task = generateToTheEnd("images", Map.of("prompt", prompt, "provider", "gemini"));

			assertThat(task.get("status").asString()).isEqualTo("failed");
			assertThat(task.get("attempts").asInt()).isEqualTo(1);
			assertThat(task.get("error").asString()).contains("content policy", "PROHIBITED_CONTENT");
			assertNotifiedOnce("generation_failed");
		}

		@Test
		void aBadKeyFailsAtOnce() {
			createAnswers(aResponse().withStatus(403)
				.withHeader("content-type", "application/json")
				.withBody(googleError(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers.")));

			JsonNode task = generateToTheEnd("images", Map.of("prompt", prompt, "provider", "gemini"));

			assertThat(task.get("status").asString()).isEqualTo("failed");
			assertThat(task.get("attempts").asInt()).isEqualTo(1);
			assertThat(task.get("error").asString()).contains("denied access");
		}

		@Test
		void aMalformedAnswerFailsAtOnce() {
			createAnswers(
					okJson("{\"candidates\": [{\"content\": {\"parts\": [{\"inlineData\": {\"data\": \"!!\"}}]}}]}"));

			JsonNode task = generateToTheEnd("images", Map.of("prompt", prompt, "provider", "gemini"));

			assertThat(task.get("status").asString()).isEqualTo("failed");
			assertThat(task.get("attempts").asInt()).isEqualTo(1);
			assertThat(task.get("error").asString()).contains("does not understand");
		}

		@Test
		void aTimeoutIsRetried() {
			createAnswers(okJson(withImage()).withFixedDelay(TOO_SLOW_MILLIS), okJson(withImage()));

			JsonNode task = generateToTheEnd("images", Map.of("prompt", prompt, "provider", "gemini"));

			assertThat(task.get("status").asString()).isEqualTo("completed");
			assertThat(task.get("attempts").asInt()).isEqualTo(2);
		}

		private void createAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
			inOrder(GEMINI, () -> post(urlEqualTo(IMAGE_CREATE)).withRequestBody(containing(prompt)), answers);
		}

		private static String withImage() {
			return """
					{"candidates": [{"content": {"role": "model", "parts": [
					  {"text": "Here is your picture."},
					  {"inlineData": {"mimeType": "image/png", "data": "%s"}}]},
					 "finishReason": "STOP"}]}
					""".formatted(Base64.getEncoder().encodeToString(png()));
		}

	}

	static String googleError(int code, String status, String message) {
		return """
				{"error": {"code": %d, "message": "%s", "status": "%s"}}
				""".formatted(code, message, status);
	}

}
