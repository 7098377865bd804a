package dev.atenea.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification as the API and the WebSocket show it.
 */
public record NotificationView(UUID uuid, String type, String title, String message, boolean read, String actionUrl,
		Instant createdAt) {

	public static NotificationView of(Notification notification) {
		return new NotificationView(notification.uuid(), notification.type().value(), notification.title(),
				notification.message(), notification.read(), notification.actionUrl(), notification.createdAt());
	}

}
