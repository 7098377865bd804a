package dev.atenea.web;

import java.util.Map;
import java.util.UUID;

import dev.atenea.notification.NotificationService;
import dev.atenea.notification.NotificationView;
import dev.atenea.system.Page;
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
 * {@code /api/notifications}: a user's notifications, newest first.
 */
@RestController
@RequestMapping(path = "/api/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
class NotificationApiController {

	private final NotificationService notifications;

	NotificationApiController(NotificationService notifications) {
		this.notifications = notifications;
	}

	@GetMapping
	Map<String, Object> list(@AuthenticationPrincipal AuthenticatedUser user,
			@RequestParam(required = false) String unread, @RequestParam(required = false) String page,
			@RequestParam(name = "page_size", required = false) String pageSize) {
		Paging paging = Paging.of(page, pageSize);
		boolean unreadOnly = parseFlag(unread);
		Page<NotificationView> results = new Page<>(this.notifications.count(user.id(), unreadOnly),
				this.notifications.findNewest(user.id(), unreadOnly, paging.offset(), paging.pageSize())
					.stream()
					.map(NotificationView::of)
					.toList());
		return paging.answer(results);
	}

	@PostMapping("/{uuid}/read")
	NotificationView markRead(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID uuid) {
		return this.notifications.markRead(user.id(), uuid)
			.map(NotificationView::of)
			.orElseThrow(ApiException::notFound);
	}

	@PostMapping("/read-all")
	Map<String, Object> markAllRead(@AuthenticationPrincipal AuthenticatedUser user) {
		int marked = this.notifications.markAllRead(user.id());
		return Map.of("marked", marked, "count", this.notifications.unreadCount(user.id()));
	}

	private static boolean parseFlag(String value) {
		if (value == null || value.isEmpty() || value.equals("false") || value.equals("0")) {
			return false;
		}
		if (value.equals("true") || value.equals("1")) {
			return true;
		}
		throw ApiException.invalid(Map.of("unread", "Must be true or false."));
	}

}
