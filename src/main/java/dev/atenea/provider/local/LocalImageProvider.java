package dev.atenea.provider.local;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The offline image provider: draws a PNG from the prompt with Java2D, synchronously. The
 * same prompt always gives the same picture (see {@link PromptArt}).
 */
@Component
class LocalImageProvider implements GenerationProvider {

	static final int DEFAULT_SIDE = 512;

	static final int MIN_SIDE = 64;

	static final int MAX_SIDE = 2048;

	private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("local", MediaKind.IMAGE,
			List.of("local-canvas-1"), List.of(), List.of(), MAX_SIDE, List.of(),
			Map.of("width", DEFAULT_SIDE, "height", DEFAULT_SIDE));

	private static final Logger logger = LoggerFactory.getLogger(LocalImageProvider.class);

	private final Duration latency;

	LocalImageProvider(LocalProviderProperties properties) {
		this.latency = properties.imageLatency();
	}

	@Override
	public ProviderDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		simulateLatency();
		int width = side(request.intParam("width", DEFAULT_SIDE));
		int height = side(request.intParam("height", DEFAULT_SIDE));
		BufferedImage image = draw(request.prompt(), width, height);

		Path file = request.work().file("png");
		write(image, file);
		logger.debug("Drew a {}x{} image for task {} item {} attempt {} from a prompt of {} chars", width, height,
				request.taskUuid(), request.itemUuid(), request.attempt(), length(request.prompt()));
		return new ProviderOutcome.Completed(new GeneratedMedia(file, "image/png", "png"));
	}

	/**
	 * Keeps a side within the descriptor's bounds even if a request skipped validation,
	 * so a bad value can never allocate a huge image.
	 */
	private void simulateLatency() {
		if (this.latency.isPositive()) {
			try {
				Thread.sleep(this.latency);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw ProviderException.retryable("Interrupted while drawing", ex);
			}
		}
	}

	private static int side(int requested) {
		return Math.clamp(requested, MIN_SIDE, MAX_SIDE);
	}

	private static BufferedImage draw(String prompt, int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		try {
			PromptArt.of(prompt).paint(graphics, width, height, 0);
		}
		finally {
			graphics.dispose();
		}
		return image;
	}

	private static void write(BufferedImage image, Path file) {
		try {
			Files.createDirectories(file.getParent());
			if (!ImageIO.write(image, "png", file.toFile())) {
				throw new IllegalStateException("No PNG writer is installed in this Java runtime");
			}
		}
		catch (IOException ex) {
			throw ProviderException.retryable("The local image could not be written", ex);
		}
	}

	private static int length(String text) {
		return (text != null) ? text.length() : 0;
	}

}
