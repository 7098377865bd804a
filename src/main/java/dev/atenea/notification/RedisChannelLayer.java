package dev.atenea.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.atenea.system.redis.RedisKeys;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The channel layer on Redis pub/sub: an event published by any process reaches every web
 * node, which hands it to the open connections of that user it holds.
 *
 * <p>
 * Each user has a channel ({@code <prefix>:user:<id>}); every node subscribes to the
 * pattern of all of them, so it needs no bookkeeping of who is connected where, at the
 * cost of every node seeing every event. The subscription is restored by the client after
 * Redis comes back, and the node's {@link #whenResumed} listeners are told from when it
 * was cut off.
 *
 * <p>
 * Events are published over a connection of their own that, unlike the others, keeps what
 * is published while Redis is away and sends it once Redis is back (up to
 * {@link #MAX_HELD_EVENTS}, each for up to {@link #HELD_EVENT_LIFETIME}): a task that
 * finishes during an outage is still announced, to every node subscribed again by then.
 * An event that had reached Redis just as the connection broke may be sent twice. Events
 * that are dropped are logged, once per outage.
 */
class RedisChannelLayer implements ChannelLayer, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RedisChannelLayer.class);

	static final int MAX_HELD_EVENTS = 10_000;

	static final Duration HELD_EVENT_LIFETIME = Duration.ofMinutes(1);

	private final RedisClient publisherClient;

	private final StatefulRedisConnection<String, String> publisher;

	/** Events dropped since the last one that went out; 0 while all goes well. */
	private final AtomicLong dropped = new AtomicLong();

	/** Opened with the first listener. */
	private volatile StatefulRedisPubSubConnection<String, String> subscriber;

	private final Clock clock;

	private final RedisKeys keys;

	private final String channelPrefix;

	private final List<Consumer<UserEvent>> listeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<Instant>> resumeListeners = new CopyOnWriteArrayList<>();

	private final RedisClient client;

	private final RedisConnectionStateListener subscriberState;

	/** When the subscription was lost, until it is back; null while it holds. */
	private final AtomicReference<Instant> cutOffSince = new AtomicReference<>();

	RedisChannelLayer(RedisClient client, ClientResources resources, String url, RedisKeys keys, Clock clock) {
		this.client = client;
		this.publisherClient = RedisClient.create(resources, RedisURI.create(url));
		this.publisherClient.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
			.requestQueueSize(MAX_HELD_EVENTS)
			.timeoutOptions(TimeoutOptions.enabled(HELD_EVENT_LIFETIME))
			.build());
		this.publisher = this.publisherClient.connect();
		this.keys = keys;
		this.channelPrefix = keys.userChannelPrefix();
		this.clock = clock;
		this.subscriberState = new RedisConnectionStateListener() {
			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
				if (connection == RedisChannelLayer.this.subscriber) {
					RedisChannelLayer.this.cutOffSince.compareAndSet(null, RedisChannelLayer.this.clock.instant());
				}
			}
		};
	}

	/**
	 * Subscribes this process to every user's channel; only a process with listeners (a
	 * web node) does, so workers are spared every event.
	 */
	private synchronized void subscribeOnce() {
		if (this.subscriber != null) {
			return;
		}
		this.client.addListener(this.subscriberState);
		this.subscriber = this.client.connectPubSub();
		this.subscriber.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String pattern, String channel, String message) {
				deliver(channel, message);
			}

			@Override
			public void psubscribed(String pattern, long count) {
				resumed();
			}
		});
		this.subscriber.sync().psubscribe(this.channelPrefix + "*");
	}

	@Override
	public void publish(UserEvent event) {
		try {
			this.publisher.async()
				.publish(this.keys.userChannel(event.userId()), event.json())
				.whenComplete((receivers, failure) -> {
					if (failure != null) {
						dropped(failure);
					}
					else {
						published();
					}
				});
		}
		catch (RuntimeException ex) {
			dropped(ex);
		}
	}

	private void dropped(Throwable cause) {
		if (this.dropped.getAndIncrement() == 0) {
			logger.warn("Events for open pages are being dropped; the pages catch up on their next connect: {}",
					cause.toString());
		}
	}

	private void published() {
		// read first, so a publish that goes well writes nothing shared
		long lost = (this.dropped.get() > 0) ? this.dropped.getAndSet(0) : 0;
		if (lost > 0) {
			logger.info("Events reach Redis again; {} were dropped", lost);
		}
	}

	@Override
	public void subscribe(Consumer<UserEvent> listener) {
		this.listeners.add(listener);
		subscribeOnce();
	}

	@Override
	public void whenResumed(Consumer<Instant> listener) {
		this.resumeListeners.add(listener);
	}

	/**
	 * Called on Lettuce's event loop when a subscription is confirmed: the first, or the
	 * one the client restores after a reconnection.
	 */
	private void resumed() {
		Instant since = this.cutOffSince.getAndSet(null);
		if (since == null) {
			return;
		}
		logger.info("Events reach this node again; it was cut off from {}", since);
		for (Consumer<Instant> listener : this.resumeListeners) {
			try {
				listener.accept(since);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener failed on the resumed subscription", ex);
			}
		}
	}

	@Override
	public void destroy() {
		this.client.removeListener(this.subscriberState);
		if (this.subscriber != null) {
			this.subscriber.close();
		}
		this.publisher.close();
		this.publisherClient.shutdown();
	}

	private void deliver(String channel, String json) {
		long userId;
		try {
			userId = Long.parseLong(channel.substring(this.channelPrefix.length()));
		}
		catch (NumberFormatException ex) {
			logger.debug("Ignoring a message on unexpected channel {}", channel);
			return;
		}
		UserEvent event = new UserEvent(userId, json);
		for (Consumer<UserEvent> listener : this.listeners) {
			try {
				listener.accept(event);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener failed on an event for user {}", userId, ex);
			}
		}
	}

}
