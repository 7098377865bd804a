package dev.atenea.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login form post while its username and address are locked, before the
 * password is checked: a locked account answers the same whether the password is right or
 * wrong, so guessing on gains nothing. The page explains with status 429.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginAttempts attempts;

	LoginThrottleFilter(LoginAttempts attempts) {
		this.attempts = attempts;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.attempts.isBlocked(request.getParameter("username"), request.getRemoteAddr())) {
			request.getRequestDispatcher("/login/locked").forward(request, response);
			return;
		}
		chain.doFilter(request, response);
	}

}
