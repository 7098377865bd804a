package dev.atenea.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.atenea.user.ApiTokenService;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Programs authenticate with a bearer token and need no CSRF token;
 * browsers use the session cookie, and every state-changing request of theirs carries a
 * CSRF token. API callers get JSON 401 and 403 answers; browsers are sent to the login
 * page.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * Scripts, styles and images come from this server only, and never inline.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
			+ " img-src 'self' data:; media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
			+ " form-action 'self'; frame-ancestors 'none'";

	/**
	 * Browser features the pages never use, switched off so injected content cannot use
	 * them either.
	 */
	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

	/**
	 * Spring Security would otherwise observe each of its filters on every request, and
	 * each authentication and authorization, each observation its own timer and counters:
	 * about a tenth of what a web node allocates under the pipeline benchmark
	 * (async-profiler). Spring MVC's {@code http.server.requests} already times every
	 * request as a whole, and failed sign-ins are counted by Atenea's own login throttle.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokenService tokens, JsonMapper json,
			LoginAttempts loginAttempts, OperationsProperties operations) throws Exception {
		RequestMatcher programs = BearerTokenFilter::hasBearerToken;
		// An API call that carries no session cookie has no ambient credentials for a
		// forged request to ride on, so CSRF does not apply; it is refused as
		// unauthenticated instead.
		RequestMatcher sessionless = (request) -> isApi(request) && request.getRequestedSessionId() == null;
		RequestMatcher apiCalls = (request) -> isApi(request) || programs.matches(request)
				|| request.getRequestURI().startsWith("/actuator/");
		http.authorizeHttpRequests((requests) -> requests
			// the second half of a streamed answer (a media file) was authorized when the
			// request came in; a bearer token is not checked again on that dispatch
			.dispatcherTypeMatchers(DispatcherType.ASYNC)
			.permitAll()
			.requestMatchers("/login", "/login/locked", "/signup", "/css/**", "/js/**", "/favicon.ico", "/error",
					"/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/actuator/prometheus")
			.access((authentication,
					context) -> new AuthorizationDecision(operations.publicMetrics() || isStaff(authentication.get())))
			.requestMatchers("/api/auth/token")
			.permitAll()
			.requestMatchers("/admin", "/admin/**", "/actuator/**")
			.hasRole("STAFF")
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(new LoginOutcomes.Success(loginAttempts))
				.failureHandler(new LoginOutcomes.Failure(loginAttempts))
				.permitAll())
			// A new session id at sign-in, so an id planted before it is worth nothing.
			.sessionManagement((sessions) -> sessions.sessionFixation((fixation) -> fixation.changeSessionId()))
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			// Only a page is worth returning to after signing in; an API call refused as
			// unauthenticated leaves nothing in a session (which would be a database
			// row).
			.requestCache((cache) -> cache.requestCache(pagesOnly(apiCalls)))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(programs, sessionless)
				.ignoringRequestMatchers("/api/auth/token"))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor((request, response, ex) -> writeError(json, response,
						HttpStatus.UNAUTHORIZED, "not_authenticated", "Authentication credentials were not provided."),
						apiCalls)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), (request) -> true)
				.defaultAccessDeniedHandlerFor((request, response, ex) -> writeError(json, response,
						HttpStatus.FORBIDDEN, "forbidden", "You may not do this (or the CSRF token is missing)."),
						apiCalls)
				.defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), (request) -> true))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY)))
			.addFilterBefore(new RequestIdFilter(), WebAsyncManagerIntegrationFilter.class)
			.addFilterBefore(new BodySizeLimitFilter(json), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new LoginThrottleFilter(loginAttempts), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new BearerTokenFilter(tokens, json), UsernamePasswordAuthenticationFilter.class);
		return http.build();
	}

	private static RequestCache pagesOnly(RequestMatcher apiCalls) {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache.setRequestMatcher((request) -> HttpMethod.GET.matches(request.getMethod()) && !apiCalls.matches(request));
		return cache;
	}

	private static boolean isStaff(Authentication authentication) {
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_STAFF".equals(authority.getAuthority()));
	}

	private static boolean isApi(HttpServletRequest request) {
		String path = request.getRequestURI();
		return path.startsWith("/api/") || path.startsWith("/ws/") || path.startsWith("/media/");
	}

	private static void writeError(JsonMapper json, HttpServletResponse response, HttpStatus status, String code,
			String message) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		json.writeValue(response.getOutputStream(), ApiError.of(code, message, Map.of()));
	}

}
