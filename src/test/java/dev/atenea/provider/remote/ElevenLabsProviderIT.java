package dev.atenea.provider.remote;

import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ElevenLabs against a stub of {@code /v1/text-to-speech/{voice}}.
 */
class ElevenLabsProviderIT extends ProviderStubsITBase {

	static final String SPEAK = "/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM?output_format=mp3_44100_128";

	@Test
	void theSpeechComesBackAsMp3AndIsStored() {
		speakAnswers(mp3());

		JsonNode task = generateToTheEnd("audio",
				Map.of("text", this.prompt, "provider", "elevenlabs", "voice", "21m00Tcm4TlvDq8ikWAM"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(this.user.download(itemOf("audio", task).get("output_url").asString())).asString()
			.isEqualTo("ID3 mp3 bytes");
		ELEVENLABS.verify(postRequestedFor(urlEqualTo(SPEAK)).withHeader("xi-api-key", equalTo(ELEVENLABS_KEY))
			.withRequestBody(equalToJson("""
					{"text": "%s", "model_id": "eleven_multilingual_v2"}
					""".formatted(this.prompt))));
		assertNotifiedOnce("generation_completed");
	}

	@Test
	void tooManyConcurrentRequestsIsRetriedAfterRetryAfter() {
		speakAnswers(
				aResponse().withStatus(429)
					.withHeader("retry-after", "1")
					.withBody("{\"detail\": {\"status\": \"too_many_concurrent_requests\", \"message\": \"busy\"}}"),
				mp3());

		JsonNode task = generateToTheEnd("audio",
				Map.of("text", this.prompt, "provider", "elevenlabs", "voice", "21m00Tcm4TlvDq8ikWAM"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(2);
		var calls = ELEVENLABS.findAll(postRequestedFor(urlEqualTo(SPEAK)).withRequestBody(containing(this.prompt)));
		assertThat(between(calls.get(0), calls.get(1))).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(950));
	}

	@Test
	void aServerErrorIsRetriedAndTheNextAttemptSucceeds() {
		speakAnswers(
				aResponse().withStatus(500).withBody("{\"detail\": {\"status\": \"error\", \"message\": \"oops\"}}"),
				mp3());

		JsonNode task = generateToTheEnd("audio",
				Map.of("text", this.prompt, "provider", "elevenlabs", "voice", "21m00Tcm4TlvDq8ikWAM"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(2);
		assertNotifiedOnce("generation_completed");
	}

	@Test
	void spentCreditsFailAtOnce() {
		speakAnswers(aResponse().withStatus(401)
			.withBody(
					"{\"detail\": {\"status\": \"quota_exceeded\", \"message\": \"This request exceeds your quota.\"}}"));

		JsonNode task = generateToTheEnd("audio",
				Map.of("text", this.prompt, "provider", "elevenlabs", "voice", "21m00Tcm4TlvDq8ikWAM"));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("out of credits", "exceeds your quota");
		assertNotifiedOnce("generation_failed");
	}

	@Test
	void aModerationRefusalFailsAtOnce() {
		speakAnswers(aResponse().withStatus(400)
			.withBody(
					"{\"detail\": {\"status\": \"content_moderation_blocked\", \"message\": \"The text was flagged.\"}}"));

		JsonNode task = generateToTheEnd("audio",
				Map.of("text", this.prompt, "provider", "elevenlabs", "voice", "21m00Tcm4TlvDq8ikWAM"));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("content policy", "The text was flagged.");
	}

	@Test
	void anAnswerWithoutAudioFailsAtOnce() {
		speakAnswers(aResponse().withHeader("content-type", "application/json").withBody("{\"ok\": true}"));

		JsonNode task = generateToTheEnd("audio",
				Map.of("text", this.prompt, "provider", "elevenlabs", "voice", "21m00Tcm4TlvDq8ikWAM"));

		assertThat(task.get("status").asString()).isEqualTo("failed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("error").asString()).contains("does not understand");
	}

	@Test
	void aTimeoutIsRetried() {
		speakAnswers(mp3().withFixedDelay(TOO_SLOW_MILLIS), mp3());

		JsonNode task = generateToTheEnd("audio",
				Map.of("text", this.prompt, "provider", "elevenlabs", "voice", "21m00Tcm4TlvDq8ikWAM"));

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(2);
	}

	@Test
	void everyConfiguredProviderIsListedWithItsModels() {
		JsonNode providers = this.user.get("/api/providers").json();

		assertThat(providers.get("video").valueStream().map((p) -> p.get("name").asString())).contains("local", "sora",
				"veo", "kling");
		assertThat(providers.get("image").valueStream().map((p) -> p.get("name").asString())).contains("local",
				"gemini", "freepik");
		JsonNode elevenlabs = providers.get("audio")
			.valueStream()
			.filter((p) -> p.get("name").asString().equals("elevenlabs"))
			.findFirst()
			.orElseThrow();
		assertThat(elevenlabs.get("default_model").asString()).isEqualTo("eleven_multilingual_v2");
		assertThat(elevenlabs.get("options").get("voice").valueStream().map(JsonNode::asString))
			.contains("21m00Tcm4TlvDq8ikWAM");
	}

	private void speakAnswers(ResponseDefinitionBuilder... answers) {
		inOrder(ELEVENLABS, () -> post(urlEqualTo(SPEAK)).withRequestBody(containing(this.prompt)), answers);
	}

	private static ResponseDefinitionBuilder mp3() {
		return aResponse().withHeader("content-type", "audio/mpeg").withBody("ID3 mp3 bytes");
	}

}
