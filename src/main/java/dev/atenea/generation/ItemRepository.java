package dev.atenea.generation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.atenea.provider.MediaKind;
import dev.atenea.storage.StoredMedia;
import dev.atenea.system.Timestamps;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Items of every kind. Each kind has its own table with the same columns, except that
 * audio calls its prompt {@code text}.
 */
@Repository
class ItemRepository {

	private static final TypeReference<Map<String, Object>> PARAMS_TYPE = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ItemRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Item insert(MediaKind kind, long userId, ItemDraft draft, Instant now) {
		UUID uuid = UUID.randomUUID();
		this.jdbc
			.sql("INSERT INTO " + table(kind) + " (uuid, user_id, title, " + textColumn(kind)
					+ ", provider, model, params, status, created_at, updated_at)"
					+ " VALUES (:uuid, :user, :title, :prompt, :provider, :model, :params, :status, :now, :now)")
			.param("uuid", uuid)
			.param("user", userId)
			.param("title", draft.title())
			.param("prompt", draft.prompt())
			.param("provider", draft.provider())
			.param("model", draft.model())
			.param("params", this.json.writeValueAsString(draft.params()))
			.param("status", ItemStatus.DRAFT.value())
			.param("now", Timestamps.toColumn(now))
			.update();
		return find(kind, uuid).orElseThrow();
	}

	Optional<Item> find(MediaKind kind, UUID uuid) {
		return select(kind, "WHERE uuid = :uuid").param("uuid", uuid).query((row, n) -> map(kind, row)).optional();
	}

	/**
	 * The item, when it belongs to the user. The owner is checked here, not in SQL: a
	 * condition on {@code user_id} can lead PostgreSQL, when its statistics are stale, to
	 * walk all of the user's items through the owner index instead of using the unique
	 * uuid.
	 */
	Optional<Item> findOwned(MediaKind kind, UUID uuid, long userId) {
		return find(kind, uuid).filter((item) -> item.userId() == userId);
	}

	/**
	 * Reads an item and locks its row until the transaction ends, so two generate
	 * requests for it run one after the other.
	 */
	Optional<Item> lockOwned(MediaKind kind, UUID uuid, long userId) {
		// "user_id + 0" keeps the owner index out of the plan (see findOwned) while still
		// filtering before the lock, so no one locks another user's row.
		return select(kind, "WHERE uuid = :uuid AND user_id + 0 = :user FOR UPDATE").param("uuid", uuid)
			.param("user", userId)
			.query((row, n) -> map(kind, row))
			.optional();
	}

	List<Item> findNewestOwned(MediaKind kind, long userId, int offset, int limit) {
		return select(kind, "WHERE user_id = :user ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
			.param("user", userId)
			.param("limit", limit)
			.param("offset", offset)
			.query((row, n) -> map(kind, row))
			.list();
	}

	long countOwned(MediaKind kind, long userId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table(kind) + " WHERE user_id = :user")
			.param("user", userId)
			.query(Long.class)
			.single();
	}

	void updateStatus(MediaKind kind, UUID uuid, ItemStatus status, String error, Instant now) {
		this.jdbc
			.sql("UPDATE " + table(kind) + " SET status = :status, error = :error, updated_at = :now"
					+ " WHERE uuid = :uuid")
			.param("status", status.value())
			.param("error", error)
			.param("now", Timestamps.toColumn(now))
			.param("uuid", uuid)
			.update();
	}

	void markCompleted(MediaKind kind, UUID uuid, StoredMedia media, Instant now) {
		this.jdbc
			.sql("UPDATE " + table(kind) + " SET status = :status, error = NULL, output_key = :key,"
					+ " output_content_type = :type, output_size = :size, updated_at = :now WHERE uuid = :uuid")
			.param("status", ItemStatus.COMPLETED.value())
			.param("key", media.key())
			.param("type", media.contentType())
			.param("size", media.size())
			.param("now", Timestamps.toColumn(now))
			.param("uuid", uuid)
			.update();
	}

	private JdbcClient.StatementSpec select(MediaKind kind, String where) {
		return this.jdbc.sql("SELECT id, uuid, user_id, title, " + textColumn(kind) + " AS prompt, provider, model,"
				+ " params, status, output_key, output_content_type, output_size, error, created_at, updated_at FROM "
				+ table(kind) + " " + where);
	}

	private Item map(MediaKind kind, ResultSet row) throws SQLException {
		return new Item(row.getLong("id"), row.getObject("uuid", UUID.class), row.getLong("user_id"), kind,
				row.getString("title"), row.getString("prompt"), row.getString("provider"), row.getString("model"),
				this.json.readValue(row.getString("params"), PARAMS_TYPE),
				ItemStatus.fromValue(row.getString("status")), row.getString("output_key"),
				row.getString("output_content_type"), row.getObject("output_size", Long.class), row.getString("error"),
				Timestamps.fromColumn(row, "created_at"), Timestamps.fromColumn(row, "updated_at"));
	}

	/**
	 * Table names come from this switch only, never from input.
	 */
	private static String table(MediaKind kind) {
		return switch (kind) {
			case VIDEO -> "videos";
			case IMAGE -> "images";
			case AUDIO -> "audio";
		};
	}

	private static String textColumn(MediaKind kind) {
		return (kind == MediaKind.AUDIO) ? "text" : "prompt";
	}

}
