package dev.atenea.generation;

import dev.atenea.provider.MediaKind;
import dev.atenea.queue.Queues;

/**
 * What a task makes, and so which queue its messages wait in.
 */
public enum TaskType {

	VIDEO(MediaKind.VIDEO, Queues.VIDEO_GENERATION), IMAGE(MediaKind.IMAGE, Queues.IMAGE_GENERATION),
	AUDIO(MediaKind.AUDIO, Queues.AUDIO_GENERATION);

	private final MediaKind kind;

	private final String queue;

	TaskType(MediaKind kind, String queue) {
		this.kind = kind;
		this.queue = queue;
	}

	public MediaKind kind() {
		return this.kind;
	}

	public String queue() {
		return this.queue;
	}

	public String value() {
		return name().toLowerCase();
	}

	public static TaskType of(MediaKind kind) {
		return switch (kind) {
			case VIDEO -> VIDEO;
			case IMAGE -> IMAGE;
			case AUDIO -> AUDIO;
		};
	}

	public static TaskType fromValue(String value) {
		return valueOf(value.toUpperCase());
	}

}
