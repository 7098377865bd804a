package dev.atenea.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.videos.Video;
import com.openai.models.videos.VideoCreateParams;
import com.openai.models.videos.VideoSeconds;
import com.openai.models.videos.VideoSize;
import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.remote.ProviderFailures;
import dev.atenea.provider.remote.ServiceProperties;
import dev.atenea.provider.remote.VideoFiles;

/**
 * OpenAI Sora videos through the official SDK, asynchronous: {@code POST /videos} answers
 * a job, {@code GET /videos/{id}} its status until {@code completed}, and {@code GET
 * /videos/{id}/content} the MP4.
 *
 * <p>
 * The SDK's own retries are off ({@code maxRetries(0)}): our worker owns retries, so a
 * 429 or a 5xx is one attempt, classified here, and waits in the queue instead of in a
 * worker thread. The aspect ratio picks Sora's size; there is no separate field for it.
 */
class SoraProvider implements GenerationProvider, AutoCloseable {

	static final String NAME = "sora";

	static final String PUBLIC_URL = "https://api.openai.com/v1";

	static final List<String> MODELS = List.of("sora-2", "sora-2-pro");

	static final List<Integer> DURATIONS_SECONDS = List.of(4, 8, 12);

	static final Map<String, String> SIZES = Map.of("16:9", "1280x720", "9:16", "720x1280");

	/** OpenAI's error codes for a 429 that waiting will not cure. */
	private static final List<String> QUOTA_CODES = List.of("insufficient_quota", "billing_hard_limit_reached",
			"credit_balance_exhausted");

	private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private final ServiceProperties properties;

	private final ProviderFailures failures;

	private final OpenAIClient client;

	private final ProviderDescriptor descriptor;

	SoraProvider(ServiceProperties properties) {
		this.properties = properties;
		this.failures = new ProviderFailures("OpenAI Sora", properties);
		this.client = properties.hasApiKey() ? OpenAIOkHttpClient.builder()
			.apiKey(properties.apiKey().strip())
			.baseUrl(properties.baseUrlOr(PUBLIC_URL))
			.maxRetries(0)
			.timeout(properties.requestTimeout())
			.build() : null;
		this.descriptor = new ProviderDescriptor(NAME, MediaKind.VIDEO, properties.modelsOr(MODELS), DURATIONS_SECONDS,
				List.of("16:9", "9:16"), 0, List.of(), Map.of("duration_seconds", 4, "aspect_ratio", "16:9"));
	}

	@Override
	public ProviderDescriptor descriptor() {
		return this.descriptor;
	}

	@Override
	public boolean isAvailable() {
		return this.client != null;
	}

	@Override
	public Duration pollInterval() {
		return this.properties.pollInterval();
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		VideoCreateParams params = VideoCreateParams.builder()
			.model((request.model() != null) ? request.model() : this.descriptor.defaultModel())
			.prompt(request.prompt())
			.seconds(VideoSeconds.of(Integer.toString(request.intParam("duration_seconds", 4))))
			.size(VideoSize.of(SIZES.getOrDefault(request.stringParam("aspect_ratio", "16:9"), "1280x720")))
			.build();
		return outcome(call(() -> this.client.videos().create(params)), request);
	}

	@Override
	public ProviderOutcome poll(String operationId, GenerationRequest request) {
		if (!VIDEO_ID.matcher(operationId).matches()) {
			throw this.failures.malformed("a video id that is not an id", null);
		}
		return outcome(call(() -> this.client.videos().retrieve(operationId)), request);
	}

	private ProviderOutcome outcome(Video video, GenerationRequest request) {
		String status = call(() -> video.status().asString());
		return switch (status) {
			case "queued", "in_progress" ->
				new ProviderOutcome.Pending(call(video::id), (int) Math.clamp(call(video::progress), 0, 100));
			case "completed" -> new ProviderOutcome.Completed(download(call(video::id), request));
			case "failed" -> throw failedJob(video);
			default -> throw this.failures.malformed("video status '" + this.failures.clean(status) + "'", null);
		};
	}

	/**
	 * A job that ended failed is final, as the reference advises: most are moderation
	 * decisions, and a new attempt would be charged again for the same refusal.
	 */
	private ProviderException failedJob(Video video) {
		String code = video.error().map((error) -> error.code()).orElse("");
		String message = video.error().map((error) -> error.message()).orElse("");
		if (code.contains("moderation") || code.contains("policy") || code.contains("safety")) {
			return this.failures.refusedContent(message);
		}
		return this.failures.jobFailed(message);
	}

	private GeneratedMedia download(String videoId, GenerationRequest request) {
		Path file = request.work().file("mp4");
		try (HttpResponse response = call(() -> this.client.videos().downloadContent(videoId));
				InputStream body = response.body()) {
			Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw ProviderException.retryable("The video from OpenAI Sora could not be downloaded", ex);
		}
		return VideoFiles.mp4(file, this.failures);
	}

	/**
	 * Runs one SDK call and classifies what it throws. The SDK parses lazily, so reading
	 * a field of its answer goes through here too.
	 */
	private <T> T call(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (OpenAIServiceException ex) {
			throw classified(ex);
		}
		catch (OpenAIIoException ex) {
			throw this.failures
				.unreachable((ex.getCause() instanceof IOException io) ? io : new IOException("connection failed", ex));
		}
		catch (OpenAIInvalidDataException ex) {
			throw this.failures.malformed("a video object it could not read", ex);
		}
	}

	private ProviderException classified(OpenAIServiceException ex) {
		String code = ex.code().orElse("");
		String type = ex.type().orElse("");
		String message = errorMessage(ex);
		if (QUOTA_CODES.contains(code) || QUOTA_CODES.contains(type)) {
			return this.failures.quotaExhausted(message);
		}
		if (code.contains("moderation") || code.contains("content_policy")) {
			return this.failures.refusedContent(message);
		}
		Headers headers = ex.headers();
		return this.failures.forStatus(ex.statusCode(),
				this.failures.retryAfter(first(headers, "retry-after"), first(headers, "retry-after-ms")), message);
	}

	/**
	 * The human message of OpenAI's error body, whether the SDK hands over the whole body
	 * or its {@code error} member.
	 */
	private static String errorMessage(OpenAIServiceException ex) {
		Object body = ex.body().convert(Object.class);
		Object error = (body instanceof Map<?, ?> fields && fields.get("error") != null) ? fields.get("error") : body;
		return (error instanceof Map<?, ?> fields && fields.get("message") instanceof String message) ? message : "";
	}

	private static Optional<String> first(Headers headers, String name) {
		return headers.values(name).stream().findFirst();
	}

	@Override
	public void close() {
		if (this.client != null) {
			this.client.close();
		}
	}

}
