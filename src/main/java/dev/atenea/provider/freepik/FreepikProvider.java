package dev.atenea.provider.freepik;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
import dev.atenea.provider.remote.ImageFiles;
import dev.atenea.provider.remote.ServiceProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Freepik Mystic images, asynchronous: {@code POST /v1/ai/mystic} answers a task id,
 * {@code GET /v1/ai/mystic/{task-id}} answers its status until {@code COMPLETED} with the
 * image's URL (or, for some models, its base64 bytes).
 *
 * <p>
 * The item's width and height choose the nearest of Mystic's named aspect ratios and a
 * resolution class (1k, 2k, 4k); Mystic decides the exact pixel size. The model field is
 * Mystic's own ({@code realism}, {@code fluid}, {@code zen}). No Java SDK exists, so this
 * is the JDK's HTTP client.
 */
class FreepikProvider extends HttpProvider {

	static final String NAME = "freepik";

	static final String PUBLIC_URL = "https://api.freepik.com";

	static final List<String> MODELS = List.of("realism", "fluid", "zen");

	static final int MAX_SIDE = 4096;

	/** Mystic's aspect ratios by their width over height. */
	static final Map<String, Double> ASPECT_RATIOS = Map.ofEntries(Map.entry("square_1_1", 1.0),
			Map.entry("classic_4_3", 4 / 3.0), Map.entry("traditional_3_4", 3 / 4.0),
			Map.entry("widescreen_16_9", 16 / 9.0), Map.entry("social_story_9_16", 9 / 16.0),
			Map.entry("smartphone_horizontal_20_9", 20 / 9.0), Map.entry("smartphone_vertical_9_20", 9 / 20.0),
			Map.entry("standard_3_2", 3 / 2.0), Map.entry("portrait_2_3", 2 / 3.0), Map.entry("horizontal_2_1", 2.0),
			Map.entry("vertical_1_2", 0.5), Map.entry("social_5_4", 5 / 4.0), Map.entry("social_post_4_5", 4 / 5.0));

	/** Task ids are uuids; anything else would be pasted into a URL path. */
	private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	FreepikProvider(ServiceProperties properties) {
		super("Freepik", properties, new ProviderDescriptor(NAME, MediaKind.IMAGE, properties.modelsOr(MODELS),
				List.of(), List.of(), MAX_SIDE, List.of(), Map.of("width", 1024, "height", 1024)));
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		int width = request.intParam("width", 1024);
		int height = request.intParam("height", 1024);
		ObjectNode body = HttpCalls.json().createObjectNode();
		body.put("prompt", request.prompt());
		body.put("model", (request.model() != null) ? request.model() : descriptor().defaultModel());
		body.put("aspect_ratio", aspectRatio(width, height));
		body.put("resolution", resolution(Math.max(width, height)));
		HttpCalls.Answer answer = http()
			.send(authorized(http().request(uri("")).header("content-type", "application/json"))
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
		if (!answer.isSuccess()) {
			throw failures().forStatus(answer.status(),
					failures().retryAfter(answer.retryAfter(), answer.retryAfterMillis()),
					answer.json().path("message").asString(""));
		}
		JsonNode data = answer.json().path("data");
		String taskId = data.path("task_id").asString("");
		String status = data.path("status").asString("");
		return switch (status) {
			case "CREATED", "IN_PROGRESS" -> new ProviderOutcome.Pending(requireTaskId(taskId), 0);
			case "COMPLETED" -> new ProviderOutcome.Completed(saved(data, request));
			case "FAILED" -> throw failures().jobFailed("the task ended FAILED, often a prompt its filters refuse");
			default -> throw failures().malformed("task status '" + failures().clean(status) + "'", null);
		};
	}

	/**
	 * Keeps the image. Mystic answers URLs; some other Freepik models answer base64, so
	 * both are read.
	 */
	private GeneratedMedia saved(JsonNode data, GenerationRequest request) {
		String generated = data.path("generated").path(0).asString("");
		if (generated.isEmpty()) {
			throw failures().malformed("a completed task without an image", null);
		}
		if (data.path("has_nsfw").path(0).asBoolean(false)) {
			throw failures().refusedContent("the image was flagged as not safe for work");
		}
		Path file = request.work().file("image");
		if (generated.startsWith("http://") || generated.startsWith("https://")) {
			http().download(URI.create(generated), file);
			return ImageFiles.image(file, failures());
		}
		try {
			Files.write(file, Base64.getMimeDecoder().decode(generated));
		}
		catch (IllegalArgumentException ex) {
			throw failures().malformed("an image that is neither a URL nor base64", ex);
		}
		catch (IOException ex) {
			throw ProviderException.retryable("The image could not be written to the work directory", ex);
		}
		return ImageFiles.image(file, failures());
	}

	private String requireTaskId(String taskId) {
		if (!TASK_ID.matcher(taskId).matches()) {
			throw failures().malformed("no task id", null);
		}
		return taskId;
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		return request.header("x-freepik-api-key", properties().apiKey().strip()).header("accept", "application/json");
	}

	private URI uri(String suffix) {
		return URI.create(properties().baseUrlOr(PUBLIC_URL) + "/v1/ai/mystic" + suffix);
	}

	static String aspectRatio(int width, int height) {
		double wanted = Math.log((double) width / height);
		return ASPECT_RATIOS.entrySet()
			.stream()
			.min((a, b) -> Double.compare(Math.abs(Math.log(a.getValue()) - wanted),
					Math.abs(Math.log(b.getValue()) - wanted)))
			.orElseThrow()
			.getKey();
	}

	static String resolution(int longestSide) {
		if (longestSide <= 1024) {
			return "1k";
		}
		return (longestSide <= 2048) ? "2k" : "4k";
	}

}
