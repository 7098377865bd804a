package dev.atenea.user;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Accounts and their credentials.
 *
 * @param tokenLifetime how long a bearer token from {@code POST /api/auth/token} stays
 * valid
 * @param signupEnabled whether anyone may create an account at {@code /signup}; when off,
 * accounts come from {@code user create} only
 * @param loginAttempts failed sign-ins allowed per username and address within
 * {@code loginLockout}; ten times as many are allowed per address across usernames
 * @param loginLockout how long failures are remembered, and so how long a locked sign-in
 * stays locked
 */
@Validated
@ConfigurationProperties("atenea.accounts")
public record AccountProperties(@DefaultValue("30d") Duration tokenLifetime,
		@DefaultValue("false") boolean signupEnabled, @DefaultValue("5") @Min(1) int loginAttempts,
		@DefaultValue("15m") Duration loginLockout) {
}
