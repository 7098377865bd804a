package dev.atenea.notification;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.atenea.system.redis.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
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
 * Redis comes back; events published while a node was cut off are not replayed.
 */
class RedisChannelLayer implements ChannelLayer, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RedisChannelLayer.class);

	private final StatefulRedisConnection<String, String> publisher;

	private final StatefulRedisPubSubConnection<String, String> subscriber;

	private final RedisKeys keys;

	private final String channelPrefix;

	private final List<Consumer<UserEvent>> listeners = new CopyOnWriteArrayList<>();

	RedisChannelLayer(RedisClient client, StatefulRedisConnection<String, String> publisher, RedisKeys keys) {
		this.publisher = publisher;
		this.keys = keys;
		this.channelPrefix = keys.userChannelPrefix();
		this.subscriber = client.connectPubSub();
		this.subscriber.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String pattern, String channel, String message) {
				deliver(channel, message);
			}
		});
		this.subscriber.sync().psubscribe(this.channelPrefix + "*");
	}

	@Override
	public void publish(UserEvent event) {
		try {
			this.publisher.async().publish(this.keys.userChannel(event.userId()), event.json());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not publish an event for user {}; open pages catch up on their next connect: {}",
					event.userId(), ex.toString());
		}
	}

	@Override
	public void subscribe(Consumer<UserEvent> listener) {
		this.listeners.add(listener);
	}

	@Override
	public void destroy() {
		this.subscriber.close();
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
