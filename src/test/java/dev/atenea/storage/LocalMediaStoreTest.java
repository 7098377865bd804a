package dev.atenea.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalMediaStoreTest {

	@TempDir
	Path root;

	@Test
	void movesAFileInAndServesItBack() throws Exception {
		LocalMediaStore store = new LocalMediaStore(this.root.resolve("media"));
		Path file = Files.writeString(this.root.resolve("made.png"), "not really a png");
		String key = "images/" + UUID.randomUUID() + "/" + UUID.randomUUID() + ".png";

		StoredMedia stored = store.store(key, file, "image/png");

		assertThat(stored).isEqualTo(new StoredMedia(key, "image/png", 16));
		assertThat(file).doesNotExist();
		assertThat(store.open(key)).get().satisfies((resource) -> assertThat(resource.contentLength()).isEqualTo(16));
		store.delete(key);
		assertThat(store.open(key)).isEmpty();
	}

	@Test
	void refusesKeysThatAreNotMediaKeys() {
		LocalMediaStore store = new LocalMediaStore(this.root);
		String item = UUID.randomUUID().toString();

		for (String key : new String[] { "../../etc/passwd", "images/" + item + "/../../x.png",
				"images/" + item + "/" + item + ".png/../..", "/etc/passwd", "secrets/" + item + "/" + item + ".png",
				"images/" + item + "/" + item + ".PNG", "images\\" + item + "\\" + item + ".png", "", null }) {
			assertThatIllegalArgumentException().as(String.valueOf(key)).isThrownBy(() -> store.open(key));
		}
	}

	@Test
	void aMissingFileIsEmptyNotAnError() {
		LocalMediaStore store = new LocalMediaStore(this.root);

		assertThat(store.open("audio/" + UUID.randomUUID() + "/" + UUID.randomUUID() + ".wav")).isEmpty();
	}

}
