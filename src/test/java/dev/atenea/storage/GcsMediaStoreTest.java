package dev.atenea.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The GCS store against google-cloud-nio's in-memory fake of Cloud Storage.
 */
class GcsMediaStoreTest {

	private final Storage storage = LocalStorageHelper.getOptions().getService();

	private final GcsMediaStore store = new GcsMediaStore(this.storage, "atenea-test", "media/");

	@TempDir
	Path work;

	@Test
	void uploadsAFileUnderThePrefixAndServesItBack() throws Exception {
		Path file = Files.writeString(this.work.resolve("made.png"), "not really a png");
		String key = "images/" + UUID.randomUUID() + "/" + UUID.randomUUID() + ".png";

		StoredMedia stored = this.store.store(key, file, "image/png");

		assertThat(stored).isEqualTo(new StoredMedia(key, "image/png", 16));
		assertThat(file).doesNotExist();
		assertThat(this.storage.get(BlobId.of("atenea-test", "media/" + key)).getContentType()).isEqualTo("image/png");
		Resource resource = this.store.open(key).orElseThrow();
		assertThat(resource.contentLength()).isEqualTo(16);
		assertThat(resource.getContentAsByteArray()).asString().isEqualTo("not really a png");
		assertThat(resource.getInputStream().readAllBytes()).hasSize(16);
	}

	@Test
	void deletesAndThenAnswersEmpty() throws Exception {
		String key = "audio/" + UUID.randomUUID() + "/" + UUID.randomUUID() + ".mp3";
		this.store.store(key, Files.writeString(this.work.resolve("a.mp3"), "ID3"), "audio/mpeg");

		this.store.delete(key);

		assertThat(this.store.open(key)).isEmpty();
		assertThat(this.store.open("videos/" + UUID.randomUUID() + "/" + UUID.randomUUID() + ".mp4")).isEmpty();
	}

	@Test
	void refusesKeysThatAreNotMediaKeys() {
		String item = UUID.randomUUID().toString();

		for (String key : new String[] { "../x.png", "images/" + item + "/../../x.png", "/etc/passwd",
				"images/" + item + "/" + item + ".png?alt=media", "", null }) {
			assertThatIllegalArgumentException().as(String.valueOf(key)).isThrownBy(() -> this.store.open(key));
		}
	}

}
