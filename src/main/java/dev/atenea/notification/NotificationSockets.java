package dev.atenea.notification;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The open notification connections of this node, by user, and the delivery of
 * {@link UserEvent events} to them.
 *
 * <p>
 * Each connection has an outbox drained by one virtual thread at a time: frames reach a
 * connection in the order they were published, a connection whose client stops reading
 * blocks only its own drain, and once its outbox holds
 * {@link NotificationProperties#maxQueuedFrames()} frames it is closed instead of growing
 * without bound.
 *
 * <p>
 * A frame that only restates a state ({@code task_update} of one task,
 * {@code pending_count}) replaces a waiting frame of the same state in place, so a burst
 * of progress for a client that reads slowly costs one slot per task, not one per step,
 * and the client still ends up with the latest state.
 *
 * <p>
 * When this node was cut off from the channel layer (Redis went away), the events
 * published meanwhile never reached it. Once it hears events again, each open connection
 * is sent, from the database, the notifications created since the gap began (and after it
 * opened) that it has not had, and the unread count; a connection keeps the uuids of the
 * notifications it was last given, so none goes out twice.
 */
@Component
@ConditionalOnWebApplication
class NotificationSockets implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(NotificationSockets.class);

	private static final String TASK_UPDATE_PREFIX = "{\"type\":\"task_update\",\"data\":{\"uuid\":\"";

	private static final String PENDING_COUNT_PREFIX = "{\"type\":\"pending_count\",";

	private static final int UUID_LENGTH = 36;

	/**
	 * How far before a gap's start missed notifications are looked for: a notification is
	 * published just after its commit, so one committed just before the gap may have been
	 * lost in it.
	 */
	static final Duration REPLAY_MARGIN = Duration.ofSeconds(5);

	/** Missed notifications sent to one user's connections at most, the oldest first. */
	static final int MAX_REPLAYED = 100;

	/** Notification uuids a connection remembers having been given. */
	private static final int REMEMBERED_NOTIFICATIONS = 256;

	private final Map<Long, Set<Outbox>> byUser = new ConcurrentHashMap<>();

	private final Map<String, Outbox> bySession = new ConcurrentHashMap<>();

	private final ExecutorService drains = Executors.newVirtualThreadPerTaskExecutor();

	private final int maxQueuedFrames;

	private final JsonMapper json;

	private final Timer deliveryLatency;

	private final NotificationService notifications;

	private final Clock clock;

	NotificationSockets(ChannelLayer channelLayer, NotificationService notifications, NotificationProperties properties,
			JsonMapper json, MeterRegistry registry, Clock clock) {
		this.maxQueuedFrames = properties.maxQueuedFrames();
		this.json = json;
		this.notifications = notifications;
		this.clock = clock;
		this.deliveryLatency = Timer.builder("atenea.notification.delivery")
			.description("From a notification's creation to its frame being written to a connection")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofMinutes(1))
			.register(registry);
		Gauge.builder("atenea.websocket.connections", this::openConnections)
			.description("Open notification connections on this node")
			.register(registry);
		channelLayer.subscribe(this::deliver);
		channelLayer.whenResumed((since) -> this.drains.execute(() -> replaySince(since)));
	}

	void add(long userId, WebSocketSession session) {
		Outbox outbox = new Outbox(userId, session, this.clock.instant());
		this.bySession.put(session.getId(), outbox);
		this.byUser.computeIfAbsent(userId, (id) -> ConcurrentHashMap.newKeySet()).add(outbox);
	}

	void remove(WebSocketSession session) {
		Outbox outbox = this.bySession.remove(session.getId());
		if (outbox != null) {
			this.byUser.computeIfPresent(outbox.userId, (id, outboxes) -> {
				outboxes.remove(outbox);
				return outboxes.isEmpty() ? null : outboxes;
			});
		}
	}

	/**
	 * Sends a frame to one connection, behind whatever is already queued for it.
	 */
	void send(WebSocketSession session, String json) {
		Outbox outbox = this.bySession.get(session.getId());
		if (outbox != null) {
			outbox.offer(new Frame(json, null, supersedingKey(json)));
		}
	}

	int openConnections() {
		return this.bySession.size();
	}

	private void deliver(UserEvent event) {
		Set<Outbox> outboxes = this.byUser.getOrDefault(event.userId(), Set.of());
		if (outboxes.isEmpty()) {
			return;
		}
		Stamp stamp = notificationStamp(event.json());
		Frame frame = new Frame(event.json(), (stamp != null) ? stamp.createdAt() : null, supersedingKey(event.json()));
		for (Outbox outbox : outboxes) {
			if (stamp == null || outbox.firstTime(stamp.uuid())) {
				outbox.offer(frame);
			}
		}
	}

	/**
	 * Sends each open connection the notifications it missed while this node was cut off
	 * from {@code cutOff}, and the unread count. A user whose notifications cannot be
	 * read now gets them on the next connect or from the API.
	 */
	private void replaySince(Instant cutOff) {
		Instant from = cutOff.minus(REPLAY_MARGIN);
		int sent = 0;
		for (Map.Entry<Long, Set<Outbox>> user : this.byUser.entrySet()) {
			try {
				List<NotificationService.MissedFrame> missed = this.notifications.framesSince(user.getKey(), from,
						MAX_REPLAYED);
				String countJson = this.notifications.unreadCountFrame(user.getKey());
				Frame count = new Frame(countJson, null, supersedingKey(countJson));
				for (Outbox outbox : user.getValue()) {
					for (NotificationService.MissedFrame frame : missed) {
						if (!frame.createdAt().isBefore(outbox.openedAt) && outbox.firstTime(frame.uuid())) {
							outbox.offer(new Frame(frame.json(), frame.createdAt(), null));
							sent++;
						}
					}
					outbox.offer(count);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not send user {} the notifications missed since {}: {}", user.getKey(), cutOff,
						ex.toString());
			}
		}
		if (!this.bySession.isEmpty()) {
			logger.info("Sent {} notifications missed since {} to {} open connections", sent, cutOff,
					this.bySession.size());
		}
	}

	/**
	 * What a frame restates, when a newer frame of the same key makes it worthless: one
	 * task's progress, or the unread count. Read from the text because events from other
	 * nodes carry nothing else; {@code NotificationService} writes {@code type} first and
	 * a task update's {@code uuid} first in its data.
	 * @return the key, or null for a frame that must be delivered as it is
	 */
	static String supersedingKey(String frame) {
		if (frame.startsWith(TASK_UPDATE_PREFIX) && frame.length() >= TASK_UPDATE_PREFIX.length() + UUID_LENGTH) {
			return "task:" + frame.substring(TASK_UPDATE_PREFIX.length(), TASK_UPDATE_PREFIX.length() + UUID_LENGTH);
		}
		if (frame.startsWith(PENDING_COUNT_PREFIX)) {
			return "pending_count";
		}
		return null;
	}

	/**
	 * Which notification a frame carries and when it was created (to time its delivery);
	 * null for other frames. Read from the frame because events from other nodes carry
	 * nothing else.
	 */
	private Stamp notificationStamp(String frame) {
		if (!frame.contains("\"notification_message\"")) {
			return null;
		}
		try {
			JsonNode data = this.json.readTree(frame).path("data");
			return new Stamp(UUID.fromString(data.path("uuid").asString()),
					Instant.parse(data.path("created_at").asString()));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public void destroy() {
		this.drains.shutdownNow();
	}

	/**
	 * @param key what the frame restates, for frames a newer one replaces; null otherwise
	 */
	private record Frame(String json, Instant createdAt, String key) {
	}

	private record Stamp(UUID uuid, Instant createdAt) {
	}

	private final class Outbox {

		private final long userId;

		private final WebSocketSession session;

		private final Queue<Frame> frames = new ConcurrentLinkedQueue<>();

		/** The newest frame of each key that has a place in {@link #frames}. */
		private final Map<String, Frame> newest = new ConcurrentHashMap<>();

		private final AtomicInteger queued = new AtomicInteger();

		private final AtomicBoolean draining = new AtomicBoolean();

		private final Instant openedAt;

		/** The notifications this connection was last given, oldest first. */
		private final Set<UUID> given = Collections.newSetFromMap(new LinkedHashMap<>() {
			@Override
			protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
				return size() > REMEMBERED_NOTIFICATIONS;
			}
		});

		Outbox(long userId, WebSocketSession session, Instant openedAt) {
			this.userId = userId;
			this.session = session;
			this.openedAt = openedAt;
		}

		/**
		 * Records that the connection is given this notification.
		 * @return false when it was given it already
		 */
		boolean firstTime(UUID notification) {
			synchronized (this.given) {
				return this.given.add(notification);
			}
		}

		void offer(Frame frame) {
			if (frame.key() != null && this.newest.put(frame.key(), frame) != null) {
				// a frame of this key still waits: it will go out with this content
				return;
			}
			if (this.queued.incrementAndGet() > NotificationSockets.this.maxQueuedFrames) {
				logger.warn(
						"Closing notification connection {} of user {}: {} frames wait for a client that stopped"
								+ " reading",
						this.session.getId(), this.userId, NotificationSockets.this.maxQueuedFrames);
				// Closed from another thread: this one may be a worker, and a close can
				// wait behind the stuck send.
				NotificationSockets.this.drains.execute(() -> close(CloseStatus.SESSION_NOT_RELIABLE));
				return;
			}
			this.frames.add(frame);
			startDrain();
		}

		private void startDrain() {
			if (this.draining.compareAndSet(false, true)) {
				NotificationSockets.this.drains.execute(this::drain);
			}
		}

		/**
		 * Sends until the outbox is empty; checks again after letting go, in case a frame
		 * arrived between the last poll and the release.
		 */
		private void drain() {
			do {
				Frame frame;
				while ((frame = this.frames.poll()) != null) {
					this.queued.decrementAndGet();
					Frame toSend = (frame.key() != null) ? this.newest.remove(frame.key()) : frame;
					if (toSend != null) {
						sendNow(toSend);
					}
				}
				this.draining.set(false);
			}
			while (!this.frames.isEmpty() && this.draining.compareAndSet(false, true));
		}

		private void sendNow(Frame frame) {
			if (!this.session.isOpen()) {
				return;
			}
			try {
				this.session.sendMessage(new TextMessage(frame.json()));
				if (frame.createdAt() != null) {
					// created_at is read on the clock all nodes share (Redis's, when
					// there is
					// one), which may run a little ahead of this machine's
					Duration latency = Duration.between(frame.createdAt(), Instant.now());
					NotificationSockets.this.deliveryLatency.record(latency.isNegative() ? Duration.ZERO : latency);
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Could not send to notification connection {}: {}", this.session.getId(), ex.toString());
				close(CloseStatus.SESSION_NOT_RELIABLE);
			}
		}

		private void close(CloseStatus status) {
			remove(this.session);
			try {
				this.session.close(status);
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Closing notification connection {} failed: {}", this.session.getId(), ex.toString());
			}
		}

	}

}
