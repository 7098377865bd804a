package dev.atenea.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * What the figures were measured on: printed above every run, since they mean little
 * without it.
 */
final class Machine {

	private Machine() {
	}

	static void print(PrintStream out, String redisUrl, Peers peers) {
		out.println("== Machine ==");
		out.println("cores:      " + Runtime.getRuntime().availableProcessors() + " (" + cpuModel() + ")");
		out.println("memory:     " + memory());
		out.println("JDK:        " + System.getProperty("java.vm.vendor") + " "
				+ System.getProperty("java.runtime.version") + " (" + System.getProperty("java.home") + ")");
		out.println("Redis:      " + redisVersion(redisUrl) + " (a private redis-server on loopback for this run)");
		out.println("PostgreSQL: " + postgresVersion());
		out.println("Celery:     " + orMissing(peers.celeryVersion()) + " (prefork, Debian python3-celery)");
		out.println("BullMQ:     " + orMissing(peers.bullmqVersion()));
		out.println("load:       " + loadAverage() + " (other processes share these cores: compare columns, not runs)");
		out.flush();
	}

	private static String cpuModel() {
		return read("/proc/cpuinfo").lines()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).strip())
			.findFirst()
			.orElse("unknown CPU");
	}

	private static String memory() {
		return read("/proc/meminfo").lines()
			.filter((line) -> line.startsWith("MemTotal"))
			.map((line) -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MB")
			.findFirst()
			.orElse("unknown");
	}

	private static String loadAverage() {
		String[] parts = read("/proc/loadavg").split(" ");
		return (parts.length >= 3) ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
	}

	private static String redisVersion(String url) {
		RedisClient client = RedisClient.create(url);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync()
				.info("server")
				.lines()
				.filter((line) -> line.startsWith("redis_version:"))
				.map((line) -> line.substring("redis_version:".length()).strip())
				.findFirst()
				.orElse("unknown");
		}
		finally {
			client.shutdown();
		}
	}

	static String postgresVersion() {
		try (Connection connection = DriverManager.getConnection(AteneaNode.POSTGRES_URL, "postgres", "");
				ResultSet row = connection.createStatement().executeQuery("SHOW server_version")) {
			row.next();
			return row.getString(1);
		}
		catch (SQLException ex) {
			return "not reachable (" + ex.getMessage() + ")";
		}
	}

	private static String orMissing(String version) {
		return (version != null) ? version : "not installed: its columns stay empty";
	}

	private static String read(String file) {
		try {
			return Files.readString(Path.of(file));
		}
		catch (IOException ex) {
			return "";
		}
	}

	static List<String> javaCommand() {
		return List.of(ProcessHandle.current().info().command().orElse("java"));
	}

}
