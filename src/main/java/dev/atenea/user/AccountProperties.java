package dev.atenea.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts and their credentials.
 *
 * @param tokenLifetime how long a bearer token from {@code POST /api/auth/token} stays
 * valid
 */
@ConfigurationProperties("atenea.accounts")
public record AccountProperties(@DefaultValue("30d") Duration tokenLifetime) {
}
