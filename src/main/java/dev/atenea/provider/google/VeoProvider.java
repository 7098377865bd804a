package dev.atenea.provider.google;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.genai.types.GenerateVideosConfig;
import com.google.genai.types.GenerateVideosOperation;
import com.google.genai.types.GenerateVideosResponse;
import com.google.genai.types.GeneratedVideo;
import com.google.genai.types.Image;
import com.google.genai.types.Video;
import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.remote.ProviderFailures;

/**
 * Google Veo videos, a long-running operation: {@code :predictLongRunning} answers an
 * operation name, {@code GET /v1beta/{name}} answers it until {@code done}, with either
 * an error or the video, which the SDK downloads through the configured base URL (so the
 * key only ever goes to the host we configured).
 */
class VeoProvider implements GenerationProvider, AutoCloseable {

	static final String NAME = "veo";

	static final List<String> MODELS = List.of("veo-3.1-generate-preview", "veo-3.1-fast-generate-preview",
			"veo-3.1-generate-001", "veo-3.1-fast-generate-001");

	static final List<Integer> DURATIONS_SECONDS = List.of(8, 4, 6);

	/** The google.rpc codes of a finished operation that a new attempt may get past. */
	private static final Set<Integer> TRANSIENT_RPC_CODES = Set.of(4, 8, 10, 13, 14);

	private static final Pattern OPERATION_NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

	private final GeminiApi api;

	private final ProviderFailures failures;

	private final ProviderDescriptor descriptor;

	VeoProvider(GeminiApi api) {
		this.api = api;
		this.failures = api.failures();
		this.descriptor = new ProviderDescriptor(NAME, MediaKind.VIDEO, api.properties().modelsOr(MODELS),
				DURATIONS_SECONDS, List.of("16:9", "9:16"), 0, List.of(),
				Map.of("duration_seconds", 8, "aspect_ratio", "16:9"));
	}

	@Override
	public ProviderDescriptor descriptor() {
		return this.descriptor;
	}

	@Override
	public boolean isAvailable() {
		return this.api.isAvailable();
	}

	@Override
	public Duration pollInterval() {
		return this.api.properties().pollInterval();
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		String model = (request.model() != null) ? request.model() : this.descriptor.defaultModel();
		GenerateVideosConfig config = GenerateVideosConfig.builder()
			.aspectRatio(request.stringParam("aspect_ratio", "16:9"))
			.durationSeconds(request.intParam("duration_seconds", 8))
			.build();
		GenerateVideosOperation operation = this.api
			.call(() -> this.api.client().models.generateVideos(model, request.prompt(), (Image) null, config));
		return outcome(operation, request);
	}

	@Override
	public ProviderOutcome poll(String operationId, GenerationRequest request) {
		if (!OPERATION_NAME.matcher(operationId).matches() || operationId.contains("..")) {
			throw this.failures.malformed("an operation name that is not a name", null);
		}
		GenerateVideosOperation asked = GenerateVideosOperation.builder().name(operationId).build();
		return outcome(this.api.call(() -> this.api.client().operations.getVideosOperation(asked, null)), request);
	}

	private ProviderOutcome outcome(GenerateVideosOperation operation, GenerationRequest request) {
		String name = operation.name().orElseThrow(() -> this.failures.malformed("an operation without a name", null));
		if (!operation.done().orElse(false)) {
			return new ProviderOutcome.Pending(name, 0);
		}
		if (operation.error().isPresent()) {
			return failedOperation(operation.error().get());
		}
		GenerateVideosResponse response = operation.response()
			.orElseThrow(() -> this.failures.malformed("a finished operation with neither error nor response", null));
		List<GeneratedVideo> videos = response.generatedVideos().orElse(List.of());
		if (videos.isEmpty() || videos.get(0).video().isEmpty()) {
			if (response.raiMediaFilteredCount().orElse(0) > 0) {
				throw this.failures
					.refusedContent(String.join("; ", response.raiMediaFilteredReasons().orElse(List.of())));
			}
			throw this.failures.malformed("a finished operation without a video", null);
		}
		return new ProviderOutcome.Completed(saved(videos.get(0).video().get(), request));
	}

	/**
	 * An operation that finished with an error: an outage inside Google is worth a new
	 * attempt, anything else (a bad argument, a refusal) is final.
	 */
	private ProviderOutcome failedOperation(Map<String, Object> error) {
		int code = (error.get("code") instanceof Number number) ? number.intValue() : -1;
		String message = (error.get("message") instanceof String text) ? text : "";
		if (TRANSIENT_RPC_CODES.contains(code)) {
			return ProviderOutcome.Failed.transiently("Google Veo's job failed inside Google (code " + code + ": "
					+ this.failures.clean(message) + "); the task will try again.");
		}
		throw this.failures.jobFailed(message);
	}

	private GeneratedMedia saved(Video video, GenerationRequest request) {
		Path file = request.workDirectory().resolve(request.taskUuid() + "-" + request.attempt() + ".mp4");
		if (video.videoBytes().isPresent()) {
			try {
				Files.write(file, video.videoBytes().get());
			}
			catch (IOException ex) {
				throw ProviderException.retryable("The video could not be written to the work directory", ex);
			}
		}
		else if (video.uri().isPresent()) {
			this.api.call(() -> {
				this.api.client().files.download(video, file.toString(), null);
				return file;
			});
		}
		else {
			throw this.failures.malformed("a video with neither bytes nor a uri", null);
		}
		return new GeneratedMedia(file, video.mimeType().orElse("video/mp4"), "mp4");
	}

	@Override
	public void close() {
		this.api.close();
	}

}
