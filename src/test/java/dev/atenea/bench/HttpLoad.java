package dev.atenea.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of the pipeline benchmarks: creates items and posts their generate calls,
 * either as fast as {@code concurrency} clients can or at a fixed rate, and keeps each
 * call's latency.
 */
final class HttpLoad implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final String baseUrl;

	HttpLoad(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Creates {@code count} image items of the {@code noop} provider for the token's
	 * user.
	 * @return their uuids
	 */
	List<String> createItems(String token, int count, int concurrency) throws InterruptedException {
		List<String> uuids = new ArrayList<>();
		List<String> bodies = forEachIndex(count, concurrency, (i) -> {
			HttpResponse<String> response = post(token, "/api/images",
					"{\"prompt\":\"benchmark item " + i + "\",\"provider\":\"noop\"}");
			if (response.statusCode() != 201) {
				throw new IllegalStateException("create answered " + response.statusCode() + " " + response.body());
			}
			return response.body();
		});
		for (String body : bodies) {
			uuids.add(JSON.readTree(body).get("uuid").asString());
		}
		return uuids;
	}

	/**
	 * Posts generate for every item from {@code concurrency} clients at once.
	 * @return each call's latency in ms
	 */
	List<Double> generateFlatOut(String token, List<String> items, int concurrency) throws InterruptedException {
		ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
		forEachIndex(items.size(), concurrency, (i) -> {
			latencies.add(generate(token, items.get(i)));
			return null;
		});
		return new ArrayList<>(latencies);
	}

	/**
	 * Posts generate for every item at {@code perSecond}, each call on its own thread
	 * whether or not the earlier ones have answered (an open loop, as real users are).
	 * @return each call's latency in ms
	 */
	List<Double> generatePaced(List<String> tokens, List<String> items, int perSecond) throws InterruptedException {
		ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
		long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
		long start = System.nanoTime();
		try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < items.size(); i++) {
				long due = start + i * interval;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				String token = tokens.get(i % tokens.size());
				String item = items.get(i);
				calls.execute(() -> latencies.add(generate(token, item)));
			}
		}
		return new ArrayList<>(latencies);
	}

	/**
	 * Reads one item {@code count} times from {@code concurrency} clients at once: the
	 * cheapest authenticated call of the API (the bearer token checked, one indexed
	 * {@code SELECT}, nothing written), so the rate is the node's ceiling for any call
	 * with this client on this machine.
	 * @return calls per second
	 */
	double readFlatOut(String token, String item, int count, int concurrency) throws InterruptedException {
		long started = System.nanoTime();
		forEachIndex(count, concurrency, (i) -> {
			HttpResponse<String> response = send(token, "/api/images/" + item, HttpRequest.newBuilder().GET());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("read answered " + response.statusCode() + " " + response.body());
			}
			return null;
		});
		return count / ((System.nanoTime() - started) / 1e9);
	}

	private double generate(String token, String item) {
		long started = System.nanoTime();
		HttpResponse<String> response = post(token, "/api/images/" + item + "/generate", "{}");
		double millis = (System.nanoTime() - started) / 1e6;
		if (response.statusCode() != 200) {
			throw new IllegalStateException("generate answered " + response.statusCode() + " " + response.body());
		}
		return millis;
	}

	private HttpResponse<String> post(String token, String path, String body) {
		return send(token, path,
				HttpRequest.newBuilder()
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> send(String token, String path, HttpRequest.Builder builder) {
		HttpRequest request = builder.uri(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static <T> List<T> forEachIndex(int count, int concurrency, IndexedCall<T> call)
			throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		ConcurrentLinkedQueue<T> results = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < concurrency; c++) {
				clients.execute(() -> {
					int i;
					while ((i = next.getAndIncrement()) < count && failures.isEmpty()) {
						try {
							T result = call.run(i);
							if (result != null) {
								results.add(result);
							}
						}
						catch (RuntimeException ex) {
							failures.add(ex);
						}
					}
				});
			}
		}
		if (!failures.isEmpty()) {
			throw failures.peek();
		}
		return new ArrayList<>(results);
	}

	@Override
	public void close() {
		this.http.close();
	}

	@FunctionalInterface
	private interface IndexedCall<T> {

		T run(int index);

	}

}
