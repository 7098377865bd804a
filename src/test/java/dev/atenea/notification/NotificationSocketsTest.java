package dev.atenea.notification;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationSocketsTest {

	private static final long USER = 7;

	private final JsonMapper json = JsonMapper.builder().build();

	private final InProcessChannelLayer channelLayer = new InProcessChannelLayer();

	private final NotificationService notifications = new NotificationService(null, channelLayer, json, null,
			Clock.systemUTC());

	private final NotificationSockets sockets = new NotificationSockets(channelLayer, notifications,
			new NotificationProperties(256, List.of()), json, new SimpleMeterRegistry(), Clock.systemUTC());

	@AfterEach
	void stop() {
		this.sockets.destroy();
	}

	@Test
	void keysTheFramesTheServiceWritesForTaskProgress() {
		UUID task = UUID.randomUUID();
		List<String> frames = new CopyOnWriteArrayList<>();
		this.channelLayer.subscribe((event) -> frames.add(event.json()));

		this.notifications.pushTaskUpdate(USER,
				new NotificationService.TaskUpdate(task, UUID.randomUUID(), "processing", 0));

		assertThat(NotificationSockets.supersedingKey(frames.get(0))).isEqualTo("task:" + task);
		assertThat(NotificationSockets.supersedingKey("{\"type\":\"notification_message\",\"data\":{}}")).isNull();
	}

	@Test
	void aSlowClientGetsTheLatestProgressOfATaskOnceAndEveryNotification() throws Exception {
		CountDownLatch firstSendStarted = new CountDownLatch(1);
		CountDownLatch clientReads = new CountDownLatch(1);
		List<String> received = new CopyOnWriteArrayList<>();
		this.sockets.add(USER, session("one", (text) -> {
			firstSendStarted.countDown();
			await(clientReads);
			received.add(text);
		}));
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();

		push(first, "queued");
		assertThat(firstSendStarted.await(5, TimeUnit.SECONDS)).isTrue();
		push(second, "queued");
		push(first, "processing");
		push(second, "processing");
		this.channelLayer.publish(new UserEvent(USER, "{\"type\":\"notification_message\",\"data\":{\"n\":1}}"));
		push(first, "completed");
		clientReads.countDown();

		awaitSize(received, 4);
		assertThat(received).hasSize(4);
		assertThat(received.get(0)).contains(first.toString(), "queued");
		assertThat(received.get(1)).contains(second.toString(), "processing");
		assertThat(received.get(2)).contains(first.toString(), "completed");
		assertThat(received.get(3)).contains("notification_message");
	}

	private void push(UUID task, String status) {
		this.notifications.pushTaskUpdate(USER, new NotificationService.TaskUpdate(task, UUID.randomUUID(), status, 0));
	}

	private static WebSocketSession session(String id, TextSink sink) {
		return (WebSocketSession) Proxy.newProxyInstance(NotificationSocketsTest.class.getClassLoader(),
				new Class<?>[] { WebSocketSession.class }, (proxy, method, args) -> switch (method.getName()) {
					case "getId" -> id;
					case "isOpen" -> true;
					case "sendMessage" -> {
						sink.accept(((TextMessage) args[0]).getPayload());
						yield null;
					}
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> null;
				});
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitSize(List<String> list, int size) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (list.size() < size && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		// a moment more, so a frame sent twice would show
		Thread.sleep(100);
	}

	@FunctionalInterface
	private interface TextSink {

		void accept(String text);

	}

}
