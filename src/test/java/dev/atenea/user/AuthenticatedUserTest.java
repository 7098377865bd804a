package dev.atenea.user;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's security context goes into its session row as Java serialization.
 */
class AuthenticatedUserTest {

	private static final String HASH = "$2a$10$secrethashsecrethashsecre";

	@Test
	void theSecurityContextSurvivesSerializationWithoutThePasswordHash() throws Exception {
		AuthenticatedUser user = new AuthenticatedUser(new User(42, "ada", HASH, true, true, Instant.now()));
		user.eraseCredentials();
		SecurityContextImpl context = new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));

		byte[] bytes = serialize(context);
		SecurityContextImpl read = (SecurityContextImpl) deserialize(bytes);

		AuthenticatedUser back = (AuthenticatedUser) read.getAuthentication().getPrincipal();
		assertThat(back.id()).isEqualTo(42);
		assertThat(back.getUsername()).isEqualTo("ada");
		assertThat(back.isStaff()).isTrue();
		assertThat(back.isEnabled()).isTrue();
		assertThat(back.getPassword()).isNull();
		assertThat(read.getAuthentication().getAuthorities()).map(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_USER", "ROLE_STAFF");
		assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("secrethash");
	}

	@Test
	void theHashIsNeverSerializedEvenBeforeItIsErased() throws Exception {
		AuthenticatedUser user = new AuthenticatedUser(new User(7, "bob", HASH, false, true, Instant.now()));

		byte[] bytes = serialize(user);
		AuthenticatedUser back = (AuthenticatedUser) deserialize(bytes);

		assertThat(back.getPassword()).isNull();
		assertThat(back.getUsername()).isEqualTo("bob");
		assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("secrethash");
	}

	private static byte[] serialize(Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

	private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
			return in.readObject();
		}
	}

}
