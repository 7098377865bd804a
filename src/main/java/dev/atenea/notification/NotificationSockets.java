package dev.atenea.notification;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
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
 */
@Component
class NotificationSockets implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(NotificationSockets.class);

	private static final String TASK_UPDATE_PREFIX = "{\"type\":\"task_update\",\"data\":{\"uuid\":\"";

	private static final String PENDING_COUNT_PREFIX = "{\"type\":\"pending_count\",";

	private static final int UUID_LENGTH = 36;

	private final Map<Long, Set<Outbox>> byUser = new ConcurrentHashMap<>();

	private final Map<String, Outbox> bySession = new ConcurrentHashMap<>();

	private final ExecutorService drains = Executors.newVirtualThreadPerTaskExecutor();

	private final int maxQueuedFrames;

	private final JsonMapper json;

	private final Timer deliveryLatency;

	NotificationSockets(ChannelLayer channelLayer, NotificationProperties properties, JsonMapper json,
			MeterRegistry registry) {
		this.maxQueuedFrames = properties.maxQueuedFrames();
		this.json = json;
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
	}

	void add(long userId, WebSocketSession session) {
		Outbox outbox = new Outbox(userId, session);
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
		Frame frame = new Frame(event.json(), notificationCreatedAt(event.json()), supersedingKey(event.json()));
		for (Outbox outbox : outboxes) {
			outbox.offer(frame);
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
	 * When the notification a frame carries was created, to time its delivery; null for
	 * other frames. Read from the frame because events from other nodes carry nothing
	 * else.
	 */
	private Instant notificationCreatedAt(String frame) {
		if (!frame.contains("\"notification_message\"")) {
			return null;
		}
		try {
			String createdAt = this.json.readTree(frame).path("data").path("created_at").asString(null);
			return (createdAt != null) ? Instant.parse(createdAt) : null;
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

	private final class Outbox {

		private final long userId;

		private final WebSocketSession session;

		private final Queue<Frame> frames = new ConcurrentLinkedQueue<>();

		/** The newest frame of each key that has a place in {@link #frames}. */
		private final Map<String, Frame> newest = new ConcurrentHashMap<>();

		private final AtomicInteger queued = new AtomicInteger();

		private final AtomicBoolean draining = new AtomicBoolean();

		Outbox(long userId, WebSocketSession session) {
			this.userId = userId;
			this.session = session;
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
