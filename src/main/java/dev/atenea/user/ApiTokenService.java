package dev.atenea.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import dev.atenea.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Bearer tokens for programs. A token is 32 random bytes; only its SHA-256 digest is
 * stored, so the database never holds a usable token.
 */
@Service
public class ApiTokenService {

	private static final int TOKEN_BYTES = 32;

	private final JdbcClient jdbc;

	private final UserService users;

	private final Clock clock;

	private final Duration lifetime;

	private final SecureRandom random = new SecureRandom();

	ApiTokenService(JdbcClient jdbc, UserService users, Clock clock, AccountProperties properties) {
		this.jdbc = jdbc;
		this.users = users;
		this.clock = clock;
		this.lifetime = properties.tokenLifetime();
	}

	/**
	 * Issues a new token for the user. It is shown once and cannot be recovered.
	 */
	public String issue(long userId) {
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		this.jdbc
			.sql("INSERT INTO api_tokens (token_digest, user_id, created_at, expires_at)"
					+ " VALUES (:digest, :user, :now, :expires)")
			.param("digest", digest(token))
			.param("user", userId)
			.param("now", Timestamps.toColumn(now))
			.param("expires", Timestamps.toColumn(now.plus(this.lifetime)))
			.update();
		return token;
	}

	/**
	 * The active user a token belongs to, when the token is known and not expired.
	 */
	public Optional<AuthenticatedUser> authenticate(String token) {
		if (token == null || token.isBlank() || token.length() > 200) {
			return Optional.empty();
		}
		return this.jdbc.sql("SELECT user_id FROM api_tokens WHERE token_digest = :digest AND expires_at > :now")
			.param("digest", digest(token))
			.param("now", Timestamps.toColumn(this.clock.instant()))
			.query(Long.class)
			.optional()
			.flatMap(this.users::authenticatedUser);
	}

	/**
	 * Deletes expired tokens.
	 * @return how many
	 */
	public int purgeExpired() {
		return this.jdbc.sql("DELETE FROM api_tokens WHERE expires_at <= :now")
			.param("now", Timestamps.toColumn(this.clock.instant()))
			.update();
	}

	private static String digest(String token) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
