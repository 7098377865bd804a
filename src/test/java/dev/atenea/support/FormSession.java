package dev.atenea.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Talks to a running Atenea as a browser without script would: a cookie jar, form posts,
 * and the CSRF token read from the last page.
 */
public final class FormSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private String baseUrl;

	private String csrfToken;

	public FormSession(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * GETs a page, remembering the CSRF token its forms carry.
	 */
	public HttpResponse<String> get(String path) {
		HttpResponse<String> response = send(request(path).GET());
		Matcher token = CSRF.matcher(response.body());
		if (token.find()) {
			this.csrfToken = token.group(1);
		}
		return response;
	}

	/**
	 * Posts a form with the remembered CSRF token.
	 */
	public HttpResponse<String> post(String path, Map<String, String> fields) {
		return postRaw(path, fields, true);
	}

	public HttpResponse<String> postWithoutCsrf(String path, Map<String, String> fields) {
		return postRaw(path, fields, false);
	}

	public HttpResponse<String> logIn(String username, String password) {
		get("/login");
		return post("/login", Map.of("username", username, "password", password));
	}

	public String csrfToken() {
		return this.csrfToken;
	}

	/**
	 * Sends the following requests to another server, keeping the cookies and the CSRF
	 * token, as a load balancer does when it picks another node for the same browser.
	 * Cookies are per host, not per port, so servers on one host share them.
	 */
	public FormSession switchTo(String otherBaseUrl) {
		this.baseUrl = otherBaseUrl;
		return this;
	}

	/**
	 * The value of the cookie with this name that the browser holds, if any.
	 */
	public String cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	private HttpResponse<String> postRaw(String path, Map<String, String> fields, boolean withCsrf) {
		String body = fields.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		if (withCsrf && this.csrfToken != null) {
			body += (body.isEmpty() ? "" : "&") + "_csrf=" + encode(this.csrfToken);
		}
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "text/html,application/xhtml+xml");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
