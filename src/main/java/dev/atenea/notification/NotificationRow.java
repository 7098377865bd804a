package dev.atenea.notification;

/**
 * A notification in a list that spans users, with its owner's name.
 */
public record NotificationRow(Notification notification, String username) {
}
