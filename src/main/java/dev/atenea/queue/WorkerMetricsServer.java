package dev.atenea.queue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Serves a worker process's metrics to Prometheus at {@code /metrics}, and
 * {@code /health} for a liveness probe, when a metrics port is set.
 *
 * <p>
 * The task counters and durations are counted where a task changes state, which is in the
 * worker, yet a worker process has no web server, and Spring Boot's actuator endpoints
 * need one. Starting the web tier for one endpoint would also start the API, so this uses
 * the JDK's own HTTP server on its single dispatcher thread, which is ample for a scrape
 * every few seconds.
 */
public class WorkerMetricsServer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WorkerMetricsServer.class);

	private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

	private final PrometheusMeterRegistry registry;

	private final Worker worker;

	private final InetSocketAddress address;

	private HttpServer server;

	public WorkerMetricsServer(PrometheusMeterRegistry registry, Worker worker, InetSocketAddress address) {
		this.registry = registry;
		this.worker = worker;
		this.address = address;
	}

	@Override
	public void start() {
		try {
			this.server = HttpServer.create(this.address, 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not serve worker metrics on " + this.address, ex);
		}
		this.server.createContext("/metrics",
				(exchange) -> answer(exchange, 200, PROMETHEUS_TEXT, this.registry.scrape()));
		this.server.createContext("/health", (exchange) -> {
			boolean up = this.worker.isRunning();
			answer(exchange, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
		});
		this.server.start();
		logger.info("Worker metrics on http://{}:{}/metrics", this.address.getHostString(),
				this.server.getAddress().getPort());
	}

	@Override
	public void stop() {
		this.server.stop(0);
		this.server = null;
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		try (exchange) {
			if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().set("Allow", "GET, HEAD");
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", contentType);
			boolean head = "HEAD".equals(exchange.getRequestMethod());
			exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
			if (!head) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			}
		}
	}

}
