package dev.atenea.provider.freepik;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.remote.HttpCalls;
import dev.atenea.provider.remote.ImageFiles;
import dev.atenea.provider.remote.ProviderFailures;
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
class FreepikProvider implements GenerationProvider {

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

	private final ServiceProperties properties;

	private final ProviderFailures failures;

	private final HttpCalls http;

	private final ProviderDescriptor descriptor;

	FreepikProvider(ServiceProperties properties) {
		this.properties = properties;
		this.failures = new ProviderFailures("Freepik", properties);
		this.http = new HttpCalls(properties, this.failures);
		this.descriptor = new ProviderDescriptor(NAME, MediaKind.IMAGE, properties.modelsOr(MODELS), List.of(),
				List.of(), MAX_SIDE, List.of(), Map.of("width", 1024, "height", 1024));
	}

	@Override
	public ProviderDescriptor descriptor() {
		return this.descriptor;
	}

	@Override
	public boolean isAvailable() {
		return this.properties.hasApiKey();
	}

	@Override
	public Duration pollInterval() {
		return this.properties.pollInterval();
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		int width = request.intParam("width", 1024);
		int height = request.intParam("height", 1024);
		ObjectNode body = HttpCalls.json().createObjectNode();
		body.put("prompt", request.prompt());
		body.put("model", (request.model() != null) ? request.model() : this.descriptor.defaultModel());
		body.put("aspect_ratio", aspectRatio(width, height));
		body.put("resolution", resolution(Math.max(width, height)));
		HttpCalls.Answer answer = this.http
			.send(authorized(this.http.request(uri("")).header("content-type", "application/json"))
				.POST(HttpCalls.jsonBody(body))
				.build());
		return outcome(answer, request);
	}

	@Override
	public ProviderOutcome poll(String operationId, GenerationRequest request) {
		if (!TASK_ID.matcher(operationId).matches()) {
			throw this.failures.malformed("a task id that is not an id", null);
		}
		return outcome(this.http.send(authorized(this.http.request(uri("/" + operationId))).GET().build()), request);
	}

	private ProviderOutcome outcome(HttpCalls.Answer answer, GenerationRequest request) {
		if (!answer.isSuccess()) {
			throw this.failures.forStatus(answer.status(),
					this.failures.retryAfter(answer.retryAfter(), answer.retryAfterMillis()),
					answer.json().path("message").asString(""));
		}
		JsonNode data = answer.json().path("data");
		String taskId = data.path("task_id").asString("");
		String status = data.path("status").asString("");
		return switch (status) {
			case "CREATED", "IN_PROGRESS" -> new ProviderOutcome.Pending(requireTaskId(taskId), 0);
			case "COMPLETED" -> new ProviderOutcome.Completed(saved(data, request));
			case "FAILED" -> throw this.failures.jobFailed("the task ended FAILED, often a prompt its filters refuse");
			default -> throw this.failures.malformed("task status '" + this.failures.clean(status) + "'", null);
		};
	}

	/**
	 * Keeps the image. Mystic answers URLs; some other Freepik models answer base64, so
	 * both are read.
	 */
	private GeneratedMedia saved(JsonNode data, GenerationRequest request) {
		String generated = data.path("generated").path(0).asString("");
		if (generated.isEmpty()) {
			throw this.failures.malformed("a completed task without an image", null);
		}
		if (data.path("has_nsfw").path(0).asBoolean(false)) {
			throw this.failures.refusedContent("the image was flagged as not safe for work");
		}
		Path file = request.workDirectory().resolve(request.taskUuid() + "-" + request.attempt() + ".image");
		if (generated.startsWith("http://") || generated.startsWith("https://")) {
			this.http.download(URI.create(generated), file);
			return ImageFiles.image(file, this.failures);
		}
		try {
			Files.write(file, Base64.getMimeDecoder().decode(generated));
		}
		catch (IllegalArgumentException ex) {
			throw this.failures.malformed("an image that is neither a URL nor base64", ex);
		}
		catch (IOException ex) {
			throw ProviderException.retryable("The image could not be written to the work directory", ex);
		}
		return ImageFiles.image(file, this.failures);
	}

	private String requireTaskId(String taskId) {
		if (!TASK_ID.matcher(taskId).matches()) {
			throw this.failures.malformed("no task id", null);
		}
		return taskId;
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		return request.header("x-freepik-api-key", this.properties.apiKey().strip())
			.header("accept", "application/json");
	}

	private URI uri(String suffix) {
		return URI.create(this.properties.baseUrlOr(PUBLIC_URL) + "/v1/ai/mystic" + suffix);
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
