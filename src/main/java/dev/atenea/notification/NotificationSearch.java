package dev.atenea.notification;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.atenea.system.Timestamps;

/**
 * Which notifications the admin list shows, across users; a {@code null} field does not
 * filter.
 */
public record NotificationSearch(UUID uuid, NotificationType type, Boolean read, Long userId, Instant createdFrom,
		Instant createdTo) {

	String where() {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		where.append((this.uuid != null) ? " AND n.uuid = :uuid" : "");
		where.append((this.type != null) ? " AND n.type = :type" : "");
		where.append((this.read != null) ? " AND n.is_read = :read" : "");
		where.append((this.userId != null) ? " AND n.user_id = :user" : "");
		where.append((this.createdFrom != null) ? " AND n.created_at >= :from" : "");
		where.append((this.createdTo != null) ? " AND n.created_at < :to" : "");
		return where.toString();
	}

	Map<String, Object> params() {
		Map<String, Object> params = new HashMap<>();
		params.put("uuid", this.uuid);
		params.put("type", (this.type != null) ? this.type.value() : null);
		params.put("read", this.read);
		params.put("user", this.userId);
		params.put("from", Timestamps.toColumn(this.createdFrom));
		params.put("to", Timestamps.toColumn(this.createdTo));
		params.values().removeIf((value) -> value == null);
		return params;
	}

}
