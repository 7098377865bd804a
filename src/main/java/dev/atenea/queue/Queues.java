package dev.atenea.queue;

import java.util.List;

/**
 * The queues of the contract.
 */
public final class Queues {

	public static final String VIDEO_GENERATION = "video_generation";

	public static final String IMAGE_GENERATION = "image_generation";

	public static final String AUDIO_GENERATION = "audio_generation";

	public static final String SCENE_PROCESSING = "scene_processing";

	public static final String POLLING_TASKS = "polling_tasks";

	public static final String MAINTENANCE = "maintenance";

	public static final String DEFAULT = "default";

	public static final List<String> ALL = List.of(VIDEO_GENERATION, IMAGE_GENERATION, AUDIO_GENERATION,
			SCENE_PROCESSING, POLLING_TASKS, MAINTENANCE, DEFAULT);

	private Queues() {
	}

}
