package dev.atenea.generation;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.atenea.provider.MediaKind;

/**
 * A video, image or narration a user asked for. For audio, {@code prompt} is the text to
 * speak.
 */
public record Item(long id, UUID uuid, long userId, MediaKind kind, String title, String prompt, String provider,
		String model, Map<String, Object> params, ItemStatus status, String outputKey, String outputContentType,
		Long outputSize, String error, Instant createdAt, Instant updatedAt) {

	public boolean hasOutput() {
		return this.outputKey != null;
	}

}
