package dev.atenea.user;

import java.io.Serial;
import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user, as Spring Security holds it: by session cookie or bearer token. A
 * browser's is serialized into its session row in the database, so every field is plain
 * serializable data and the password hash is never written.
 */
public final class AuthenticatedUser implements UserDetails, CredentialsContainer {

	@Serial
	private static final long serialVersionUID = 1L;

	private final long id;

	private final String username;

	private final boolean staff;

	private final boolean active;

	private transient String passwordHash;

	AuthenticatedUser(User user) {
		this.id = user.id();
		this.username = user.username();
		this.staff = user.staff();
		this.active = user.active();
		this.passwordHash = user.passwordHash();
	}

	/**
	 * The Atenea user behind a principal, when it is one of ours.
	 */
	public static Optional<AuthenticatedUser> from(Principal principal) {
		if (principal instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof AuthenticatedUser user) {
			return Optional.of(user);
		}
		return Optional.empty();
	}

	public long id() {
		return this.id;
	}

	public boolean isStaff() {
		return this.staff;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.staff ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_STAFF"))
				: List.of(new SimpleGrantedAuthority("ROLE_USER"));
	}

	@Override
	public boolean isEnabled() {
		return this.active;
	}

	/**
	 * Drops the hash once the login is checked, so it does not sit in the session.
	 */
	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

	@Override
	public String toString() {
		return "AuthenticatedUser(id=" + this.id + ", username=" + this.username + ")";
	}

}
