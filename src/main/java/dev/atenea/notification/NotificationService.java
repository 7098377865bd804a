package dev.atenea.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.atenea.system.AfterCommit;
import dev.atenea.system.AuditLog;
import dev.atenea.system.AuditLog.Actor;
import dev.atenea.system.Page;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists and marks notifications, and pushes every change to the user's open
 * connections through the {@link ChannelLayer}, once the change is committed.
 */
@Service
public class NotificationService {

	private final NotificationRepository notifications;

	private final ChannelLayer channelLayer;

	private final JsonMapper json;

	private final AuditLog audit;

	private final Clock clock;

	NotificationService(NotificationRepository notifications, ChannelLayer channelLayer, JsonMapper json,
			AuditLog audit, Clock clock) {
		this.notifications = notifications;
		this.channelLayer = channelLayer;
		this.json = json;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records a notification in the caller's transaction and pushes it after the commit.
	 * @param taskUuid the task whose outcome it announces; at most one notification per
	 * task is ever recorded
	 */
	@Transactional
	public Notification notify(long userId, NotificationType type, String title, String message, String actionUrl,
			UUID taskUuid) {
		Notification notification = this.notifications.insert(userId, type, title, message, actionUrl, taskUuid,
				this.clock.instant());
		Frame frame = new Frame("notification_message", NotificationView.of(notification));
		AfterCommit.run(() -> push(userId, frame));
		return notification;
	}

	/**
	 * Pushes the progress of a task to the user's connections. Not stored: the task row
	 * holds the state.
	 */
	public void pushTaskUpdate(long userId, TaskUpdate update) {
		AfterCommit.run(() -> push(userId, new Frame("task_update", update)));
	}

	@Transactional(readOnly = true)
	public List<Notification> findNewest(long userId, boolean unreadOnly, int offset, int limit) {
		return this.notifications.findNewestOwned(userId, unreadOnly, offset, limit);
	}

	/**
	 * The frames of the user's notifications created at or after {@code since}, oldest
	 * first, for connections that may have missed them.
	 */
	@Transactional(readOnly = true)
	public List<MissedFrame> framesSince(long userId, Instant since, int limit) {
		return this.notifications.findCreatedSince(userId, since, limit)
			.stream()
			.map((notification) -> new MissedFrame(notification.uuid(), notification.createdAt(),
					this.json.writeValueAsString(new Frame("notification_message", NotificationView.of(notification)))))
			.toList();
	}

	@Transactional(readOnly = true)
	public long count(long userId, boolean unreadOnly) {
		return this.notifications.countOwned(userId, unreadOnly);
	}

	public long unreadCount(long userId) {
		return this.notifications.countOwned(userId, true);
	}

	/**
	 * Marks one of the user's notifications read.
	 * @return the notification, or empty when the user has none with that uuid
	 */
	@Transactional
	public Optional<Notification> markRead(long userId, UUID uuid) {
		if (!this.notifications.markRead(uuid, userId)) {
			return Optional.empty();
		}
		AfterCommit.run(() -> pushUnreadCount(userId));
		return this.notifications.findOwned(uuid, userId);
	}

	@Transactional
	public int markAllRead(long userId) {
		int marked = this.notifications.markAllRead(userId);
		AfterCommit.run(() -> pushUnreadCount(userId));
		return marked;
	}

	/**
	 * Every user's notifications, for staff.
	 */
	@Transactional(readOnly = true)
	public Page<NotificationRow> search(NotificationSearch search, int offset, int limit) {
		return new Page<>(this.notifications.count(search), this.notifications.search(search, offset, limit));
	}

	/**
	 * Deletes notifications of any user, for staff, each audited; the owners' badges are
	 * brought up to date.
	 * @return how many existed and were deleted
	 */
	@Transactional
	public int delete(List<UUID> uuids, Actor actor) {
		Set<Long> owners = new HashSet<>();
		int deleted = 0;
		for (UUID uuid : uuids) {
			Optional<Long> owner = this.notifications.delete(uuid);
			if (owner.isPresent()) {
				owners.add(owner.get());
				this.audit.record(actor, "delete", "notification", uuid, "of user " + owner.get());
				deleted++;
			}
		}
		AfterCommit.run(() -> owners.forEach(this::pushUnreadCount));
		return deleted;
	}

	/**
	 * The frame a connection gets on connect, and every connection of the user after a
	 * change of the count, so badges in every tab agree.
	 */
	public String unreadCountFrame(long userId) {
		return this.json.writeValueAsString(new CountFrame("pending_count", unreadCount(userId)));
	}

	private void pushUnreadCount(long userId) {
		this.channelLayer.publish(new UserEvent(userId, unreadCountFrame(userId)));
	}

	private void push(long userId, Frame frame) {
		this.channelLayer.publish(new UserEvent(userId, this.json.writeValueAsString(frame)));
	}

	/**
	 * Progress of one task, as pushed to its owner.
	 *
	 * @param progress 0 to 100
	 */
	public record TaskUpdate(UUID uuid, UUID itemUuid, String status, int progress) {
	}

	/**
	 * A {@code notification_message} frame, with what identifies and dates it.
	 */
	public record MissedFrame(UUID uuid, Instant createdAt, String json) {
	}

	private record Frame(String type, Object data) {
	}

	private record CountFrame(String type, long count) {
	}

}
