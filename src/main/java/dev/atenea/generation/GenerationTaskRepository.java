package dev.atenea.generation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.atenea.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Generation tasks. Every change of state is a conditional update that names the state it
 * leaves (and, for a running task, the attempt and poll it is at), so a stale or
 * duplicated message changes nothing: the update matches no row and the caller learns it
 * lost the race.
 */
@Repository
class GenerationTaskRepository {

	private static final String COLUMNS = "id, uuid, task_id, user_id, task_type, queue, priority, item_uuid,"
			+ " provider, status, attempts, max_retries, error, next_attempt_at, operation_id, polls, poll_deadline,"
			+ " progress, created_at, started_at, finished_at, updated_at";

	private final JdbcClient jdbc;

	GenerationTaskRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	GenerationTask insert(UUID uuid, String messageId, Item item, TaskType type, int priority, int maxRetries,
			Instant now) {
		this.jdbc
			.sql("INSERT INTO generation_tasks (uuid, task_id, user_id, task_type, queue, priority, item_uuid,"
					+ " provider, status, attempts, max_retries, polls, progress, created_at, updated_at)"
					+ " VALUES (:uuid, :taskId, :user, :type, :queue, :priority, :item, :provider, :status, 0,"
					+ " :maxRetries, 0, 0, :now, :now)")
			.param("uuid", uuid)
			.param("taskId", messageId)
			.param("user", item.userId())
			.param("type", type.value())
			.param("queue", type.queue())
			.param("priority", priority)
			.param("item", item.uuid())
			.param("provider", item.provider())
			.param("status", TaskStatus.QUEUED.value())
			.param("maxRetries", maxRetries)
			.param("now", Timestamps.toColumn(now))
			.update();
		return find(uuid).orElseThrow();
	}

	Optional<GenerationTask> find(UUID uuid) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM generation_tasks WHERE uuid = :uuid")
			.param("uuid", uuid)
			.query(this::map)
			.optional();
	}

	/**
	 * The task, when it belongs to the user; the owner is checked after the lookup by
	 * uuid, as in {@code ItemRepository#findOwned}.
	 */
	Optional<GenerationTask> findOwned(UUID uuid, long userId) {
		return find(uuid).filter((task) -> task.userId() == userId);
	}

	Optional<GenerationTask> findActiveForItem(UUID itemUuid) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM generation_tasks WHERE item_uuid = :item"
					+ " AND status IN ('queued', 'processing') ORDER BY created_at DESC, id DESC")
			.param("item", itemUuid)
			.query(this::map)
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * The item's newest task that ended in {@code completed} or {@code failed}: what the
	 * item showed before a later generation started.
	 */
	Optional<GenerationTask> findLastOutcomeForItem(UUID itemUuid) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM generation_tasks WHERE item_uuid = :item"
					+ " AND status IN ('completed', 'failed') ORDER BY finished_at DESC, id DESC LIMIT 1")
			.param("item", itemUuid)
			.query(this::map)
			.optional();
	}

	/**
	 * The newest tasks of the user's item. Every task of an item has the item's owner, so
	 * the owner is checked on the rows found through the item index.
	 */
	List<GenerationTask> findForItem(UUID itemUuid, long userId, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM generation_tasks WHERE item_uuid = :item"
					+ " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("item", itemUuid)
			.param("limit", limit)
			.query(this::map)
			.stream()
			.filter((task) -> task.userId() == userId)
			.toList();
	}

	List<GenerationTask> findNewestOwned(TaskFilter filter, long userId, int offset, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM generation_tasks WHERE user_id = :user" + filter.where()
					+ " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
			.params(filter.params())
			.param("user", userId)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	long countOwned(TaskFilter filter, long userId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM generation_tasks WHERE user_id = :user" + filter.where())
			.params(filter.params())
			.param("user", userId)
			.query(Long.class)
			.single();
	}

	/**
	 * Starts attempt {@code attempt}: from {@code queued} after attempt - 1, or again
	 * from {@code processing} when the message of a synchronous attempt is delivered a
	 * second time because its worker died.
	 */
	boolean startAttempt(UUID uuid, int attempt, Instant now) {
		return this.jdbc
			.sql("UPDATE generation_tasks SET status = 'processing', attempts = :attempt, next_attempt_at = NULL,"
					+ " started_at = COALESCE(started_at, :now), updated_at = :now WHERE uuid = :uuid"
					+ " AND ((status = 'queued' AND attempts = :previous)"
					+ " OR (status = 'processing' AND attempts = :attempt AND operation_id IS NULL))")
			.param("attempt", attempt)
			.param("previous", attempt - 1)
			.param("now", Timestamps.toColumn(now))
			.param("uuid", uuid)
			.update() == 1;
	}

	/**
	 * Records that the provider took the work asynchronously and which message polls it.
	 */
	boolean awaitOperation(UUID uuid, int attempt, String operationId, Instant deadline, String pollMessageId,
			int progress, Instant now) {
		return this.jdbc
			.sql("UPDATE generation_tasks SET operation_id = :operation, polls = 0, poll_deadline = :deadline,"
					+ " task_id = :message, progress = :progress, updated_at = :now WHERE uuid = :uuid"
					+ " AND status = 'processing' AND attempts = :attempt AND operation_id IS NULL")
			.param("operation", operationId)
			.param("deadline", Timestamps.toColumn(deadline))
			.param("message", pollMessageId)
			.param("progress", progress)
			.param("now", Timestamps.toColumn(now))
			.param("uuid", uuid)
			.param("attempt", attempt)
			.update() == 1;
	}

	/**
	 * Moves from poll {@code poll} to the next, naming the message that runs it.
	 */
	boolean advancePoll(UUID uuid, int attempt, int poll, int progress, String pollMessageId, Instant now) {
		return this.jdbc
			.sql("UPDATE generation_tasks SET polls = :next, progress = :progress, task_id = :message,"
					+ " updated_at = :now WHERE uuid = :uuid AND status = 'processing' AND attempts = :attempt"
					+ " AND polls = :poll")
			.param("next", poll + 1)
			.param("progress", progress)
			.param("message", pollMessageId)
			.param("now", Timestamps.toColumn(now))
			.param("uuid", uuid)
			.param("attempt", attempt)
			.param("poll", poll)
			.update() == 1;
	}

	boolean scheduleRetry(UUID uuid, int attempt, String error, Instant nextAttemptAt, String messageId, Instant now) {
		return requeue(uuid, attempt, attempt, error, nextAttemptAt, messageId, now);
	}

	/**
	 * Queues the task again with the attempt undone, so the same attempt number runs
	 * later and the retries left are unchanged.
	 */
	boolean deferAttempt(UUID uuid, int attempt, String error, Instant nextAttemptAt, String messageId, Instant now) {
		return requeue(uuid, attempt, attempt - 1, error, nextAttemptAt, messageId, now);
	}

	/**
	 * Puts a processing task back in the queue for {@code nextAttemptAt}, counting
	 * {@code attemptsMade} attempts, unless another message has moved it on.
	 */
	private boolean requeue(UUID uuid, int attempt, int attemptsMade, String error, Instant nextAttemptAt,
			String messageId, Instant now) {
		return this.jdbc
			.sql("UPDATE generation_tasks SET status = 'queued', attempts = :made, error = :error,"
					+ " next_attempt_at = :eta, operation_id = NULL, polls = 0, poll_deadline = NULL, progress = 0,"
					+ " task_id = :message, updated_at = :now WHERE uuid = :uuid AND status = 'processing'"
					+ " AND attempts = :attempt")
			.param("made", attemptsMade)
			.param("error", error)
			.param("eta", Timestamps.toColumn(nextAttemptAt))
			.param("message", messageId)
			.param("now", Timestamps.toColumn(now))
			.param("uuid", uuid)
			.param("attempt", attempt)
			.update() == 1;
	}

	boolean complete(UUID uuid, int attempt, Instant now) {
		return this.jdbc
			.sql("UPDATE generation_tasks SET status = 'completed', error = NULL, progress = 100,"
					+ " finished_at = :now, updated_at = :now WHERE uuid = :uuid AND status = 'processing'"
					+ " AND attempts = :attempt")
			.param("now", Timestamps.toColumn(now))
			.param("uuid", uuid)
			.param("attempt", attempt)
			.update() == 1;
	}

	boolean fail(UUID uuid, int attempt, String error, Instant now) {
		return this.jdbc
			.sql("UPDATE generation_tasks SET status = 'failed', error = :error, finished_at = :now,"
					+ " updated_at = :now WHERE uuid = :uuid AND status = 'processing' AND attempts = :attempt")
			.param("error", error)
			.param("now", Timestamps.toColumn(now))
			.param("uuid", uuid)
			.param("attempt", attempt)
			.update() == 1;
	}

	/**
	 * Fails a task whatever attempt it is at: for a message given up by the broker.
	 */
	boolean failUnfinished(UUID uuid, String error, Instant now) {
		return this.jdbc
			.sql("UPDATE generation_tasks SET status = 'failed', error = :error, finished_at = :now,"
					+ " updated_at = :now WHERE uuid = :uuid AND status IN ('queued', 'processing')")
			.param("error", error)
			.param("now", Timestamps.toColumn(now))
			.param("uuid", uuid)
			.update() == 1;
	}

	boolean cancel(UUID uuid, Instant now) {
		return this.jdbc
			.sql("UPDATE generation_tasks SET status = 'cancelled', finished_at = :now, updated_at = :now"
					+ " WHERE uuid = :uuid AND status IN ('queued', 'processing')")
			.param("now", Timestamps.toColumn(now))
			.param("uuid", uuid)
			.update() == 1;
	}

	/**
	 * Points the task at a new message, if it is still where the sweep saw it.
	 */
	boolean replaceMessage(GenerationTask seen, String messageId, Instant now) {
		return this.jdbc
			.sql("UPDATE generation_tasks SET task_id = :message, updated_at = :now WHERE uuid = :uuid"
					+ " AND task_id = :seen AND status = :status AND attempts = :attempts AND polls = :polls")
			.param("message", messageId)
			.param("now", Timestamps.toColumn(now))
			.param("uuid", seen.uuid())
			.param("seen", seen.taskId())
			.param("status", seen.status().value())
			.param("attempts", seen.attempts())
			.param("polls", seen.polls())
			.update() == 1;
	}

	/**
	 * Unfinished tasks not touched since {@code before}, oldest first: the candidates of
	 * the sweep that sends lost messages again.
	 */
	List<GenerationTask> findUnfinishedUntouchedSince(Instant before, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM generation_tasks WHERE status IN ('queued', 'processing')"
					+ " AND updated_at < :before ORDER BY updated_at LIMIT :limit")
			.param("before", Timestamps.toColumn(before))
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	List<TaskRow> search(TaskSearch search, int offset, int limit) {
		return this.jdbc
			.sql("SELECT " + prefixed("t.")
					+ ", u.username FROM generation_tasks t LEFT JOIN users u ON u.id = t.user_id" + search.where()
					+ " ORDER BY t.created_at DESC, t.id DESC LIMIT :limit OFFSET :offset")
			.params(search.params())
			.param("limit", limit)
			.param("offset", offset)
			.query((row, n) -> new TaskRow(map(row, n), row.getString("username")))
			.list();
	}

	long count(TaskSearch search) {
		return this.jdbc.sql("SELECT COUNT(*) FROM generation_tasks t" + search.where())
			.params(search.params())
			.query(Long.class)
			.single();
	}

	/**
	 * One user's tasks by queue and state; queued tasks waiting for a retry count as
	 * {@code scheduled}.
	 */
	Map<String, Map<String, Long>> countByQueueAndState(long userId, Instant now) {
		Map<String, Map<String, Long>> counts = new HashMap<>();
		this.jdbc
			.sql("SELECT queue, state, COUNT(*) AS n FROM (SELECT queue, CASE WHEN status = 'queued'"
					+ " AND next_attempt_at > :now THEN 'scheduled' ELSE status END AS state FROM generation_tasks"
					+ " WHERE user_id = :user) own GROUP BY queue, state")
			.param("now", Timestamps.toColumn(now))
			.param("user", userId)
			.query((ResultSet row) -> {
				counts.computeIfAbsent(row.getString("queue"), (q) -> new HashMap<>())
					.put(row.getString("state"), row.getLong("n"));
			});
		return counts;
	}

	/**
	 * Tasks that finished since {@code since}, per minute (epoch minute) and final state,
	 * of one user or of everyone ({@code userId} null).
	 */
	Map<Long, Map<String, Long>> countFinishedPerMinute(Instant since, Long userId) {
		return perMinute("SELECT FLOOR(EXTRACT(EPOCH FROM finished_at) / 60) AS bucket, status AS state, COUNT(*) AS n"
				+ " FROM generation_tasks WHERE finished_at >= :since AND status IN ('completed', 'failed')"
				+ ((userId != null) ? " AND user_id = :user" : "")
				+ " GROUP BY FLOOR(EXTRACT(EPOCH FROM finished_at) / 60), status", since, userId);
	}

	/**
	 * Attempts that failed and were retried since {@code since}, per minute.
	 */
	Map<Long, Map<String, Long>> countRetriesPerMinute(Instant since, Long userId) {
		return perMinute("SELECT FLOOR(EXTRACT(EPOCH FROM a.finished_at) / 60) AS bucket, a.outcome AS state,"
				+ " COUNT(*) AS n FROM task_attempts a JOIN generation_tasks t ON t.uuid = a.task_uuid"
				+ " WHERE a.finished_at >= :since AND a.outcome = 'retried'"
				+ ((userId != null) ? " AND t.user_id = :user" : "")
				+ " GROUP BY FLOOR(EXTRACT(EPOCH FROM a.finished_at) / 60), a.outcome", since, userId);
	}

	private Map<Long, Map<String, Long>> perMinute(String sql, Instant since, Long userId) {
		Map<Long, Map<String, Long>> counts = new HashMap<>();
		var statement = this.jdbc.sql(sql).param("since", Timestamps.toColumn(since));
		if (userId != null) {
			statement = statement.param("user", userId);
		}
		statement.query((ResultSet row) -> {
			counts.computeIfAbsent(row.getLong("bucket"), (m) -> new HashMap<>())
				.put(row.getString("state"), row.getLong("n"));
		});
		return counts;
	}

	/**
	 * How many tasks each queue holds in each state.
	 */
	Map<String, Map<TaskStatus, Long>> countByQueueAndStatus() {
		Map<String, Map<TaskStatus, Long>> counts = new HashMap<>();
		this.jdbc.sql("SELECT queue, status, COUNT(*) AS n FROM generation_tasks GROUP BY queue, status")
			.query((ResultSet row) -> {
				counts.computeIfAbsent(row.getString("queue"), (q) -> new EnumMap<>(TaskStatus.class))
					.put(TaskStatus.fromValue(row.getString("status")), row.getLong("n"));
			});
		return counts;
	}

	private static String prefixed(String prefix) {
		return prefix + COLUMNS.replace(", ", ", " + prefix);
	}

	private GenerationTask map(ResultSet row, int rowNumber) throws SQLException {
		return new GenerationTask(row.getLong("id"), row.getObject("uuid", UUID.class), row.getString("task_id"),
				row.getLong("user_id"), TaskType.fromValue(row.getString("task_type")), row.getString("queue"),
				row.getInt("priority"), row.getObject("item_uuid", UUID.class), row.getString("provider"),
				TaskStatus.fromValue(row.getString("status")), row.getInt("attempts"), row.getInt("max_retries"),
				row.getString("error"), Timestamps.fromColumn(row, "next_attempt_at"), row.getString("operation_id"),
				row.getInt("polls"), Timestamps.fromColumn(row, "poll_deadline"), row.getInt("progress"),
				Timestamps.fromColumn(row, "created_at"), Timestamps.fromColumn(row, "started_at"),
				Timestamps.fromColumn(row, "finished_at"), Timestamps.fromColumn(row, "updated_at"));
	}

}
