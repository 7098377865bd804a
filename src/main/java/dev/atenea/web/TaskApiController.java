package dev.atenea.web;

import java.util.Map;
import java.util.UUID;

import dev.atenea.generation.TaskFilter;
import dev.atenea.generation.TaskService;
import dev.atenea.generation.TaskStatus;
import dev.atenea.generation.TaskType;
import dev.atenea.user.AuthenticatedUser;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/tasks}: a user's generation tasks.
 */
@RestController
@RequestMapping(path = "/api/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
class TaskApiController {

	private final TaskService tasks;

	TaskApiController(TaskService tasks) {
		this.tasks = tasks;
	}

	@GetMapping
	Map<String, Object> list(@AuthenticationPrincipal AuthenticatedUser user,
			@RequestParam(required = false) String status,
			@RequestParam(name = "task_type", required = false) String taskType,
			@RequestParam(required = false) String page,
			@RequestParam(name = "page_size", required = false) String pageSize) {
		Paging paging = Paging.of(page, pageSize);
		TaskFilter filter = new TaskFilter(parseStatus(status), parseType(taskType));
		return paging
			.answer(this.tasks.findNewest(user.id(), filter, paging.offset(), paging.pageSize()).map(TaskView::of));
	}

	@GetMapping("/{uuid}")
	TaskView read(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID uuid) {
		return TaskView.of(this.tasks.findOwned(user.id(), uuid));
	}

	@PostMapping("/{uuid}/cancel")
	TaskView cancel(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID uuid) {
		return TaskView.of(this.tasks.cancel(user.id(), uuid));
	}

	private static TaskStatus parseStatus(String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		for (TaskStatus status : TaskStatus.values()) {
			if (status.value().equals(value)) {
				return status;
			}
		}
		throw ApiException.invalid(Map.of("status", "Choose one of queued, processing, completed, failed, cancelled."));
	}

	private static TaskType parseType(String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		for (TaskType type : TaskType.values()) {
			if (type.value().equals(value)) {
				return type;
			}
		}
		throw ApiException.invalid(Map.of("task_type", "Choose one of video, image, audio."));
	}

}
