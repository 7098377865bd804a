package dev.atenea.generation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.atenea.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The history of each task, one row per attempt. Callers write it in the transaction that
 * moved the task, after the task's own conditional update won, so the history follows the
 * task and never runs ahead of it.
 */
@Repository
class TaskAttemptRepository {

	private final JdbcClient jdbc;

	TaskAttemptRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records that the attempt started. A message delivered again after its worker died
	 * starts the same attempt again: the row is reopened rather than duplicated.
	 */
	void started(UUID taskUuid, int attempt, Instant now) {
		int reopened = this.jdbc
			.sql("UPDATE task_attempts SET started_at = :now, finished_at = NULL, outcome = NULL, error = NULL"
					+ " WHERE task_uuid = :task AND attempt = :attempt")
			.param("now", Timestamps.toColumn(now))
			.param("task", taskUuid)
			.param("attempt", attempt)
			.update();
		if (reopened == 0) {
			this.jdbc.sql("INSERT INTO task_attempts (task_uuid, attempt, started_at) VALUES (:task, :attempt, :now)")
				.param("task", taskUuid)
				.param("attempt", attempt)
				.param("now", Timestamps.toColumn(now))
				.update();
		}
	}

	/**
	 * Closes the attempt with its outcome, if it is still open.
	 */
	void finished(UUID taskUuid, int attempt, String outcome, String error, Instant now) {
		this.jdbc
			.sql("UPDATE task_attempts SET finished_at = :now, outcome = :outcome, error = :error"
					+ " WHERE task_uuid = :task AND attempt = :attempt AND finished_at IS NULL")
			.param("now", Timestamps.toColumn(now))
			.param("outcome", outcome)
			.param("error", error)
			.param("task", taskUuid)
			.param("attempt", attempt)
			.update();
	}

	/**
	 * Closes whichever attempt is open, for a task ended from outside its attempt (given
	 * up by the broker, cancelled).
	 */
	void finishedOpen(UUID taskUuid, String outcome, String error, Instant now) {
		this.jdbc
			.sql("UPDATE task_attempts SET finished_at = :now, outcome = :outcome, error = :error"
					+ " WHERE task_uuid = :task AND finished_at IS NULL")
			.param("now", Timestamps.toColumn(now))
			.param("outcome", outcome)
			.param("error", error)
			.param("task", taskUuid)
			.update();
	}

	List<TaskAttempt> findForTask(UUID taskUuid) {
		return this.jdbc
			.sql("SELECT task_uuid, attempt, started_at, finished_at, outcome, error FROM task_attempts"
					+ " WHERE task_uuid = :task ORDER BY attempt")
			.param("task", taskUuid)
			.query(this::map)
			.list();
	}

	private TaskAttempt map(ResultSet row, int rowNumber) throws SQLException {
		return new TaskAttempt(row.getObject("task_uuid", UUID.class), row.getInt("attempt"),
				Timestamps.fromColumn(row, "started_at"), Timestamps.fromColumn(row, "finished_at"),
				row.getString("outcome"), row.getString("error"));
	}

}
