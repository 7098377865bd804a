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

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.atenea.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Bearer tokens for programs. A token is 32 random bytes; only its SHA-256 digest is
 * stored, so the database never holds a usable token.
 *
 * <p>
 * A token that checked out is remembered for {@link #REMEMBERED} (never past its expiry),
 * so a program calling many times a second costs the database one lookup of its token and
 * account per few seconds instead of two queries per request. The price: an account
 * deactivated in the database keeps working with its tokens for up to that long.
 */
@Service
public class ApiTokenService {

	private static final int TOKEN_BYTES = 32;

	static final Duration REMEMBERED = Duration.ofSeconds(5);

	private static final int REMEMBERED_TOKENS = 10_000;

	private final JdbcClient jdbc;

	private final UserService users;

	private final Clock clock;

	private final Duration lifetime;

	private final SecureRandom random = new SecureRandom();

	private final Cache<String, Checked> checked;

	ApiTokenService(JdbcClient jdbc, UserService users, Clock clock, AccountProperties properties) {
		this.jdbc = jdbc;
		this.users = users;
		this.clock = clock;
		this.lifetime = properties.tokenLifetime();
		this.checked = Caffeine.newBuilder().maximumSize(REMEMBERED_TOKENS).expireAfterWrite(REMEMBERED).build();
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
		String digest = digest(token);
		Instant now = this.clock.instant();
		Checked remembered = this.checked.getIfPresent(digest);
		if (remembered != null && remembered.stillValidAt(now)) {
			return Optional.of(remembered.user());
		}
		Optional<Checked> found = this.jdbc
			.sql("SELECT user_id, expires_at FROM api_tokens WHERE token_digest = :digest AND expires_at > :now")
			.param("digest", digest)
			.param("now", Timestamps.toColumn(now))
			.query((row, n) -> new TokenRow(row.getLong("user_id"), Timestamps.fromColumn(row, "expires_at")))
			.optional()
			.flatMap((row) -> this.users.authenticatedUser(row.userId())
				.map((user) -> new Checked(user, now, row.expiresAt())));
		found.ifPresent((check) -> this.checked.put(digest, check));
		return found.map(Checked::user);
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

	/**
	 * A token found valid at {@code checkedAt}, with its account. It is trusted for
	 * {@link #REMEMBERED} after that on this clock, never past the token's own expiry,
	 * and not at all if the clock has stepped back since.
	 */
	private record Checked(AuthenticatedUser user, Instant checkedAt, Instant expiresAt) {

		boolean stillValidAt(Instant now) {
			return !now.isBefore(this.checkedAt) && now.isBefore(this.checkedAt.plus(REMEMBERED))
					&& now.isBefore(this.expiresAt);
		}

	}

	private record TokenRow(long userId, Instant expiresAt) {
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
