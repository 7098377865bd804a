package dev.atenea.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many notification WebSockets over one HTTP client (one selector thread for all). Each
 * records, for every {@code notification_message}, how long after the notification's
 * {@code created_at} it arrived.
 */
final class Sockets implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int HANDSHAKES_AT_ONCE = 100;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(30))
		.build();

	private final List<WebSocket> open = new ArrayList<>();

	private final ConcurrentLinkedQueue<Double> latenciesMs = new ConcurrentLinkedQueue<>();

	private final AtomicLong notifications = new AtomicLong();

	private final AtomicLong pendingCounts = new AtomicLong();

	private final AtomicReference<String> closedByServer = new AtomicReference<>();

	/**
	 * Opens {@code count} connections, spread over the tokens in turn, and waits until
	 * each has its {@code pending_count} frame.
	 */
	void open(String wsUrl, List<String> tokens, int count) throws InterruptedException {
		int opened = tryOpen(wsUrl, tokens, count);
		if (opened < count) {
			throw new IllegalStateException((count - opened) + " of " + count + " WebSockets failed to open");
		}
	}

	/**
	 * Opens up to {@code count} connections and answers how many opened and got their
	 * {@code pending_count} frame; the rest failed or timed out.
	 */
	int tryOpen(String wsUrl, List<String> tokens, int count) throws InterruptedException {
		Semaphore handshakes = new Semaphore(HANDSHAKES_AT_ONCE);
		CountDownLatch opened = new CountDownLatch(count);
		List<Throwable> failures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			handshakes.acquire();
			this.http.newWebSocketBuilder()
				.header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
				.connectTimeout(Duration.ofSeconds(30))
				.buildAsync(URI.create(wsUrl), new Listener())
				.whenComplete((socket, failure) -> {
					handshakes.release();
					synchronized (this.open) {
						if (failure != null) {
							failures.add(failure);
						}
						else {
							this.open.add(socket);
						}
					}
					opened.countDown();
				});
		}
		opened.await(3, TimeUnit.MINUTES);
		int open;
		synchronized (this.open) {
			open = this.open.size();
		}
		try {
			awaitAtLeast(this.pendingCounts, open, Duration.ofMinutes(1));
		}
		catch (IllegalStateException ex) {
			return (int) this.pendingCounts.get();
		}
		return open;
	}

	long notifications() {
		return this.notifications.get();
	}

	List<Double> latenciesMs() {
		return new ArrayList<>(this.latenciesMs);
	}

	void awaitNotifications(long count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.notifications.get() < count) {
			String closed = this.closedByServer.get();
			if (closed != null) {
				throw new IllegalStateException("a WebSocket was closed by the server (" + closed + ") after "
						+ this.notifications.get() + " of " + count + " notifications");
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"only " + this.notifications.get() + " of " + count + " notifications arrived in " + timeout);
			}
			Thread.sleep(2);
		}
	}

	private static void awaitAtLeast(AtomicLong counter, long count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (counter.get() < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"only " + counter.get() + " of " + count + " frames arrived in " + timeout);
			}
			Thread.sleep(2);
		}
	}

	@Override
	public void close() {
		for (WebSocket socket : this.open) {
			socket.abort();
		}
		this.http.close();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				Instant arrived = Instant.now();
				received(this.partial.toString(), arrived);
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			Sockets.this.closedByServer.compareAndSet(null, statusCode + " " + reason);
			return null;
		}

		private void received(String text, Instant arrived) {
			JsonNode frame = JSON.readTree(text);
			String type = frame.path("type").asString("");
			if (type.equals("pending_count")) {
				Sockets.this.pendingCounts.incrementAndGet();
			}
			else if (type.equals("notification_message")) {
				Instant created = Instant.parse(frame.path("data").path("created_at").asString());
				Sockets.this.latenciesMs.add(Duration.between(created, arrived).toNanos() / 1e6);
				Sockets.this.notifications.incrementAndGet();
			}
		}

	}

}
