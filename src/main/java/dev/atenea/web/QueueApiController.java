package dev.atenea.web;

import java.util.Map;

import dev.atenea.generation.QueueOverview;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/queues}: per queue what waits, runs and finished, and the live workers.
 */
@RestController
class QueueApiController {

	private final QueueOverview overview;

	QueueApiController(QueueOverview overview) {
		this.overview = overview;
	}

	@GetMapping(path = "/api/queues", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> queues() {
		return Map.of("queues", this.overview.queues(), "workers", this.overview.liveWorkers());
	}

}
