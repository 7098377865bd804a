package dev.atenea.generation;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.atenea.system.Timestamps;

/**
 * Which tasks the admin list and the queue panel show, across users; a {@code null} field
 * does not filter.
 *
 * @param userId only this user's tasks
 * @param createdFrom created at or after
 * @param createdTo created before
 */
public record TaskSearch(UUID uuid, TaskStatus status, TaskType taskType, String queue, Long userId,
		Instant createdFrom, Instant createdTo) {

	public static final TaskSearch ALL = new TaskSearch(null, null, null, null, null, null, null);

	public static TaskSearch ofUser(long userId) {
		return new TaskSearch(null, null, null, null, userId, null, null);
	}

	String where() {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		appendIf(where, this.uuid, " AND t.uuid = :uuid");
		appendIf(where, this.status, " AND t.status = :status");
		appendIf(where, this.taskType, " AND t.task_type = :taskType");
		appendIf(where, this.queue, " AND t.queue = :queue");
		appendIf(where, this.userId, " AND t.user_id = :user");
		appendIf(where, this.createdFrom, " AND t.created_at >= :from");
		appendIf(where, this.createdTo, " AND t.created_at < :to");
		return where.toString();
	}

	Map<String, Object> params() {
		Map<String, Object> params = new HashMap<>();
		putIf(params, "uuid", this.uuid);
		putIf(params, "status", (this.status != null) ? this.status.value() : null);
		putIf(params, "taskType", (this.taskType != null) ? this.taskType.value() : null);
		putIf(params, "queue", this.queue);
		putIf(params, "user", this.userId);
		putIf(params, "from", Timestamps.toColumn(this.createdFrom));
		putIf(params, "to", Timestamps.toColumn(this.createdTo));
		return params;
	}

	private static void appendIf(StringBuilder where, Object value, String condition) {
		if (value != null) {
			where.append(condition);
		}
	}

	private static void putIf(Map<String, Object> params, String name, Object value) {
		if (value != null) {
			params.put(name, value);
		}
	}

}
