package dev.atenea.provider.google;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.genai.types.Blob;
import com.google.genai.types.Candidate;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateImagesConfig;
import com.google.genai.types.GenerateImagesResponse;
import com.google.genai.types.GeneratedImage;
import com.google.genai.types.ImageConfig;
import com.google.genai.types.Part;
import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.remote.ImageFiles;
import dev.atenea.provider.remote.ProviderFailures;

/**
 * Gemini image models ({@code :generateContent}) and Imagen ({@code :predict}),
 * synchronous: one call answers the image's bytes. A model whose id starts with
 * {@code imagen-} goes to Imagen; Google is retiring Imagen on this API, so it is offered
 * only when configured in {@code models}.
 *
 * <p>
 * The item's width and height choose the nearest aspect ratio Gemini knows and a size
 * class (1K, 2K); Gemini decides the exact pixel size.
 */
class GeminiImageProvider implements GenerationProvider {

	static final String NAME = "gemini";

	static final List<String> MODELS = List.of("gemini-2.5-flash-image", "gemini-3-pro-image",
			"gemini-3.1-flash-image");

	static final Map<String, Double> ASPECT_RATIOS = Map.of("1:1", 1.0, "2:3", 2 / 3.0, "3:2", 1.5, "3:4", 0.75, "4:3",
			4 / 3.0, "9:16", 9 / 16.0, "16:9", 16 / 9.0, "21:9", 21 / 9.0);

	/** Finish reasons that are a refusal of the prompt or the picture. */
	private static final Set<String> REFUSALS = Set.of("SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII",
			"RECITATION", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION");

	private final GeminiApi api;

	private final ProviderFailures failures;

	private final ProviderDescriptor descriptor;

	GeminiImageProvider(GeminiApi api) {
		this.api = api;
		this.failures = api.failures();
		this.descriptor = new ProviderDescriptor(NAME, MediaKind.IMAGE, api.properties().modelsOr(MODELS), List.of(),
				List.of(), 2048, List.of(), Map.of("width", 1024, "height", 1024));
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
	public ProviderOutcome generate(GenerationRequest request) {
		String model = (request.model() != null) ? request.model() : this.descriptor.defaultModel();
		int width = request.intParam("width", 1024);
		int height = request.intParam("height", 1024);
		Path file = request.work().file("image");
		byte[] image = model.startsWith("imagen-") ? imagen(model, request.prompt(), width, height)
				: gemini(model, request.prompt(), width, height);
		try {
			Files.write(file, image);
		}
		catch (IOException ex) {
			throw ProviderException.retryable("The image could not be written to the work directory", ex);
		}
		GeneratedMedia media = ImageFiles.image(file, this.failures);
		return new ProviderOutcome.Completed(media);
	}

	private byte[] gemini(String model, String prompt, int width, int height) {
		GenerateContentConfig config = GenerateContentConfig.builder()
			.responseModalities("TEXT", "IMAGE")
			.imageConfig(ImageConfig.builder()
				.aspectRatio(aspectRatio(width, height))
				.imageSize((Math.max(width, height) > 1024) ? "2K" : "1K")
				.build())
			.build();
		GenerateContentResponse response = this.api
			.call(() -> this.api.client().models.generateContent(model, prompt, config));
		Optional<String> blocked = response.promptFeedback()
			.flatMap((feedback) -> feedback.blockReason())
			.map((reason) -> reason.toString());
		if (blocked.isPresent()) {
			throw this.failures.refusedContent("the prompt was blocked (" + blocked.get() + ")");
		}
		Candidate candidate = response.candidates().flatMap((all) -> all.stream().findFirst()).orElse(null);
		Optional<byte[]> image = (candidate == null) ? Optional.empty()
				: candidate.content()
					.flatMap((content) -> content.parts())
					.flatMap((parts) -> parts.stream().map(Part::inlineData).flatMap(Optional::stream).findFirst())
					.flatMap(Blob::data);
		if (image.isPresent()) {
			return image.get();
		}
		throw noImage(candidate);
	}

	/**
	 * Why a 200 came without an image: a refusal is final; "no image" or "other" may go
	 * differently next time, so it is retried; an answer in text alone is final, since
	 * the model chose to talk rather than draw.
	 */
	private ProviderException noImage(Candidate candidate) {
		String reason = (candidate != null) ? candidate.finishReason().map((r) -> r.toString()).orElse("") : "";
		if (REFUSALS.contains(reason)) {
			throw this.failures.refusedContent("the image was withheld (" + reason + ")");
		}
		if (reason.equals("NO_IMAGE") || reason.equals("IMAGE_OTHER") || reason.equals("OTHER")) {
			return ProviderException.retryable("Google Gemini answered without an image (" + reason + ").", null);
		}
		if (candidate == null) {
			return this.failures.malformed("an answer without candidates", null);
		}
		return ProviderException.permanent(
				"Google Gemini answered in words instead of an image. Rephrase the prompt as a picture to draw.", null);
	}

	private byte[] imagen(String model, String prompt, int width, int height) {
		GenerateImagesConfig config = GenerateImagesConfig.builder()
			.numberOfImages(1)
			.aspectRatio(aspectRatio(width, height))
			.includeRaiReason(true)
			.build();
		GenerateImagesResponse response = this.api
			.call(() -> this.api.client().models.generateImages(model, prompt, config));
		GeneratedImage first = response.generatedImages()
			.flatMap((images) -> images.stream().findFirst())
			.orElseThrow(() -> this.failures.malformed("an answer without images", null));
		if (first.raiFilteredReason().isPresent()) {
			throw this.failures.refusedContent(first.raiFilteredReason().get());
		}
		return first.image()
			.flatMap((image) -> image.imageBytes())
			.orElseThrow(() -> this.failures.malformed("an image without bytes", null));
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

}
