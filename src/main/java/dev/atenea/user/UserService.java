package dev.atenea.user;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts: creating them and finding them for sign-in.
 */
@Service
public class UserService implements UserDetailsService {

	private static final Logger logger = LoggerFactory.getLogger(UserService.class);

	/** Letters, digits and {@code @ . + - _}, as Django allows. */
	private static final Pattern USERNAME = Pattern.compile("[\\w.@+-]{1,150}", Pattern.UNICODE_CHARACTER_CLASS);

	private static final int MAX_PASSWORD_LENGTH = 128;

	private static final int RECOMMENDED_PASSWORD_LENGTH = 8;

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	UserService(UserRepository users, PasswordEncoder passwordEncoder, Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	/**
	 * Creates an account.
	 * @throws InvalidAccountException when the name or password is not acceptable or the
	 * name is taken
	 */
	@Transactional
	public User create(String username, String password, boolean staff) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new InvalidAccountException(
					"Usernames are 1 to 150 letters, digits and @ . + - _ characters, without spaces.");
		}
		if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD_LENGTH) {
			throw new InvalidAccountException("Passwords are 1 to " + MAX_PASSWORD_LENGTH + " characters.");
		}
		if (password.length() < RECOMMENDED_PASSWORD_LENGTH) {
			logger.warn("The password of new user {} is shorter than {} characters", username,
					RECOMMENDED_PASSWORD_LENGTH);
		}
		try {
			this.users.insert(username, this.passwordEncoder.encode(password), staff, this.clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidAccountException("A user named '" + username + "' already exists.");
		}
		logger.info("Created user {}{}", username, staff ? " (staff)" : "");
		return this.users.findByUsername(username).orElseThrow();
	}

	public Optional<User> findByUsername(String username) {
		return this.users.findByUsername(username);
	}

	public Optional<User> findById(long id) {
		return this.users.findById(id);
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.users.findByUsername(username)
			.map(AuthenticatedUser::new)
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

	/**
	 * The signed-in form of an account, for a request authenticated another way (a bearer
	 * token).
	 */
	public Optional<AuthenticatedUser> authenticatedUser(long id) {
		return this.users.findById(id).filter(User::active).map(AuthenticatedUser::new);
	}

	/**
	 * An account that cannot be created as asked; the message says why.
	 */
	public static class InvalidAccountException extends RuntimeException {

		InvalidAccountException(String message) {
			super(message);
		}

	}

}
