package dev.atenea.provider.google;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.remote.HttpCalls;
import dev.atenea.provider.remote.HttpProvider;
import dev.atenea.provider.remote.ServiceProperties;
import dev.atenea.provider.remote.VideoFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google Veo videos on the Gemini Developer API, a long-running operation: {@code POST
 * /v1beta/models/{model}:predictLongRunning} answers an operation name, {@code GET
 * /v1beta/{name}} answers it until {@code done}, with either an error or the video's URI.
 *
 * <p>
 * On the JDK's HTTP client, not the GenAI SDK: the SDK version in use refuses
 * {@code generateVideos} outside Vertex AI mode ("only supported in Gemini Enterprise
 * Agent Platform mode"), so it cannot call Veo with a Gemini API key. The API key goes
 * with the download only when the video's URI is on the configured base URL's origin.
 */
class VeoProvider extends HttpProvider {

	static final String NAME = "veo";

	static final List<String> MODELS = List.of("veo-3.1-generate-preview", "veo-3.1-fast-generate-preview",
			"veo-3.1-generate-001", "veo-3.1-fast-generate-001");

	static final List<Integer> DURATIONS_SECONDS = List.of(8, 4, 6);

	/** The google.rpc codes of a finished operation that a new attempt may get past. */
	private static final Set<Integer> TRANSIENT_RPC_CODES = Set.of(4, 8, 10, 13, 14);

	private static final Pattern OPERATION_NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

	private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._-]+");

	VeoProvider(ServiceProperties properties) {
		super("Google Veo", properties,
				new ProviderDescriptor(NAME, MediaKind.VIDEO, properties.modelsOr(MODELS), DURATIONS_SECONDS,
						List.of("16:9", "9:16"), 0, List.of(), Map.of("duration_seconds", 8, "aspect_ratio", "16:9")));
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		String model = (request.model() != null) ? request.model() : descriptor().defaultModel();
		if (!MODEL.matcher(model).matches()) {
			throw ProviderException.permanent("Not a Veo model: choose one of " + descriptor().models(), null);
		}
		ObjectNode body = HttpCalls.json().createObjectNode();
		body.putArray("instances").addObject().put("prompt", request.prompt());
		ObjectNode parameters = body.putObject("parameters");
		parameters.put("aspectRatio", request.stringParam("aspect_ratio", "16:9"));
		parameters.put("durationSeconds", request.intParam("duration_seconds", 8));
		HttpCalls.Answer answer = http()
			.send(authorized(http().request(uri("/models/" + model + ":predictLongRunning")))
				.header("content-type", "application/json")
				.POST(HttpCalls.jsonBody(body))
				.build());
		return outcome(answer, request);
	}

	@Override
	public ProviderOutcome poll(String operationId, GenerationRequest request) {
		if (!OPERATION_NAME.matcher(operationId).matches() || operationId.contains("..")) {
			throw failures().malformed("an operation name that is not a name", null);
		}
		return outcome(http().send(authorized(http().request(uri("/" + operationId))).GET().build()), request);
	}

	private ProviderOutcome outcome(HttpCalls.Answer answer, GenerationRequest request) {
		JsonNode operation = answer.json();
		if (!answer.isSuccess()) {
			throw failure(answer, operation.path("error"));
		}
		String name = operation.path("name").asString("");
		if (!OPERATION_NAME.matcher(name).matches()) {
			throw failures().malformed("an operation without a name", null);
		}
		if (!operation.path("done").asBoolean(false)) {
			return new ProviderOutcome.Pending(name, 0);
		}
		if (operation.has("error")) {
			return failedOperation(operation.path("error"));
		}
		JsonNode response = operation.path("response").path("generateVideoResponse");
		JsonNode video = response.path("generatedSamples").path(0).path("video");
		if (video.isMissingNode()) {
			if (response.path("raiMediaFilteredCount").asInt(0) > 0) {
				throw failures().refusedContent(String.join("; ",
						response.path("raiMediaFilteredReasons").valueStream().map(JsonNode::asString).toList()));
			}
			throw failures().malformed("a finished operation without a video", null);
		}
		return new ProviderOutcome.Completed(saved(video, request));
	}

	private ProviderException failure(HttpCalls.Answer answer, JsonNode error) {
		String message = error.path("message").asString("");
		if (answer.status() == 400 && error.path("status").asString("").equals("FAILED_PRECONDITION")) {
			return failures().quotaExhausted(message);
		}
		return failures().forStatus(answer.status(),
				failures().retryAfter(answer.retryAfter(), answer.retryAfterMillis()), message);
	}

	/**
	 * An operation that finished with an error: an outage inside Google is worth a new
	 * attempt, anything else (a bad argument, a refusal) is final.
	 */
	private ProviderOutcome failedOperation(JsonNode error) {
		int code = error.path("code").asInt(-1);
		String message = error.path("message").asString("");
		if (TRANSIENT_RPC_CODES.contains(code)) {
			return ProviderOutcome.Failed.transiently(
					"Google Veo's job failed inside Google (code " + code + ": " + failures().clean(message) + ").");
		}
		throw failures().jobFailed(message);
	}

	private GeneratedMedia saved(JsonNode video, GenerationRequest request) {
		Path file = request.work().file("mp4");
		String uri = video.path("uri").asString("");
		String encoded = video.path("encodedVideo").asString("");
		if (!uri.isEmpty()) {
			http().download(URI.create(uri), file, "x-goog-api-key", properties().apiKey().strip());
		}
		else if (!encoded.isEmpty()) {
			write(file, encoded);
		}
		else {
			throw failures().malformed("a video with neither a uri nor bytes", null);
		}
		return VideoFiles.mp4(file, failures());
	}

	private void write(Path file, String base64) {
		try {
			Files.write(file, Base64.getMimeDecoder().decode(base64));
		}
		catch (IllegalArgumentException ex) {
			throw failures().malformed("video bytes that are not base64", ex);
		}
		catch (IOException ex) {
			throw ProviderException.retryable("The video could not be written to the work directory", ex);
		}
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		return request.header("x-goog-api-key", properties().apiKey().strip()).header("accept", "application/json");
	}

	private URI uri(String path) {
		return URI.create(properties().baseUrlOr(GeminiApi.PUBLIC_URL) + "/" + GeminiApi.API_VERSION + path);
	}

}
