package dev.atenea.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the web server, API and WebSocket endpoint.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = "Run the web server, API and WebSocket endpoint.")
class ServeCommand implements Callable<Integer> {

	@Option(names = "--port", description = "HTTP port (default: $PORT, else 8000).")
	Integer port;

	@Option(names = "--with-worker", description = "Also run a worker serving every queue in this process.")
	boolean withWorker;

	@Override
	public Integer call() {
		if (this.port != null && (this.port < 1 || this.port > 65535)) {
			System.err.println("--port must be between 1 and 65535");
			return 2;
		}
		List<String> properties = new ArrayList<>();
		properties.add("atenea.worker.enabled=" + this.withWorker);
		if (this.port != null) {
			properties.add("server.port=" + this.port);
		}
		AteneaCommand.start(properties);
		return AteneaCommand.KEEP_RUNNING;
	}

	int serveWithWorker() {
		this.withWorker = true;
		return call();
	}

}
