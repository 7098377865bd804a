package dev.atenea.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.atenea.queue.Queues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code worker}: a process that runs messages from the queues it is told to serve, with
 * the flags of the Celery command it replaces.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
		description = "Run a worker: take messages from the given queues and run them.")
class WorkerCommand implements Callable<Integer> {

	@Option(names = { "-Q", "--queues" }, split = ",", description = "Queues to serve, comma-separated (default: all).")
	List<String> queues = List.of();

	@Option(names = { "-c", "--concurrency" }, description = "Messages run at once (default: 4).")
	Integer concurrency;

	@Option(names = { "-l", "--loglevel" }, description = "DEBUG, INFO, WARNING, ERROR or CRITICAL (default: INFO).")
	String loglevel = "INFO";

	@Option(names = "--metrics-port",
			description = "Serve Prometheus metrics at /metrics and a liveness check at /health on this port.")
	Integer metricsPort;

	@Option(names = "--metrics-address",
			description = "Address the metrics port listens on (default: 127.0.0.1; 0.0.0.0 for every interface).")
	String metricsAddress;

	@Override
	public Integer call() {
		String flag = "--atenea.redis.url=";
		boolean flagged = AteneaCommand.springArguments()
			.stream()
			.anyMatch((arg) -> arg.startsWith(flag) && !isBlank(arg.substring(flag.length())));
		if (isBlank(System.getenv("REDIS_URL")) && isBlank(System.getProperty("atenea.redis.url")) && !flagged) {
			System.err.println("A worker process needs REDIS_URL: without Redis the queues live inside one process."
					+ " Run 'serve --with-worker' (or no command) instead.");
			return 2;
		}
		List<String> unknown = this.queues.stream().filter((queue) -> !Queues.ALL.contains(queue)).toList();
		if (!unknown.isEmpty()) {
			System.err.println("Unknown queues " + unknown + "; the queues are " + Queues.ALL);
			return 2;
		}
		if (this.concurrency != null && (this.concurrency < 1 || this.concurrency > 1000)) {
			System.err.println("--concurrency must be between 1 and 1000");
			return 2;
		}
		if (this.metricsPort != null && (this.metricsPort < 0 || this.metricsPort > 65535)) {
			System.err.println("--metrics-port must be between 0 and 65535");
			return 2;
		}
		if (this.metricsAddress != null && this.metricsPort == null) {
			System.err.println("--metrics-address needs --metrics-port");
			return 2;
		}
		String level = springLevel(this.loglevel);
		if (level == null) {
			System.err.println("--loglevel must be DEBUG, INFO, WARNING, ERROR or CRITICAL");
			return 2;
		}
		AteneaCommand.start(properties(level));
		return AteneaCommand.KEEP_RUNNING;
	}

	private List<String> properties(String level) {
		List<String> properties = new ArrayList<>();
		properties.add("spring.main.web-application-type=none");
		properties.add("spring.main.keep-alive=true");
		properties.add("atenea.worker.enabled=true");
		if (!this.queues.isEmpty()) {
			properties.add("atenea.worker.queues=" + String.join(",", this.queues));
		}
		if (this.concurrency != null) {
			properties.add("atenea.worker.concurrency=" + this.concurrency);
		}
		if (this.metricsPort != null) {
			properties.add("atenea.worker.metrics-port=" + this.metricsPort);
		}
		if (this.metricsAddress != null) {
			properties.add("atenea.worker.metrics-address=" + this.metricsAddress);
		}
		properties.add("logging.level.dev.atenea=" + level);
		return properties;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static String springLevel(String celeryLevel) {
		return switch (celeryLevel.toUpperCase()) {
			case "DEBUG" -> "DEBUG";
			case "INFO" -> "INFO";
			case "WARNING", "WARN" -> "WARN";
			case "ERROR", "CRITICAL", "FATAL" -> "ERROR";
			default -> null;
		};
	}

}
