package dev.atenea.web;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atenea.generation.QueueOverview;
import dev.atenea.queue.WorkerInfo;
import dev.atenea.user.AuthenticatedUser;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/queues}: per queue what waits, runs and finished, the last hour minute
 * by minute, the newest tasks and the live workers. Staff see every user's tasks and the
 * broker's own counts; a user sees counts and tasks of their own, and the workers without
 * the machines they run on.
 */
@RestController
class QueueApiController {

	private static final int RECENT_TASKS = 15;

	private final QueueOverview overview;

	private final Clock clock;

	QueueApiController(QueueOverview overview, Clock clock) {
		this.overview = overview;
		this.clock = clock;
	}

	@GetMapping(path = "/api/queues", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> queues(@AuthenticationPrincipal AuthenticatedUser user) {
		boolean staff = user.isStaff();
		Long scope = staff ? null : user.id();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("scope", staff ? "all" : "own");
		body.put("queues", staff ? this.overview.queues() : this.overview.queuesOf(user.id()));
		body.put("workers", this.overview.liveWorkers().stream().map((w) -> worker(w, staff)).toList());
		body.put("last_hour", this.overview.lastHour(scope));
		body.put("tasks", this.overview.recentTasks(scope, RECENT_TASKS).stream().map((row) -> {
			Map<String, Object> task = new LinkedHashMap<>();
			task.put("task", TaskView.of(row.task()));
			task.put("username", staff ? row.username() : null);
			return task;
		}).toList());
		return body;
	}

	private Map<String, Object> worker(WorkerInfo worker, boolean staff) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", staff ? worker.id() : null);
		view.put("host", staff ? worker.host() : null);
		view.put("pid", staff ? worker.pid() : null);
		view.put("queues", List.copyOf(worker.queues()));
		view.put("concurrency", worker.concurrency());
		view.put("in_hand", worker.inHand());
		view.put("started_at", worker.startedAt());
		view.put("heartbeat_at", worker.heartbeatAt());
		view.put("heartbeat_age_seconds",
				Math.max(0, Duration.between(worker.heartbeatAt(), this.clock.instant()).toMillis() / 1000.0));
		return view;
	}

}
