package dev.atenea.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Times and durations as the pages show them, for templates as {@code @pageFormat}: times
 * in UTC to the second, durations as {@code 850 ms}, {@code 12.4 s} or {@code 3 min 5 s}.
 */
@Component("pageFormat")
public class PageFormat {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	public String time(Instant instant) {
		return (instant != null) ? TIME.format(instant) : "";
	}

	public String took(Instant from, Instant to) {
		if (from == null || to == null) {
			return "";
		}
		Duration duration = Duration.between(from, to);
		long millis = Math.max(0, duration.toMillis());
		if (millis < 1000) {
			return millis + " ms";
		}
		if (millis < 60_000) {
			return String.format("%.1f s", millis / 1000.0);
		}
		return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
	}

}
