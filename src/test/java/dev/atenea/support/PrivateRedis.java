package dev.atenea.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import static org.awaitility.Awaitility.await;

/**
 * A redis-server of the test's own on a free loopback port, which the test may flush,
 * stop and start again without touching the machine's shared Redis.
 */
public final class PrivateRedis implements AutoCloseable {

	private final int port;

	private final Path directory;

	private Process process;

	public PrivateRedis(Path directory) {
		this.port = freePort();
		this.directory = directory;
		start();
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port + "/0";
	}

	public void start() {
		try {
			Files.createDirectories(this.directory);
			this.process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()))
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("redis-server must be on the PATH", ex);
		}
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> "PONG".equals(command("PING")));
	}

	/**
	 * Stops the server at once, losing everything it held (it keeps nothing on disk).
	 */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/**
	 * Freezes the server for a while ({@code SIGSTOP}, then {@code SIGCONT}), as a stall
	 * of the machine would: connections stay open and commands wait.
	 */
	public void freeze(Duration duration) throws IOException, InterruptedException {
		signal("-STOP");
		try {
			Thread.sleep(duration);
		}
		finally {
			signal("-CONT");
		}
	}

	private void signal(String signal) throws IOException, InterruptedException {
		int exit = new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).inheritIO().start().waitFor();
		if (exit != 0) {
			throw new IllegalStateException("kill " + signal + " exited with " + exit);
		}
	}

	public void flushAll() {
		command("FLUSHALL");
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			kill();
		}
	}

	private String command(String name) {
		RedisClient client = RedisClient.create(url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return name.equals("PING") ? connection.sync().ping() : connection.sync().flushall();
		}
		finally {
			client.shutdown();
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
