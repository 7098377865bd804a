package dev.atenea.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One Atenea process started from the built jar ({@code target/atenea.jar}), as an
 * operator would start it, with its output in a log file.
 */
public final class AteneaProcess implements AutoCloseable {

	private static final Path JAR = Path.of("target", "atenea.jar").toAbsolutePath();

	private final String name;

	private final Process process;

	private final Path log;

	private final int port;

	private AteneaProcess(String name, Process process, Path log, int port) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts {@code serve} on a free port and waits until it answers.
	 */
	public static AteneaProcess serve(String name, Map<String, String> environment, Map<String, String> properties,
			Path logs) {
		int port = freePort();
		AteneaProcess serve = start(name, environment, properties, logs, port, "serve", "--port",
				Integer.toString(port));
		serve.awaitLog("Started AteneaApplication", Duration.ofSeconds(90));
		return serve;
	}

	/**
	 * Starts {@code worker} and waits until it takes messages.
	 */
	public static AteneaProcess worker(String name, Map<String, String> environment, Map<String, String> properties,
			Path logs, String... arguments) {
		List<String> args = new ArrayList<>(List.of("worker"));
		args.addAll(List.of(arguments));
		AteneaProcess worker = start(name, environment, properties, logs, -1, args.toArray(String[]::new));
		worker.awaitLog("Worker .* started", Duration.ofSeconds(90));
		return worker;
	}

	/**
	 * Runs a command to its end and answers its exit code.
	 */
	public static int run(String name, Map<String, String> environment, Map<String, String> properties, Path logs,
			String... arguments) throws InterruptedException {
		AteneaProcess process = start(name, environment, properties, logs, -1, arguments);
		if (!process.process.waitFor(90, TimeUnit.SECONDS)) {
			process.process.destroyForcibly();
			throw new AssertionError(name + " did not finish");
		}
		return process.process.exitValue();
	}

	private static AteneaProcess start(String name, Map<String, String> environment, Map<String, String> properties,
			Path logs, int port, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx384m");
		command.add("-XX:TieredStopAtLevel=1");
		properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
		command.add("-jar");
		command.add(JAR.toString());
		command.addAll(List.of(arguments));
		try {
			Files.createDirectories(logs);
			Path log = logs.resolve(name + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			return new AteneaProcess(name, builder.start(), log, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Kills the process without warning, as a crash or an OOM killer would.
	 */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/**
	 * Sends SIGTERM and waits for the process to stop by itself.
	 * @return its exit code
	 */
	public int terminate(Duration timeout) throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError(this.name + " did not stop within " + timeout);
		}
		return this.process.exitValue();
	}

	public String logText() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * How many lines of the log match the pattern.
	 */
	public long countLogLines(String regex) {
		return logText().lines().filter((line) -> line.matches(".*" + regex + ".*")).count();
	}

	public void awaitLog(String regex, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
			if (!this.process.isAlive() && countLogLines(regex) == 0) {
				throw new AssertionError(this.name + " exited:\n" + tail());
			}
			return countLogLines(regex) > 0;
		});
	}

	public int httpStatus(String path) {
		try {
			HttpResponse<Void> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
						HttpResponse.BodyHandlers.discarding());
			return response.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private String tail() {
		List<String> lines = logText().lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
