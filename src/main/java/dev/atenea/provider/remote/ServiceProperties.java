package dev.atenea.provider.remote;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Atenea reaches one remote provider: credentials, address, timeouts and the limits
 * that protect it and us.
 *
 * @param apiKey the API key; without it (or, for Kling, without the access and secret
 * keys) the provider is unavailable. Set by the contract's variable, e.g.
 * {@code OPENAI_API_KEY}.
 * @param accessKey Kling only: the access key that signs its tokens
 * ({@code KLING_ACCESS_KEY})
 * @param secretKey Kling only: the secret key that signs its tokens
 * ({@code KLING_SECRET_KEY}); HS256 needs at least 32 bytes
 * @param baseUrl where the provider's API lives, for proxies and test stubs; empty for
 * its public address
 * @param requestTimeout how long one HTTP call may take before it counts as timed out and
 * the attempt is retried
 * @param downloadTimeout how long downloading one finished result may take
 * @param pollInterval how long to wait between two polls of an asynchronous job
 * @param models the models offered, first the default; empty for the provider's own list
 * @param voices for speech, the voice ids offered, first the default; empty for the
 * provider's own list
 * @param maxConcurrentCalls how many calls this process makes to the provider at the same
 * time; a call beyond it is held back and its task tried again after {@code busyDelay}
 * @param rateLimit how many calls this process starts per {@code rateLimitPeriod}
 * @param rateLimitPeriod the period of {@code rateLimit}
 * @param rateLimitWait how long a call may wait for the rate limiter before it is held
 * back
 * @param busyDelay how long a task held back by the concurrency or rate limit waits
 * before it is tried again
 * @param breakerFailureRate the percentage of failed calls among the last
 * {@code breakerWindow} that opens the circuit breaker
 * @param breakerMinimumCalls how many calls must have been made before the failure rate
 * counts
 * @param breakerWindow how many of the latest calls the failure rate is taken over
 * @param breakerOpenFor how long an open breaker holds calls back before letting a few
 * through to probe the provider; held-back tasks wait this long
 */
public record ServiceProperties(String apiKey, String accessKey, String secretKey, URI baseUrl,
		@DefaultValue("60s") @NotNull @DurationMin(millis = 100) Duration requestTimeout,
		@DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration downloadTimeout,
		@DefaultValue("30s") @NotNull @DurationMin(millis = 50) Duration pollInterval, List<String> models,
		List<String> voices, @DefaultValue("4") @Min(1) @Max(256) int maxConcurrentCalls,
		@DefaultValue("10") @Min(1) int rateLimit, @DefaultValue("1s") @NotNull Duration rateLimitPeriod,
		@DefaultValue("2s") @NotNull Duration rateLimitWait, @DefaultValue("5s") @NotNull Duration busyDelay,
		@DefaultValue("50") @Min(1) @Max(100) int breakerFailureRate,
		@DefaultValue("10") @Min(1) int breakerMinimumCalls, @DefaultValue("20") @Min(1) int breakerWindow,
		@DefaultValue("60s") @NotNull Duration breakerOpenFor) {

	private static final String REDACTED = "[redacted]";

	/** Words that could hold a key: no spaces, quotes or brackets. */
	private static final Pattern TOKEN = Pattern.compile("[^\\s\"'()\\[\\]{}<>,;]+");

	private static final int REVEALING_RUN = 8;

	public ServiceProperties {
		models = (models != null) ? List.copyOf(models) : List.of();
		voices = (voices != null) ? List.copyOf(voices) : List.of();
	}

	/**
	 * Whether an API key is configured.
	 */
	public boolean hasApiKey() {
		return isSet(this.apiKey);
	}

	/**
	 * Whether both keys of an access and secret key pair are configured.
	 */
	public boolean hasKeyPair() {
		return isSet(this.accessKey) && isSet(this.secretKey);
	}

	/**
	 * The base URL without a trailing slash, or the given public one when none is set.
	 */
	public String baseUrlOr(String publicUrl) {
		String url = (this.baseUrl != null) ? this.baseUrl.toString() : publicUrl;
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	public List<String> modelsOr(List<String> builtIn) {
		return this.models.isEmpty() ? builtIn : this.models;
	}

	public List<String> voicesOr(List<String> builtIn) {
		return this.voices.isEmpty() ? builtIn : this.voices;
	}

	/**
	 * The text with every configured credential blanked out, for text that came from the
	 * provider and may echo what we sent.
	 */
	public String redact(String text) {
		if (text == null) {
			return null;
		}
		Matcher tokens = TOKEN.matcher(text);
		StringBuilder redacted = new StringBuilder();
		while (tokens.find()) {
			String token = tokens.group();
			tokens.appendReplacement(redacted, Matcher.quoteReplacement(revealsASecret(token) ? REDACTED : token));
		}
		tokens.appendTail(redacted);
		return redacted.toString();
	}

	/**
	 * A word of the text gives a secret away when it shares {@value #REVEALING_RUN} or
	 * more consecutive characters with it, whatever their case: providers echo keys
	 * upper-cased, truncated or partly masked.
	 */
	private boolean revealsASecret(String token) {
		String word = token.toLowerCase(Locale.ROOT);
		for (String secret : new String[] { this.apiKey, this.accessKey, this.secretKey }) {
			if (!isSet(secret)) {
				continue;
			}
			String key = secret.strip().toLowerCase(Locale.ROOT);
			int run = Math.min(REVEALING_RUN, key.length());
			for (int i = 0; i + run <= word.length(); i++) {
				if (key.contains(word.substring(i, i + run))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Never prints the credentials, whatever logs or renders this record.
	 */
	@Override
	public String toString() {
		return "ServiceProperties[baseUrl=" + this.baseUrl + ", apiKey=" + mask(this.apiKey) + ", accessKey="
				+ mask(this.accessKey) + ", secretKey=" + mask(this.secretKey) + "]";
	}

	private static String mask(String secret) {
		return isSet(secret) ? REDACTED : "none";
	}

	private static boolean isSet(String value) {
		return value != null && !value.isBlank();
	}

}
