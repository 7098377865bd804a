package dev.atenea.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A program's connection to {@code /ws/notifications/}, with the frames it receives kept
 * in order.
 */
public final class NotificationSocket implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

	private final WebSocket socket;

	private NotificationSocket(String wsUrl, String token) throws Exception {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		this.socket = builder.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create(wsUrl), new Listener())
			.get(10, TimeUnit.SECONDS);
	}

	public static NotificationSocket connect(ApiClient client) throws Exception {
		return new NotificationSocket(client.baseUrl().replaceFirst("^http", "ws") + "/ws/notifications/",
				client.token());
	}

	public void send(Object frame) {
		this.socket.sendText(JSON.writeValueAsString(frame), true).join();
	}

	public void sendRaw(String text) {
		this.socket.sendText(text, true).join();
	}

	/**
	 * The next frame, or an assertion error after {@code timeout}.
	 */
	public JsonNode next(Duration timeout) throws InterruptedException {
		JsonNode frame = this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (frame == null) {
			throw new AssertionError("No frame within " + timeout);
		}
		return frame;
	}

	/**
	 * Skips frames until one matches; fails after {@code timeout}.
	 */
	public JsonNode nextMatching(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode frame = this.frames.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
					TimeUnit.MILLISECONDS);
			if (frame != null && match.test(frame)) {
				return frame;
			}
		}
		throw new AssertionError("No matching frame within " + timeout);
	}

	/**
	 * Every frame received so far and not yet taken.
	 */
	public List<JsonNode> drain() {
		List<JsonNode> all = new ArrayList<>();
		this.frames.drainTo(all);
		return all;
	}

	public boolean isOpen() {
		return !this.socket.isInputClosed();
	}

	@Override
	public void close() {
		this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				NotificationSocket.this.frames.add(JSON.readTree(this.partial.toString()));
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return CompletableFuture.completedFuture(null);
		}

	}

}
