package dev.atenea.provider.local;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.WorkFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalImageProviderTest {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private final LocalImageProvider provider = new LocalImageProvider(TestProperties.bind(Map.of()));

	@TempDir
	Path work;

	@Test
	void drawsPngOfDefaultSizeIntoWorkDirectory() throws IOException {
		GenerationRequest request = request("A lighthouse on a cliff at dusk", Map.of());

		GeneratedMedia media = completed(this.provider.generate(request));

		assertThat(media.file()).isEqualTo(this.work.resolve("call.png"));
		assertThat(media.contentType()).isEqualTo("image/png");
		assertThat(media.extension()).isEqualTo("png");
		assertThat(Arrays.copyOf(Files.readAllBytes(media.file()), 8)).isEqualTo(PNG_SIGNATURE);
		BufferedImage image = ImageIO.read(media.file().toFile());
		assertThat(image.getWidth()).isEqualTo(512);
		assertThat(image.getHeight()).isEqualTo(512);
	}

	@Test
	void honoursRequestedWidthAndHeight() throws IOException {
		GeneratedMedia media = completed(this.provider.generate(request("Wide", Map.of("width", 320, "height", 200))));

		BufferedImage image = ImageIO.read(media.file().toFile());

		assertThat(image.getWidth()).isEqualTo(320);
		assertThat(image.getHeight()).isEqualTo(200);
	}

	@Test
	void clampsSidesOutsideDescriptorBounds() throws IOException {
		GeneratedMedia media = completed(this.provider.generate(request("Odd", Map.of("width", 5, "height", 99_999))));

		BufferedImage image = ImageIO.read(media.file().toFile());

		assertThat(image.getWidth()).isEqualTo(LocalImageProvider.MIN_SIDE);
		assertThat(image.getHeight()).isEqualTo(LocalImageProvider.MAX_SIDE);
	}

	@Test
	void drawsDifferentPixelsForDifferentPrompts() throws IOException {
		int[] cat = pixels("A cat asleep in the sun");
		int[] rocket = pixels("A rocket leaving the launch pad");

		assertThat(cat).isNotEqualTo(rocket);
		long differing = IntStream.range(0, cat.length).filter((i) -> cat[i] != rocket[i]).count();
		assertThat(differing).isGreaterThan(cat.length / 2);
	}

	@Test
	void drawsSamePixelsForSamePrompt() throws IOException {
		assertThat(pixels("The same prompt twice")).isEqualTo(pixels("The same prompt twice"));
	}

	@Test
	void drawsVeryLongPromptsAndEmptyOnes() throws IOException {
		String longPrompt = "word ".repeat(2_000) + "x".repeat(3_000);

		assertThat(pixels(longPrompt)).isNotEmpty();
		assertThat(pixels("")).isNotEmpty();
	}

	private int[] pixels(String prompt) throws IOException {
		GeneratedMedia media = completed(this.provider.generate(request(prompt, Map.of("width", 200, "height", 120))));
		BufferedImage image = ImageIO.read(media.file().toFile());
		return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
	}

	private GenerationRequest request(String prompt, Map<String, Object> params) {
		return new GenerationRequest(UUID.randomUUID(), UUID.randomUUID(), MediaKind.IMAGE, prompt, null, params, 1,
				new WorkFiles(this.work, "call"));
	}

	private static GeneratedMedia completed(ProviderOutcome outcome) {
		assertThat(outcome).isInstanceOf(ProviderOutcome.Completed.class);
		return ((ProviderOutcome.Completed) outcome).media();
	}

}
