package dev.atenea.provider.elevenlabs;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.remote.HttpCalls;
import dev.atenea.provider.remote.HttpProvider;
import dev.atenea.provider.remote.ServiceProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ElevenLabs text to speech, synchronous: one {@code POST /v1/text-to-speech/{voice}}
 * answers the MP3 bytes.
 *
 * <p>
 * On the JDK's HTTP client rather than ElevenLabs' Java SDK: that SDK is new, generated,
 * and its way of overriding the base URL is not documented, while the API is one call.
 */
class ElevenLabsProvider extends HttpProvider {

	static final String NAME = "elevenlabs";

	static final String PUBLIC_URL = "https://api.elevenlabs.io";

	static final String OUTPUT_FORMAT = "mp3_44100_128";

	/** Premade voices every account has: George, Rachel, Sarah. */
	static final List<String> VOICES = List.of("JBFqnCBsd6RMkjVDRZzb", "21m00Tcm4TlvDq8ikWAM", "EXAVITQu4vr4xnAl3sxg");

	static final List<String> MODELS = List.of("eleven_multilingual_v2", "eleven_v3", "eleven_flash_v2_5",
			"eleven_turbo_v2_5");

	ElevenLabsProvider(ServiceProperties properties) {
		super("ElevenLabs", properties, describe(properties));
	}

	private static ProviderDescriptor describe(ServiceProperties properties) {
		List<String> voices = properties.voicesOr(VOICES);
		return new ProviderDescriptor(NAME, MediaKind.AUDIO, properties.modelsOr(MODELS), List.of(), List.of(), 0,
				voices, Map.of("voice", voices.get(0)));
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		String voice = request.stringParam("voice", descriptor().voices().get(0));
		ObjectNode body = HttpCalls.json().createObjectNode();
		body.put("text", request.prompt());
		body.put("model_id", (request.model() != null) ? request.model() : descriptor().defaultModel());
		URI uri = URI.create(properties().baseUrlOr(PUBLIC_URL) + "/v1/text-to-speech/"
				+ URLEncoder.encode(voice, StandardCharsets.UTF_8) + "?output_format=" + OUTPUT_FORMAT);
		HttpCalls.Answer answer = http().send(http().request(uri)
			.header("xi-api-key", properties().apiKey().strip())
			.header("content-type", "application/json")
			.header("accept", "audio/mpeg")
			.POST(HttpCalls.jsonBody(body))
			.build());
		if (!answer.isSuccess()) {
			throw failure(answer);
		}
		return new ProviderOutcome.Completed(saved(answer, request));
	}

	private GeneratedMedia saved(HttpCalls.Answer answer, GenerationRequest request) {
		if (!answer.contentType().startsWith("audio/") || answer.body().length == 0) {
			throw failures().malformed("no audio in a successful answer", null);
		}
		Path file = request.work().file("mp3");
		try {
			Files.write(file, answer.body());
		}
		catch (IOException ex) {
			throw ProviderException.retryable("The speech could not be written to the work directory", ex);
		}
		return new GeneratedMedia(file, "audio/mpeg", "mp3");
	}

	/**
	 * Decides on ElevenLabs' own status word where it has one: a 401 for spent credits is
	 * about money, not the key, and both kinds of 429 are worth waiting out.
	 */
	private ProviderException failure(HttpCalls.Answer answer) {
		JsonNode detail = answer.json().path("detail");
		String status = detail.path("status").asString("");
		String message = detail.isArray() ? detail.path(0).path("msg").asString("")
				: detail.path("message").asString("");
		if (status.equals("quota_exceeded")) {
			return failures().quotaExhausted(message);
		}
		if (status.contains("moderation") || status.contains("policy")) {
			return failures().refusedContent(message);
		}
		return failures().forStatus(answer.status(),
				failures().retryAfter(answer.retryAfter(), answer.retryAfterMillis()), message);
	}

}
