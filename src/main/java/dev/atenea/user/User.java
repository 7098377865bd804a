package dev.atenea.user;

import java.time.Instant;

/**
 * An account.
 */
public record User(long id, String username, String passwordHash, boolean staff, boolean active, Instant createdAt) {

	@Override
	public String toString() {
		return "User(id=" + this.id + ", username=" + this.username + ", staff=" + this.staff + ")";
	}

}
