package dev.atenea.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import dev.atenea.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

	private static final String COLUMNS = "id, username, password_hash, is_staff, is_active, created_at";

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String username, String passwordHash, boolean staff, Instant now) {
		this.jdbc
			.sql("INSERT INTO users (username, password_hash, is_staff, is_active, created_at)"
					+ " VALUES (:username, :hash, :staff, TRUE, :now)")
			.param("username", username)
			.param("hash", passwordHash)
			.param("staff", staff)
			.param("now", Timestamps.toColumn(now))
			.update();
	}

	Optional<User> findByUsername(String username) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE username = :username")
			.param("username", username)
			.query(this::map)
			.optional();
	}

	Optional<User> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
			.param("id", id)
			.query(this::map)
			.optional();
	}

	private User map(ResultSet row, int rowNumber) throws SQLException {
		return new User(row.getLong("id"), row.getString("username"), row.getString("password_hash"),
				row.getBoolean("is_staff"), row.getBoolean("is_active"), Timestamps.fromColumn(row, "created_at"));
	}

}
