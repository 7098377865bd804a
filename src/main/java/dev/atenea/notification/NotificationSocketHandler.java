package dev.atenea.notification;

import java.util.UUID;

import dev.atenea.user.AuthenticatedUser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws/notifications/}: sends the unread count on connect, then every notification
 * and task update of the user; takes {@code mark_read} and {@code mark_all_read}. A bad
 * frame gets an error answer and the connection stays open.
 */
@Component
@ConditionalOnWebApplication
class NotificationSocketHandler extends TextWebSocketHandler {

	private static final Logger logger = LoggerFactory.getLogger(NotificationSocketHandler.class);

	/**
	 * The longest text frame taken; the container closes a connection that sends more.
	 */
	static final int MAX_FRAME_CHARS = 1024;

	private final NotificationSockets sockets;

	private final NotificationService notifications;

	private final JsonMapper json;

	NotificationSocketHandler(NotificationSockets sockets, NotificationService notifications, JsonMapper json) {
		this.sockets = sockets;
		this.notifications = notifications;
		this.json = json;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		AuthenticatedUser user = AuthenticatedUser.from(session.getPrincipal()).orElse(null);
		if (user == null) {
			session.close(CloseStatus.POLICY_VIOLATION.withReason("Not authenticated"));
			return;
		}
		this.sockets.add(user.id(), session);
		this.sockets.send(session, this.notifications.unreadCountFrame(user.id()));
		logger.debug("Notification connection {} opened for user {}", session.getId(), user.id());
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		AuthenticatedUser user = AuthenticatedUser.from(session.getPrincipal()).orElseThrow();
		this.sockets.send(session, answer(user.id(), message.getPayload()));
	}

	/**
	 * The protocol is JSON text; a binary frame is a client mistake, answered like any
	 * other bad frame instead of closing the connection.
	 */
	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		this.sockets.send(session, error("Expected a JSON text frame"));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.sockets.remove(session);
		logger.debug("Notification connection {} closed: {}", session.getId(), status);
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		logger.debug("Notification connection {} failed: {}", session.getId(), exception.toString());
		this.sockets.remove(session);
	}

	private String answer(long userId, String payload) {
		JsonNode frame;
		try {
			frame = this.json.readTree(payload);
		}
		catch (JacksonException ex) {
			return error("Malformed JSON");
		}
		if (frame == null || !frame.isObject()) {
			return error("Expected a JSON object");
		}
		String action = frame.path("action").asString("");
		return switch (action) {
			case "mark_read" -> markRead(userId, frame.path("notification_uuid"));
			case "mark_all_read" -> markAllRead(userId);
			default -> error("Unknown action: " + abbreviate(action));
		};
	}

	private String markRead(long userId, JsonNode uuidField) {
		UUID uuid = parseUuid(uuidField);
		if (uuid == null || this.notifications.markRead(userId, uuid).isEmpty()) {
			return error("No such notification");
		}
		return this.json.writeValueAsString(new Success("success", uuid, this.notifications.unreadCount(userId)));
	}

	private String markAllRead(long userId) {
		this.notifications.markAllRead(userId);
		return this.json.writeValueAsString(new Success("success", null, this.notifications.unreadCount(userId)));
	}

	private String error(String message) {
		return this.json.writeValueAsString(new Failure("error", message));
	}

	private static UUID parseUuid(JsonNode field) {
		if (!field.isString()) {
			return null;
		}
		try {
			return UUID.fromString(field.asString());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String abbreviate(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "..." : text;
	}

	private record Success(String status, UUID notificationUuid, long count) {
	}

	private record Failure(String status, String error) {
	}

}
