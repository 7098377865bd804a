package dev.atenea.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import dev.atenea.generation.TaskAdministration;
import dev.atenea.generation.TaskConflictException;
import dev.atenea.generation.TaskNotFoundException;
import dev.atenea.generation.TaskSearch;
import dev.atenea.generation.TaskStatus;
import dev.atenea.generation.TaskType;
import dev.atenea.notification.NotificationSearch;
import dev.atenea.notification.NotificationService;
import dev.atenea.notification.NotificationType;
import dev.atenea.queue.Queues;
import dev.atenea.system.AuditLog;
import dev.atenea.system.AuditLog.Actor;
import dev.atenea.user.AuthenticatedUser;
import dev.atenea.user.User;
import dev.atenea.user.UserService;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * {@code /admin/}: every user's tasks and notifications for staff (the security
 * configuration lets no one else in), with filters, pages, details, and the actions
 * retry, cancel and delete. Filters arrive as query parameters, so a filtered list can be
 * bookmarked; a value that does not parse is reported and ignored.
 */
@Controller
@RequestMapping("/admin")
class AdminController {

	static final int PAGE_SIZE = 25;

	private static final int AUDIT_ENTRIES = 50;

	private final TaskAdministration tasks;

	private final NotificationService notifications;

	private final UserService users;

	private final AuditLog audit;

	AdminController(TaskAdministration tasks, NotificationService notifications, UserService users, AuditLog audit) {
		this.tasks = tasks;
		this.notifications = notifications;
		this.users = users;
		this.audit = audit;
	}

	/**
	 * The task list, with the filters of the query kept ({@code /admin/?status=failed});
	 * the query is passed on as it came, not read as a URI template.
	 */
	@GetMapping({ "", "/" })
	RedirectView index(HttpServletRequest request) {
		String query = request.getQueryString();
		RedirectView tasks = new RedirectView("/admin/tasks" + ((query != null) ? "?" + query : ""), true);
		tasks.setExpandUriTemplateVariables(false);
		return tasks;
	}

	@GetMapping("/tasks")
	String taskList(@AuthenticationPrincipal AuthenticatedUser user, @RequestParam Map<String, String> query,
			Model model) {
		Filters filters = new Filters(query);
		TaskSearch search = new TaskSearch(filters.uuid("q"), filters.parse("status", TaskStatus::fromValue),
				filters.parse("type", TaskType::fromValue), filters.oneOf("queue", Queues.ALL), filters.userId("user"),
				filters.date("from", 0), filters.date("to", 1));
		int page = filters.page();
		model.addAttribute("page", this.tasks.search(search, (page - 1) * PAGE_SIZE, PAGE_SIZE));
		model.addAttribute("statuses", Arrays.stream(TaskStatus.values()).map(TaskStatus::value).toList());
		model.addAttribute("types", Arrays.stream(TaskType.values()).map(TaskType::value).toList());
		model.addAttribute("queues", Queues.ALL);
		return list(user, model, filters, page, "admin/tasks");
	}

	@GetMapping("/tasks/{uuid}")
	String taskDetail(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID uuid, Model model) {
		model.addAttribute("detail",
				this.tasks.find(uuid).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		PageController.addCommon(user, model, this.notifications);
		return "admin/task";
	}

	@PostMapping("/tasks/{uuid}/retry")
	String retry(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID uuid,
			RedirectAttributes redirect) {
		act(redirect, () -> "Queued new task " + this.tasks.retry(uuid, actor(user)).uuid() + ".");
		return "redirect:/admin/tasks/" + uuid;
	}

	@PostMapping("/tasks/{uuid}/cancel")
	String cancel(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID uuid,
			RedirectAttributes redirect) {
		act(redirect, () -> "Task " + this.tasks.cancel(uuid, actor(user)).status().value() + ".");
		return "redirect:/admin/tasks/" + uuid;
	}

	@GetMapping("/notifications")
	String notificationList(@AuthenticationPrincipal AuthenticatedUser user, @RequestParam Map<String, String> query,
			Model model) {
		Filters filters = new Filters(query);
		NotificationSearch search = new NotificationSearch(filters.uuid("q"),
				filters.parse("type", NotificationType::fromValue), filters.parse("read", AdminController::parseRead),
				filters.userId("user"), filters.date("from", 0), filters.date("to", 1));
		int page = filters.page();
		model.addAttribute("page", this.notifications.search(search, (page - 1) * PAGE_SIZE, PAGE_SIZE));
		model.addAttribute("types", Arrays.stream(NotificationType.values()).map(NotificationType::value).toList());
		return list(user, model, filters, page, "admin/notifications");
	}

	@PostMapping("/notifications/delete")
	String deleteNotifications(@AuthenticationPrincipal AuthenticatedUser user,
			@RequestParam(name = "uuid", required = false) List<String> selected,
			@RequestParam(name = "back", defaultValue = "") String back, RedirectAttributes redirect) {
		List<UUID> uuids = new ArrayList<>();
		for (String value : (selected != null) ? selected : List.<String>of()) {
			UUID uuid = Filters.parseUuid(value);
			if (uuid != null) {
				uuids.add(uuid);
			}
		}
		int deleted = uuids.isEmpty() ? 0 : this.notifications.delete(uuids, actor(user));
		redirect.addFlashAttribute("message",
				"Deleted " + deleted + " notification" + ((deleted == 1) ? "" : "s") + ".");
		return "redirect:/admin/notifications" + (back.startsWith("?") ? back : "");
	}

	@GetMapping("/audit")
	String auditLog(@AuthenticationPrincipal AuthenticatedUser user, Model model) {
		model.addAttribute("entries", this.audit.newest(AUDIT_ENTRIES));
		PageController.addCommon(user, model, this.notifications);
		return "admin/audit";
	}

	private String list(AuthenticatedUser user, Model model, Filters filters, int page, String view) {
		model.addAttribute("filters", filters.given());
		model.addAttribute("filterErrors", filters.errors());
		model.addAttribute("pageNumber", page);
		model.addAttribute("pageSize", PAGE_SIZE);
		model.addAttribute("query", filters.queryWithoutPage());
		PageController.addCommon(user, model, this.notifications);
		return view;
	}

	private static void act(RedirectAttributes redirect, Supplier<String> action) {
		try {
			redirect.addFlashAttribute("message", action.get());
		}
		catch (TaskConflictException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		catch (TaskNotFoundException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	private static Actor actor(AuthenticatedUser user) {
		return new Actor(user.id(), user.getUsername());
	}

	private static Boolean parseRead(String value) {
		return switch (value) {
			case "read" -> true;
			case "unread" -> false;
			default -> throw new IllegalArgumentException(value);
		};
	}

	/**
	 * The filter parameters of a list, parsed leniently: each bad one is named in
	 * {@link #errors()} and left out of the search.
	 */
	private final class Filters {

		private final Map<String, String> given = new LinkedHashMap<>();

		private final Map<String, String> errors = new LinkedHashMap<>();

		Filters(Map<String, String> query) {
			query.forEach((name, value) -> {
				if (value != null && !value.isBlank()) {
					this.given.put(name, value.strip());
				}
			});
		}

		<T> T parse(String name, Function<String, T> parser) {
			String value = this.given.get(name);
			if (value == null) {
				return null;
			}
			try {
				return parser.apply(value);
			}
			catch (IllegalArgumentException ex) {
				this.errors.put(name, "'" + abbreviate(value) + "' is not a known value.");
				return null;
			}
		}

		String oneOf(String name, List<String> choices) {
			return parse(name, (value) -> {
				if (!choices.contains(value)) {
					throw new IllegalArgumentException(value);
				}
				return value;
			});
		}

		UUID uuid(String name) {
			String value = this.given.get(name);
			UUID uuid = parseUuid(value);
			if (value != null && uuid == null) {
				this.errors.put(name,
						"Search by a full uuid, such as 0b6c…-…; '" + abbreviate(value) + "' is not one.");
			}
			return uuid;
		}

		/**
		 * The id of the named user; a name nobody has matches nothing.
		 */
		Long userId(String name) {
			String value = this.given.get(name);
			if (value == null) {
				return null;
			}
			return AdminController.this.users.findByUsername(value).map(User::id).orElse(-1L);
		}

		/**
		 * The start of the given day (UTC), plus {@code plusDays}: a "to" date includes
		 * its whole day.
		 */
		Instant date(String name, int plusDays) {
			return parse(name, (value) -> {
				try {
					return LocalDate.parse(value).plusDays(plusDays).atStartOfDay().toInstant(ZoneOffset.UTC);
				}
				catch (DateTimeParseException ex) {
					throw new IllegalArgumentException(value, ex);
				}
			});
		}

		int page() {
			Integer page = parse("page", Integer::valueOf);
			return (page != null && page >= 1 && page <= 100_000) ? page : 1;
		}

		Map<String, String> given() {
			return this.given;
		}

		Map<String, String> errors() {
			return this.errors;
		}

		/**
		 * The filters as a query string for the pager's links, without the page.
		 */
		String queryWithoutPage() {
			StringBuilder query = new StringBuilder();
			this.given.forEach((name, value) -> {
				if (!name.equals("page")) {
					query.append('&').append(encode(name)).append('=').append(encode(value));
				}
			});
			return query.toString();
		}

		static UUID parseUuid(String value) {
			try {
				return (value != null) ? UUID.fromString(value.strip()) : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

		private static String abbreviate(String value) {
			return (value.length() > 40) ? value.substring(0, 40) + "…" : value;
		}

	}

}
