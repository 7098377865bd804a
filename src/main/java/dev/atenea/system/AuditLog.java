package dev.atenea.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What staff did from the admin pages. Each action is one log line on the {@code audit}
 * logger and one row, written in the transaction of the action itself, so an action that
 * rolls back leaves no row claiming it happened.
 */
@Service
public class AuditLog {

	private static final Logger logger = LoggerFactory.getLogger("audit");

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public void record(Actor actor, String action, String targetType, UUID target, String detail) {
		Instant now = this.clock.instant();
		this.jdbc
			.sql("INSERT INTO audit_log (actor_id, actor_name, action, target_type, target_uuid, detail, created_at)"
					+ " VALUES (:actor, :name, :action, :type, :target, :detail, :now)")
			.param("actor", actor.id())
			.param("name", actor.name())
			.param("action", action)
			.param("type", targetType)
			.param("target", target)
			.param("detail", detail)
			.param("now", Timestamps.toColumn(now))
			.update();
		logger.info("{} (user {}) {} {} {}{}", actor.name(), actor.id(), action, targetType, target,
				(detail != null) ? ": " + detail : "");
	}

	public List<Entry> newest(int limit) {
		return this.jdbc
			.sql("SELECT actor_name, action, target_type, target_uuid, detail, created_at FROM audit_log"
					+ " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("limit", limit)
			.query(AuditLog::map)
			.list();
	}

	private static Entry map(ResultSet row, int rowNumber) throws SQLException {
		return new Entry(row.getString("actor_name"), row.getString("action"), row.getString("target_type"),
				row.getObject("target_uuid", UUID.class), row.getString("detail"),
				Timestamps.fromColumn(row, "created_at"));
	}

	/**
	 * The staff member who acts.
	 */
	public record Actor(long id, String name) {
	}

	/**
	 * One recorded action.
	 */
	public record Entry(String actorName, String action, String targetType, UUID targetUuid, String detail,
			Instant createdAt) {
	}

}
