package dev.atenea.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

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

	static final class Failure extends SimpleUrlAuthenticationFailureHandler {

		private final LoginAttempts attempts;

		Failure(LoginAttempts attempts) {
			super("/login?error");
			this.attempts = attempts;
		}

		@Override
		public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) throws IOException, ServletException {
			this.attempts.failed(request.getParameter("username"), request.getRemoteAddr());
			super.onAuthenticationFailure(request, response, exception);
		}

	}

}
