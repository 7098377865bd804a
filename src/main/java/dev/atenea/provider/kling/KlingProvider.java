package dev.atenea.provider.kling;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
 * Kling text to video, asynchronous: {@code POST /v1/videos/text2video} answers a task
 * id, {@code GET /v1/videos/text2video/{task_id}} its status until {@code succeed} with
 * the video's CDN URL, which is downloaded without credentials.
 *
 * <p>
 * Kling reuses HTTP 429 for both "slow down" and "out of money", so failures are decided
 * on its own {@code code} first. There is no Java SDK; this is the JDK's HTTP client with
 * a token signed by {@link KlingToken}.
 */
class KlingProvider extends HttpProvider {

	static final String NAME = "kling";

	static final String PUBLIC_URL = "https://api-singapore.klingai.com";

	static final List<String> MODELS = List.of("kling-v2-6", "kling-v2-5-turbo", "kling-v2-1-master", "kling-v1-6");

	static final List<Integer> DURATIONS_SECONDS = List.of(5, 10);

	static final List<String> ASPECT_RATIOS = List.of("16:9", "9:16", "1:1");

	private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private final KlingToken token;

	KlingProvider(ServiceProperties properties, Clock clock) {
		super("Kling", properties, new ProviderDescriptor(NAME, MediaKind.VIDEO, properties.modelsOr(MODELS),
				DURATIONS_SECONDS, ASPECT_RATIOS, 0, List.of(), Map.of("duration_seconds", 5, "aspect_ratio", "16:9")));
		this.token = properties.hasKeyPair() ? new KlingToken(properties.accessKey(), properties.secretKey(), clock)
				: null;
	}

	@Override
	public boolean isAvailable() {
		return this.token != null;
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		ObjectNode body = HttpCalls.json().createObjectNode();
		body.put("model_name", (request.model() != null) ? request.model() : descriptor().defaultModel());
		body.put("prompt", request.prompt());
		body.put("duration", Integer.toString(request.intParam("duration_seconds", 5)));
		body.put("aspect_ratio", request.stringParam("aspect_ratio", "16:9"));
		body.put("mode", "std");
		HttpCalls.Answer answer = http()
			.send(authorized(http().request(uri(""))).header("content-type", "application/json")
				.POST(HttpCalls.jsonBody(body))
				.build());
		return outcome(answer, request);
	}

	@Override
	public ProviderOutcome poll(String operationId, GenerationRequest request) {
		if (!TASK_ID.matcher(operationId).matches()) {
			throw failures().malformed("a task id that is not an id", null);
		}
		return outcome(http().send(authorized(http().request(uri("/" + operationId))).GET().build()), request);
	}

	private ProviderOutcome outcome(HttpCalls.Answer answer, GenerationRequest request) {
		JsonNode json = answer.json();
		int code = json.path("code").asInt(-1);
		if (!answer.isSuccess() || code != 0) {
			throw failure(answer, code, json.path("message").asString(""));
		}
		JsonNode data = json.path("data");
		String taskId = data.path("task_id").asString("");
		return switch (data.path("task_status").asString("")) {
			case "submitted", "processing" -> new ProviderOutcome.Pending(requireTaskId(taskId), 0);
			case "succeed" -> new ProviderOutcome.Completed(saved(data, request));
			case "failed" -> throw failures().jobFailed(data.path("task_status_msg").asString(""));
			default -> throw failures().malformed("a task without a known status", null);
		};
	}

	private GeneratedMedia saved(JsonNode data, GenerationRequest request) {
		String url = data.path("task_result").path("videos").path(0).path("url").asString("");
		if (url.isEmpty()) {
			throw failures().malformed("a finished task without a video URL", null);
		}
		Path file = request.work().file("mp4");
		http().download(URI.create(url), file);
		return VideoFiles.mp4(file, failures());
	}

	/**
	 * Kling's error codes, which say more than its HTTP statuses.
	 */
	private ProviderException failure(HttpCalls.Answer answer, int code, String message) {
		return switch (code) {
			case 1003, 1004 -> {
				this.token.discard();
				yield ProviderException.retryable("Kling did not accept our token's time window; the task will try "
						+ "again with a new token (check this machine's clock if it keeps happening).", null);
			}
			case 1100, 1101, 1102 -> failures().quotaExhausted(message);
			case 1300, 1301 -> failures().refusedContent(message);
			case 1302, 1303 -> failures().throttled(answer.status(),
					failures().retryAfter(answer.retryAfter(), answer.retryAfterMillis()));
			case 1304 -> ProviderException
				.permanent("Kling refused this server's IP address (code 1304); an administrator must allow it.", null);
			default -> (answer.isSuccess()) ? failures().malformed("an answer without code 0 or a task", null)
					: failures().forStatus(answer.status(),
							failures().retryAfter(answer.retryAfter(), answer.retryAfterMillis()), message);
		};
	}

	private String requireTaskId(String taskId) {
		if (!TASK_ID.matcher(taskId).matches()) {
			throw failures().malformed("no task id", null);
		}
		return taskId;
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		return request.header("authorization", "Bearer " + this.token.current()).header("accept", "application/json");
	}

	private URI uri(String suffix) {
		return URI.create(properties().baseUrlOr(PUBLIC_URL) + "/v1/videos/text2video" + suffix);
	}

}
