package dev.atenea.notification;

import java.util.List;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The WebSocket endpoint {@code /ws/notifications/}.
 *
 * @param maxQueuedFrames frames that may wait for one slow connection before it is
 * closed, so a tab that stops reading never holds up the others
 * @param allowedOrigins origins, besides the server's own, whose pages may open a
 * connection (patterns such as {@code https://*.example.com}); none by default
 */
@Validated
@ConfigurationProperties("atenea.notification")
public record NotificationProperties(@DefaultValue("256") @Min(1) int maxQueuedFrames, List<String> allowedOrigins) {

	public NotificationProperties {
		allowedOrigins = (allowedOrigins != null) ? List.copyOf(allowedOrigins) : List.of();
	}

}
