package dev.atenea.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * What the login form does after checking a password: counts the failure, or forgets
 * earlier failures, then goes where Spring Security's own handlers go.
 */
final class LoginOutcomes {

	private LoginOutcomes() {
	}

	static final class Success extends SavedRequestAwareAuthenticationSuccessHandler {

		private final LoginAttempts attempts;

		Success(LoginAttempts attempts) {
			this.attempts = attempts;
			setDefaultTargetUrl("/");
		}

		@Override
		public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
				Authentication authentication) throws ServletException, IOException {
			this.attempts.succeeded(request.getParameter("username"), request.getRemoteAddr());
			super.onAuthenticationSuccess(request, response, authentication);
		}

	}

	/**
	 * Counts the failure and sends the browser back to the login page. Unlike Spring
	 * Security's own handler it keeps no exception in the session: the exception carries
	 * the attempted username and password, and the session is a database row.
	 */
	static final class Failure implements AuthenticationFailureHandler {

		private static final String FAILURE_URL = "/login?error";

		private final LoginAttempts attempts;

		private final RedirectStrategy redirects = new DefaultRedirectStrategy();

		Failure(LoginAttempts attempts) {
			this.attempts = attempts;
		}

		@Override
		public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) throws IOException {
			this.attempts.failed(request.getParameter("username"), request.getRemoteAddr());
			this.redirects.sendRedirect(request, response, FAILURE_URL);
		}

	}

}
