package dev.atenea.system;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Maps the contract's environment variables onto Spring properties, in one place.
 *
 * <p>
 * {@code ATENEA_DATA_DIR} and {@code ATENEA_STORAGE} need nothing here: relaxed binding
 * already maps them. {@code GCS_BUCKET} and the provider keys and base URLs
 * ({@link #PROVIDER_VARIABLES}) are renamed onto their {@code atenea.*} properties.
 * {@code DATABASE_URL} comes in the {@code postgresql://user:pass@host:port/db} form that
 * Heroku-style platforms use, or as a {@code jdbc:} URL; {@code PORT} is the HTTP port of
 * {@code serve}.
 */
class ContractEnvironment implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "ateneaContractEnvironment";

	/**
	 * The contract's variables that are renamed onto a property as they are.
	 */
	static final Map<String, String> PROVIDER_VARIABLES = Map.ofEntries(
			Map.entry("OPENAI_API_KEY", "atenea.provider.openai.api-key"),
			Map.entry("OPENAI_BASE_URL", "atenea.provider.openai.base-url"),
			Map.entry("GEMINI_API_KEY", "atenea.provider.gemini.api-key"),
			Map.entry("GEMINI_BASE_URL", "atenea.provider.gemini.base-url"),
			Map.entry("KLING_ACCESS_KEY", "atenea.provider.kling.access-key"),
			Map.entry("KLING_SECRET_KEY", "atenea.provider.kling.secret-key"),
			Map.entry("KLING_BASE_URL", "atenea.provider.kling.base-url"),
			Map.entry("FREEPIK_API_KEY", "atenea.provider.freepik.api-key"),
			Map.entry("FREEPIK_BASE_URL", "atenea.provider.freepik.base-url"),
			Map.entry("ELEVENLABS_API_KEY", "atenea.provider.elevenlabs.api-key"),
			Map.entry("ELEVENLABS_BASE_URL", "atenea.provider.elevenlabs.base-url"),
			Map.entry("GCS_BUCKET", "atenea.gcs.bucket"));

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> properties = new HashMap<>();
		String databaseUrl = environment.getProperty("DATABASE_URL");
		if (databaseUrl != null && !databaseUrl.isBlank()) {
			properties.putAll(datasourceProperties(databaseUrl.strip()));
		}
		String port = environment.getProperty("PORT");
		if (port != null && !port.isBlank()) {
			properties.put("server.port", port.strip());
		}
		String redisUrl = environment.getProperty("REDIS_URL");
		if (redisUrl != null && !redisUrl.isBlank()) {
			properties.put("atenea.redis.url", redisUrl.strip());
		}
		String logFormat = environment.getProperty("ATENEA_LOG_FORMAT",
				environment.getProperty("atenea.log-format", ""));
		properties.putAll(logProperties(logFormat.strip()));
		PROVIDER_VARIABLES.forEach((variable, property) -> {
			String value = environment.getProperty(variable);
			if (value != null && !value.isBlank()) {
				properties.put(property, value.strip());
			}
		});
		if (!properties.isEmpty()) {
			addBelowTheEnvironment(environment, new MapPropertySource(SOURCE_NAME, properties));
		}
		// whichever way it was set: the variable, a flag, a system property or a file
		String effectiveRedisUrl = environment.getProperty("atenea.redis.url");
		if (effectiveRedisUrl != null && !effectiveRedisUrl.isBlank()) {
			checkRedisUrl(effectiveRedisUrl.strip());
		}
	}

	private static void addBelowTheEnvironment(ConfigurableEnvironment environment, MapPropertySource source) {
		// Just below the environment itself: a flag or a system property still wins, and
		// so does the Spring property named outright (SERVER_PORT over PORT).
		MutablePropertySources sources = environment.getPropertySources();
		if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			sources.addFirst(source);
		}
	}

	/**
	 * The logging properties for {@code ATENEA_LOG_FORMAT} ({@code atenea.log-format}):
	 * {@code json} writes one Elastic Common Schema JSON object per line on the console,
	 * MDC (task, queue, attempt, provider, request id) included; {@code ecs},
	 * {@code logstash} and {@code gelf} pick Spring Boot's format of that name; anything
	 * else keeps the text lines.
	 */
	static Map<String, Object> logProperties(String format) {
		String structured = switch (format.toLowerCase(Locale.ROOT)) {
			case "json", "ecs" -> "ecs";
			case "logstash", "gelf" -> format.toLowerCase(Locale.ROOT);
			default -> null;
		};
		return (structured != null) ? Map.of("logging.structured.format.console", structured) : Map.of();
	}

	/**
	 * The datasource properties for a {@code DATABASE_URL}. The embedded database's
	 * username is always replaced: credentials come from the URL (its user info, or the
	 * {@code user} and {@code password} parameters of a {@code jdbc:} URL) or the
	 * driver's defaults.
	 */
	static Map<String, Object> datasourceProperties(String databaseUrl) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.username", "");
		properties.put("spring.datasource.password", "");
		if (databaseUrl.startsWith("jdbc:")) {
			properties.put("spring.datasource.url", databaseUrl);
			return properties;
		}
		URI uri = URI.create(databaseUrl);
		if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
			throw new ConfigurationException(
					"DATABASE_URL must be postgresql://user:pass@host:port/db or a jdbc: URL, not " + uri.getScheme()
							+ "://...");
		}
		int port = (uri.getPort() != -1) ? uri.getPort() : 5432;
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		properties.put("spring.datasource.url",
				"jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			properties.put("spring.datasource.username",
					decode((colon >= 0) ? userInfo.substring(0, colon) : userInfo));
			properties.put("spring.datasource.password", (colon >= 0) ? decode(userInfo.substring(colon + 1)) : "");
		}
		return properties;
	}

	/**
	 * Refuses, before anything connects, a {@code REDIS_URL} the broker's connection pool
	 * cannot use; the message names the scheme only, since the URL may hold a password.
	 */
	static void checkRedisUrl(String redisUrl) {
		int end = redisUrl.indexOf("://");
		String scheme = (end > 0) ? redisUrl.substring(0, end) : "";
		if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
			throw new ConfigurationException("REDIS_URL (atenea.redis.url) must be redis://host:port/db or "
					+ "rediss://host:port/db, not " + (scheme.isEmpty() ? "a URL without a scheme" : scheme + "://...")
					+ "; Sentinel and Unix socket URLs are not supported");
		}
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
