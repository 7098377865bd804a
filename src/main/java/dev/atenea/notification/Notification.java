package dev.atenea.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A message to one user, kept until read.
 *
 * @param actionUrl where the user can see what it is about, or {@code null}
 * @param taskUuid the task whose outcome it announces, or {@code null}
 */
public record Notification(long id, UUID uuid, long userId, NotificationType type, String title, String message,
		boolean read, String actionUrl, UUID taskUuid, Instant createdAt) {
}
