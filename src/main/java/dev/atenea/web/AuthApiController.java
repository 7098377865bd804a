package dev.atenea.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.atenea.user.ApiTokenService;
import dev.atenea.user.AuthenticatedUser;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/token}: trades a username and password for a bearer token.
 */
@RestController
class AuthApiController {

	private final AuthenticationManager authentication;

	private final ApiTokenService tokens;

	private final LoginAttempts attempts;

	AuthApiController(AuthenticationManager authentication, ApiTokenService tokens, LoginAttempts attempts) {
		this.authentication = authentication;
		this.tokens = tokens;
		this.attempts = attempts;
	}

	@PostMapping(path = "/api/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, String> token(@RequestBody JsonNode body, HttpServletRequest request) {
		JsonBody fields = JsonBody.of(body);
		String username = fields.requiredString("username", 150);
		String password = fields.requiredString("password", 128);
		fields.requireValid();
		String address = request.getRemoteAddr();
		if (this.attempts.isBlocked(username, address)) {
			throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
					"Too many failed sign-ins; try again in " + this.attempts.lockout().toMinutes() + " minutes.",
					Map.of());
		}
		Authentication authenticated;
		try {
			authenticated = this.authentication
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
		}
		catch (AuthenticationException ex) {
			this.attempts.failed(username, address);
			throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials",
					"Unable to log in with the provided credentials.", Map.of());
		}
		this.attempts.succeeded(username, address);
		AuthenticatedUser user = (AuthenticatedUser) authenticated.getPrincipal();
		return Map.of("token", this.tokens.issue(user.id()));
	}

}
