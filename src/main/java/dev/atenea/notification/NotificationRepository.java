package dev.atenea.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.atenea.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class NotificationRepository {

	private static final String COLUMNS = "id, uuid, user_id, type, title, message, is_read, action_url, task_uuid,"
			+ " created_at";

	private final JdbcClient jdbc;

	NotificationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Notification insert(long userId, NotificationType type, String title, String message, String actionUrl,
			UUID taskUuid, Instant now) {
		UUID uuid = UUID.randomUUID();
		this.jdbc
			.sql("INSERT INTO notifications (uuid, user_id, type, title, message, is_read, action_url, task_uuid,"
					+ " created_at) VALUES (:uuid, :user, :type, :title, :message, FALSE, :url, :task, :now)")
			.param("uuid", uuid)
			.param("user", userId)
			.param("type", type.value())
			.param("title", title)
			.param("message", message)
			.param("url", actionUrl)
			.param("task", taskUuid)
			.param("now", Timestamps.toColumn(now))
			.update();
		return new Notification(0, uuid, userId, type, title, message, false, actionUrl, taskUuid, now);
	}

	List<Notification> findNewestOwned(long userId, boolean unreadOnly, int offset, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM notifications WHERE user_id = :user" + unreadFilter(unreadOnly)
					+ " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
			.param("user", userId)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	/**
	 * The user's notifications created at or after {@code since}, oldest first.
	 */
	List<Notification> findCreatedSince(long userId, Instant since, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM notifications WHERE user_id = :user AND created_at >= :since"
					+ " ORDER BY created_at, id LIMIT :limit")
			.param("user", userId)
			.param("since", Timestamps.toColumn(since))
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	long countOwned(long userId, boolean unreadOnly) {
		return this.jdbc.sql("SELECT COUNT(*) FROM notifications WHERE user_id = :user" + unreadFilter(unreadOnly))
			.param("user", userId)
			.query(Long.class)
			.single();
	}

	/**
	 * The notification, when it belongs to the user. The owner is checked after the
	 * lookup by uuid: with a condition on {@code user_id} in SQL, PostgreSQL can pick the
	 * owner index when its statistics are stale and read every notification of the user.
	 */
	Optional<Notification> findOwned(UUID uuid, long userId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM notifications WHERE uuid = :uuid")
			.param("uuid", uuid)
			.query(this::map)
			.optional()
			.filter((notification) -> notification.userId() == userId);
	}

	/**
	 * Marks the user's notification read. A notification never changes owner, so the
	 * check and the update need no lock between them.
	 * @return false when the user has no such notification
	 */
	boolean markRead(UUID uuid, long userId) {
		if (findOwned(uuid, userId).isEmpty()) {
			return false;
		}
		this.jdbc.sql("UPDATE notifications SET is_read = TRUE WHERE uuid = :uuid").param("uuid", uuid).update();
		return true;
	}

	int markAllRead(long userId) {
		return this.jdbc.sql("UPDATE notifications SET is_read = TRUE WHERE user_id = :user AND is_read = FALSE")
			.param("user", userId)
			.update();
	}

	List<NotificationRow> search(NotificationSearch search, int offset, int limit) {
		return this.jdbc
			.sql("SELECT " + "n." + COLUMNS.replace(", ", ", n.")
					+ ", u.username FROM notifications n LEFT JOIN users u ON u.id = n.user_id" + search.where()
					+ " ORDER BY n.created_at DESC, n.id DESC LIMIT :limit OFFSET :offset")
			.params(search.params())
			.param("limit", limit)
			.param("offset", offset)
			.query((row, n) -> new NotificationRow(map(row, n), row.getString("username")))
			.list();
	}

	long count(NotificationSearch search) {
		return this.jdbc.sql("SELECT COUNT(*) FROM notifications n" + search.where())
			.params(search.params())
			.query(Long.class)
			.single();
	}

	/**
	 * Deletes a notification of any user.
	 * @return its owner, or empty when there was none with that uuid
	 */
	Optional<Long> delete(UUID uuid) {
		Optional<Long> owner = this.jdbc.sql("SELECT user_id FROM notifications WHERE uuid = :uuid")
			.param("uuid", uuid)
			.query(Long.class)
			.optional();
		owner.ifPresent(
				(user) -> this.jdbc.sql("DELETE FROM notifications WHERE uuid = :uuid").param("uuid", uuid).update());
		return owner;
	}

	private static String unreadFilter(boolean unreadOnly) {
		return unreadOnly ? " AND is_read = FALSE" : "";
	}

	private Notification map(ResultSet row, int rowNumber) throws SQLException {
		return new Notification(row.getLong("id"), row.getObject("uuid", UUID.class), row.getLong("user_id"),
				NotificationType.fromValue(row.getString("type")), row.getString("title"), row.getString("message"),
				row.getBoolean("is_read"), row.getString("action_url"), row.getObject("task_uuid", UUID.class),
				Timestamps.fromColumn(row, "created_at"));
	}

}
