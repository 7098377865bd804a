package dev.atenea.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Celery and BullMQ drivers of {@code bench/celery} and {@code bench/bullmq}
 * against the benchmark's Redis, and reads the figures they print as
 * {@code RESULT <name> <value>}.
 */
final class Peers {

	/** Debian's python, where {@code python3-celery} installs; not a pyenv shim. */
	static final String PYTHON = System.getenv().getOrDefault("BENCH_PYTHON", "/usr/bin/python3");

	private static final long TIMEOUT_MINUTES = 20;

	private final Path bench;

	private final String redisUrl;

	private final boolean enabled;

	Peers(Path bench, String redisUrl, boolean enabled) {
		this.bench = bench;
		this.redisUrl = redisUrl;
		this.enabled = enabled;
	}

	boolean celeryAvailable() {
		return this.enabled
				&& version(List.of(PYTHON, "-c", "import celery, redis; print(celery.__version__)")) != null;
	}

	boolean bullmqAvailable() {
		return this.enabled && Files.isDirectory(this.bench.resolve("bullmq/node_modules/bullmq"));
	}

	Map<String, Double> celery(String mode, String... options) {
		if (!celeryAvailable()) {
			return Map.of();
		}
		List<String> command = new ArrayList<>(List.of(PYTHON, "bench.py", mode, "--redis=" + this.redisUrl));
		command.addAll(List.of(options));
		return run(this.bench.resolve("celery"), command);
	}

	Map<String, Double> bullmq(String mode, String... options) {
		if (!bullmqAvailable()) {
			return Map.of();
		}
		List<String> command = new ArrayList<>(List.of("node", "bench.js", mode, "--redis=" + this.redisUrl));
		command.addAll(List.of(options));
		return run(this.bench.resolve("bullmq"), command);
	}

	String celeryVersion() {
		return this.enabled ? version(List.of(PYTHON, "-c", "import celery; print(celery.__version__)")) : null;
	}

	String bullmqVersion() {
		return bullmqAvailable()
				? version(List.of("node", "-p", "require('" + this.bench.resolve("bullmq")
						+ "/node_modules/bullmq/package.json').version + ' (Node ' + process.versions.node + ')'"))
				: null;
	}

	private static Map<String, Double> run(Path directory, List<String> command) {
		Map<String, Double> results = new HashMap<>();
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			List<String> output = new ArrayList<>();
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					output.add(line);
					String[] parts = line.split(" ");
					if (parts.length == 3 && parts[0].equals("RESULT")) {
						results.put(parts[1], Double.parseDouble(parts[2]));
					}
				}
			}
			if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " failed:\n" + String.join("\n", output));
			}
			return results;
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The first line a command prints, or null when it fails.
	 */
	static String version(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			return (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0)
					? output.lines().findFirst().orElse("") : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
