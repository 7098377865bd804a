package dev.atenea.notification;

/**
 * What a notification is about.
 */
public enum NotificationType {

	GENERATION_COMPLETED, GENERATION_FAILED, SYSTEM, INFO;

	public String value() {
		return name().toLowerCase();
	}

	public static NotificationType fromValue(String value) {
		return valueOf(value.toUpperCase());
	}

}
