package dev.atenea.generation;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.atenea.support.ApiClient;
import dev.atenea.support.IntegrationTestBase;
import dev.atenea.support.Mp4Boxes;
import dev.atenea.support.VideoInfo;
import dev.atenea.support.WaveInfo;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of item, created and generated through the API on the offline providers, ends
 * up as a real file that decodes.
 */
class GenerationFlowIT extends IntegrationTestBase {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	Path downloads;

	@Test
	void anImageBecomesAPngOfTheAskedSize() throws Exception {
		ApiClient alice = newUser();
		String item = createItem(alice, "images",
				Map.of("prompt", "a lighthouse at dusk", "width", 320, "height", 200));

		JsonNode task = awaitFinished(alice, generate(alice, "images", item).get("uuid").asString(), TIMEOUT);
		JsonNode image = alice.get("/api/images/" + item).json();
		byte[] png = alice.download(image.get("output_url").asString());

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("attempts").asInt()).isEqualTo(1);
		assertThat(task.get("queue").asString()).isEqualTo("image_generation");
		assertThat(image.get("status").asString()).isEqualTo("completed");
		assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(decoded.getWidth()).isEqualTo(320);
		assertThat(decoded.getHeight()).isEqualTo(200);
	}

	@Test
	void anImageWithoutASizeIs512Square() throws Exception {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "a red fox"));

		awaitFinished(alice, generate(alice, "images", item).get("uuid").asString(), TIMEOUT);
		byte[] png = alice.download(alice.get("/api/images/" + item).json().get("output_url").asString());

		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(decoded.getWidth()).isEqualTo(512);
		assertThat(decoded.getHeight()).isEqualTo(512);
	}

	@Test
	void aNarrationBecomesAWaveWhoseLengthGrowsWithTheText() throws Exception {
		ApiClient alice = newUser();
		String shortItem = createItem(alice, "audio", Map.of("text", "Hello."));
		String longItem = createItem(alice, "audio", Map.of("text",
				"The lighthouse keeper climbed the stairs at dusk. Far below, the waves kept their slow time."));

		awaitFinished(alice, generate(alice, "audio", shortItem).get("uuid").asString(), TIMEOUT);
		awaitFinished(alice, generate(alice, "audio", longItem).get("uuid").asString(), TIMEOUT);
		WaveInfo shortWave = WaveInfo.read(save(alice, "audio", shortItem, "short.wav"));
		WaveInfo longWave = WaveInfo.read(save(alice, "audio", longItem, "long.wav"));

		assertThat(shortWave.format()).isEqualTo(1);
		assertThat(longWave.duration()).isGreaterThan(Duration.ofSeconds(2));
		assertThat(longWave.duration()).isGreaterThan(shortWave.duration().multipliedBy(2));
		assertThat(alice.get("/api/audio/" + longItem).json().get("text").asString()).startsWith("The lighthouse");
	}

	@Test
	void aVideoIsRenderedInTheBackgroundAndPolledUntilItIsAnMp4() throws Exception {
		ApiClient alice = newUser();
		String item = createItem(alice, "videos", Map.of("prompt", "waves at night", "duration_seconds", 3));

		JsonNode task = awaitFinished(alice, generate(alice, "videos", item).get("uuid").asString(), TIMEOUT);
		Path mp4 = save(alice, "videos", item, "clip.mp4");

		assertThat(task.get("status").asString()).isEqualTo("completed");
		assertThat(task.get("metadata").get("operation_id").asString()).startsWith("local-video-");
		assertThat(task.get("metadata").get("polls").asInt()).isPositive();
		assertThat(Mp4Boxes.topLevel(mp4)).first().isEqualTo("ftyp");
		assertThat(Mp4Boxes.topLevel(mp4)).contains("moov");
		VideoInfo video = VideoInfo.read(mp4);
		assertThat(video.frames()).isEqualTo(3 * 24);
		assertThat(video.packets()).isEqualTo(3 * 24);
	}

	@Test
	void theFileIsServedWithItsContentType() {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "a green door"));
		awaitFinished(alice, generate(alice, "images", item).get("uuid").asString(), TIMEOUT);

		ApiClient.Response file = alice.get(alice.get("/api/images/" + item).json().get("output_url").asString());

		assertThat(file.status()).isEqualTo(200);
		assertThat(file.header("Content-Type")).isEqualTo("image/png");
	}

	@Test
	void completionIsAnnouncedByANotificationThatLinksToTheItem() {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "a paper boat", "title", "Boat"));
		awaitFinished(alice, generate(alice, "images", item).get("uuid").asString(), TIMEOUT);

		JsonNode notifications = alice.get("/api/notifications?unread=true").json();

		assertThat(notifications.get("count").asInt()).isEqualTo(1);
		JsonNode notification = notifications.get("results").get(0);
		assertThat(notification.get("type").asString()).isEqualTo("generation_completed");
		assertThat(notification.get("message").asString()).contains("Boat");
		assertThat(notification.get("action_url").asString()).isEqualTo("/images/" + item);
		assertThat(notification.get("read").asBoolean()).isFalse();
	}

	@Test
	void anItemCanBeGeneratedAgainOnceFinished() {
		ApiClient alice = newUser();
		String item = createItem(alice, "images", Map.of("prompt", "a blue kite"));
		String first = generate(alice, "images", item).get("uuid").asString();
		awaitFinished(alice, first, TIMEOUT);

		String second = generate(alice, "images", item).get("uuid").asString();
		awaitFinished(alice, second, TIMEOUT);

		assertThat(second).isNotEqualTo(first);
		assertThat(alice.get("/api/tasks?task_type=image").json().get("count").asInt()).isEqualTo(2);
	}

	private Path save(ApiClient client, String kind, String item, String name) throws Exception {
		JsonNode view = client.get("/api/" + kind + "/" + item).json();
		assertThat(view.get("status").asString()).isEqualTo("completed");
		return Files.write(this.downloads.resolve(name), client.download(view.get("output_url").asString()));
	}

}
