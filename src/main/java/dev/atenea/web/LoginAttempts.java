package dev.atenea.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.atenea.user.AccountProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Failed sign-ins, counted per username and address and per address alone, so a password
 * cannot be guessed faster than {@link AccountProperties#loginAttempts()} tries per
 * {@link AccountProperties#loginLockout()}. Both the login form and the token endpoint
 * use it.
 *
 * <p>
 * The counts live in this process, in a map that never holds more than
 * {@link #MAX_TRACKED} keys: when full, expired windows are dropped first and then the
 * whole map, so a flood of made-up usernames costs memory once and can only ever reset
 * counts, never grow them without bound.
 */
@Component
class LoginAttempts {

	static final int MAX_TRACKED = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(LoginAttempts.class);

	private static final int PER_ADDRESS_FACTOR = 10;

	private final Map<String, Window> failures = new ConcurrentHashMap<>();

	private final int allowed;

	private final Duration lockout;

	private final Clock clock;

	LoginAttempts(AccountProperties properties, Clock clock) {
		this.allowed = properties.loginAttempts();
		this.lockout = properties.loginLockout();
		this.clock = clock;
	}

	/**
	 * Whether this username may try from this address now.
	 */
	boolean isBlocked(String username, String address) {
		Instant now = this.clock.instant();
		return count(userKey(username, address), now) >= this.allowed
				|| count(addressKey(address), now) >= this.allowed * PER_ADDRESS_FACTOR;
	}

	void failed(String username, String address) {
		Instant now = this.clock.instant();
		makeRoom(now);
		int failures = record(userKey(username, address), now);
		record(addressKey(address), now);
		if (failures == this.allowed) {
			logger.warn("Sign-in locked for {} from {} for {} after {} failures", abbreviate(username), address,
					this.lockout, failures);
		}
	}

	void succeeded(String username, String address) {
		this.failures.remove(userKey(username, address));
	}

	Duration lockout() {
		return this.lockout;
	}

	private int count(String key, Instant now) {
		Window window = this.failures.get(key);
		return (window != null && window.until().isAfter(now)) ? window.count() : 0;
	}

	private int record(String key, Instant now) {
		return this.failures
			.compute(key,
					(k, window) -> (window == null || !window.until().isAfter(now))
							? new Window(1, now.plus(this.lockout)) : new Window(window.count() + 1, window.until()))
			.count();
	}

	private void makeRoom(Instant now) {
		if (this.failures.size() < MAX_TRACKED) {
			return;
		}
		this.failures.values().removeIf((window) -> !window.until().isAfter(now));
		if (this.failures.size() >= MAX_TRACKED) {
			logger.warn("More than {} sign-in failure windows at once; forgetting them all", MAX_TRACKED);
			this.failures.clear();
		}
	}

	private static String userKey(String username, String address) {
		return "u:" + ((username != null) ? username.toLowerCase(Locale.ROOT) : "") + "|" + address;
	}

	private static String addressKey(String address) {
		return "a:" + address;
	}

	private static String abbreviate(String username) {
		return (username != null && username.length() > 40) ? username.substring(0, 40) + "…" : username;
	}

	/**
	 * Failures counted until {@code until}.
	 */
	private record Window(int count, Instant until) {
	}

}
