package dev.atenea.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One Atenea process started from {@code target/atenea.jar} ({@code serve --with-worker})
 * with the benchmark's {@code noop} provider turned on: on PostgreSQL (schema
 * {@value #SCHEMA}) and the benchmark's Redis, or on the embedded default (H2 and the
 * in-process broker) in a fresh data directory.
 */
final class AteneaNode implements AutoCloseable {

	/**
	 * {@code atenea_bench}, or under the test suite's namespace when one is set, so two
	 * checkouts can run the smoke test side by side.
	 */
	static final String SCHEMA = System.getProperty("atenea.it.namespace", "atenea") + "_bench";

	static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	/** Heap of the web node; the capacity target is 10,000 sockets within 512 MB. */
	static final String HEAP = "-Xmx512m";

	/**
	 * The JVM options the README recommends for a web node: without the second, each of
	 * G1's marking cycles ends in a Remark pause of 11 to 14 ms spent unloading classes,
	 * and that pause is the POST p99.
	 */
	static final List<String> JVM_OPTIONS = List.of(HEAP, "-XX:-ClassUnloadingWithConcurrentMark");

	private final Process process;

	private final Path log;

	private final int port;

	private final String jdbcUrl;

	private final String jdbcUser;

	private AteneaNode(Process process, Path log, int port, String jdbcUrl, String jdbcUser) {
		this.process = process;
		this.log = log;
		this.port = port;
		this.jdbcUrl = jdbcUrl;
		this.jdbcUser = jdbcUser;
	}

	static AteneaNode onPostgresAndRedis(Path work, String redisUrl) {
		dropSchema();
		String url = POSTGRES_URL + "?currentSchema=" + SCHEMA;
		return start(work.resolve("node-postgres"),
				Map.of("REDIS_URL", redisUrl, "DATABASE_URL", url + "&user=postgres"),
				List.of("-Dspring.flyway.default-schema=" + SCHEMA, "-Datenea.redis.key-prefix=" + SCHEMA), url,
				"postgres");
	}

	static AteneaNode embedded(Path work) {
		Path data = work.resolve("node-embedded-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
		String url = "jdbc:h2:file:" + data + "/db/atenea;AUTO_SERVER=TRUE;WRITE_DELAY=0;MODE=PostgreSQL;"
				+ "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
		return start(data, Map.of("ATENEA_DATA_DIR", data.toString()), List.of(), url, "sa");
	}

	private static AteneaNode start(Path data, Map<String, String> environment, List<String> properties, String jdbcUrl,
			String jdbcUser) {
		int port = freePort();
		List<String> command = new ArrayList<>(Machine.javaCommand());
		command.addAll(JVM_OPTIONS);
		String extra = System.getenv("BENCH_NODE_OPTS");
		if (extra != null && !extra.isBlank()) {
			command.addAll(List.of(extra.strip().split("\\s+")));
		}
		command.add("-Datenea.provider.noop.enabled=true");
		command.add("-Datenea.data-dir=" + data.toAbsolutePath());
		command.addAll(properties);
		command.addAll(List.of("-jar", Path.of("target", "atenea.jar").toAbsolutePath().toString(), "serve", "--port",
				Integer.toString(port), "--with-worker"));
		try {
			Files.createDirectories(data);
			Path log = data.resolve("atenea.log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().remove("REDIS_URL");
			builder.environment().remove("DATABASE_URL");
			builder.environment().putAll(environment);
			AteneaNode node = new AteneaNode(builder.start(), log, port, jdbcUrl, jdbcUser);
			node.awaitStarted();
			return node;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitStarted() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (System.nanoTime() < deadline) {
			String text = logText();
			if (text.contains("Started AteneaApplication")) {
				return;
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Atenea exited while starting:\n" + tail(text));
			}
			sleep(200);
		}
		throw new IllegalStateException("Atenea did not start within 180 s:\n" + tail(logText()));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	String wsUrl() {
		return "ws://127.0.0.1:" + this.port + "/ws/notifications/";
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Creates users straight in the database with a bearer token each, as {@code user
	 * create} plus a sign-in would, without a password check per user.
	 * @return their tokens
	 */
	List<String> createUsers(int count) {
		List<String> tokens = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(this.jdbcUrl, this.jdbcUser, "")) {
			connection.setAutoCommit(false);
			for (int i = 0; i < count; i++) {
				tokens.add(createUser(connection, "bench-" + UUID.randomUUID().toString().substring(0, 13)));
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create benchmark users", ex);
		}
		return tokens;
	}

	private static String createUser(Connection connection, String username) throws SQLException {
		long id;
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO users (username, password_hash, is_staff, is_active, created_at)"
						+ " VALUES (?, '{bench}no-password-sign-in', FALSE, TRUE, CURRENT_TIMESTAMP)",
				Statement.RETURN_GENERATED_KEYS)) {
			insert.setString(1, username);
			insert.executeUpdate();
			try (ResultSet keys = insert.getGeneratedKeys()) {
				keys.next();
				id = keys.getLong(1);
			}
		}
		String token = UUID.randomUUID() + "-" + UUID.randomUUID();
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO api_tokens (token_digest, user_id, created_at, expires_at)"
					+ " VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '1' DAY)")) {
			insert.setString(1, sha256(token));
			insert.setLong(2, id);
			insert.executeUpdate();
		}
		return token;
	}

	/**
	 * Resident memory of the process, in MB.
	 */
	double rssMegabytes() {
		try {
			return Files.readString(Path.of("/proc/" + pid() + "/status"))
				.lines()
				.filter((line) -> line.startsWith("VmRSS:"))
				.map((line) -> Long.parseLong(line.replaceAll("\\D", "")) / 1024.0)
				.findFirst()
				.orElse(Double.NaN);
		}
		catch (IOException ex) {
			return Double.NaN;
		}
	}

	/**
	 * Heap in use after a full collection, in MB, as {@code jcmd GC.heap_info} reports
	 * it.
	 */
	double heapUsedAfterGcMegabytes() {
		jcmd("GC.run");
		String info = jcmd("GC.heap_info");
		for (String line : info.lines().toList()) {
			var match = java.util.regex.Pattern.compile("used (\\d+)K").matcher(line);
			if (match.find()) {
				return Long.parseLong(match.group(1)) / 1024.0;
			}
		}
		return Double.NaN;
	}

	/**
	 * Seconds the node's JIT compilers have spent compiling since it started, from the
	 * HotSpot counters {@code jstat -compiler} reads ({@code jcmd PerfCounter.print}).
	 */
	double compilationSeconds() {
		Map<String, Long> counters = new HashMap<>();
		for (String line : jcmd("PerfCounter.print").lines().toList()) {
			String[] pair = line.split("=", 2);
			if (pair.length == 2 && pair[1].matches("\\d+")) {
				counters.put(pair[0], Long.parseLong(pair[1]));
			}
		}
		Long ticks = counters.get("java.ci.totalTime");
		Long frequency = counters.get("sun.os.hrt.frequency");
		return (ticks != null && frequency != null && frequency > 0) ? (double) ticks / frequency : Double.NaN;
	}

	private String jcmd(String command) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command)
				.redirectErrorStream(true)
				.start();
			String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(60, TimeUnit.SECONDS);
			return text;
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	String logText() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		if (this.jdbcUrl.startsWith(POSTGRES_URL)) {
			dropSchema();
		}
	}

	static void dropSchema() {
		try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "")) {
			connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 (database test) is needed", ex);
		}
	}

	private static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String tail(String text) {
		List<String> lines = text.lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
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
