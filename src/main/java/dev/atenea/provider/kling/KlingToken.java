package dev.atenea.provider.kling;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.atenea.provider.ProviderException;

/**
 * The bearer token Kling wants: a JWT signed with HS256 by the secret key, issued by the
 * access key, valid for {@link #LIFETIME} from a few seconds ago (for clock skew). One
 * token is reused until {@link #RENEW_BEFORE} before it expires.
 */
class KlingToken {

	static final Duration LIFETIME = Duration.ofMinutes(30);

	static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

	static final Duration SKEW = Duration.ofSeconds(5);

	private final String accessKey;

	private final byte[] secretKey;

	private final Clock clock;

	private String token;

	private Instant expiresAt = Instant.MIN;

	KlingToken(String accessKey, String secretKey, Clock clock) {
		this.accessKey = accessKey.strip();
		this.secretKey = secretKey.strip().getBytes(StandardCharsets.UTF_8);
		this.clock = clock;
	}

	synchronized String current() {
		Instant now = this.clock.instant();
		if (this.token == null || now.isAfter(this.expiresAt.minus(RENEW_BEFORE))) {
			this.expiresAt = now.plus(LIFETIME);
			this.token = sign(now, this.expiresAt);
		}
		return this.token;
	}

	/**
	 * Forgets the token after Kling called it expired or not yet valid, so the next call
	 * signs a new one.
	 */
	synchronized void discard() {
		this.token = null;
	}

	private String sign(Instant now, Instant expiresAt) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.accessKey)
			.expirationTime(Date.from(expiresAt))
			.notBeforeTime(Date.from(now.minus(SKEW)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(new MACSigner(this.secretKey));
		}
		catch (JOSEException ex) {
			// The message of a key-length failure names no key material, but it is
			// dropped anyway: only our own words reach the task.
			throw ProviderException.permanent(
					"Kling's secret key cannot sign tokens (HS256 needs at least 32 bytes); an administrator must check it.",
					null);
		}
		return jwt.serialize();
	}

}
