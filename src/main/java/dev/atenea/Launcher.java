package dev.atenea;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The jar's entry point, compiled for Java 17 so it can start on an older default
 * {@code java}: on Java 21 or newer it runs {@link AteneaApplication} in this JVM;
 * otherwise it looks for a Java 21+ installation ({@code JAVA_HOME}, then
 * {@code /usr/lib/jvm}) and runs the same command line there, passing signals and the
 * exit code through. Many machines keep an old default Java beside a newer one, and
 * {@code java -jar target/atenea.jar} should work on them as written.
 */
public final class Launcher {

	private static final int REQUIRED_JAVA = 21;

	private static final String APPLICATION = "dev.atenea.AteneaApplication";

	/**
	 * System property naming the launcher process that started this JVM; set only when
	 * this JVM is the re-executed one.
	 */
	public static final String LAUNCHER_PID = "atenea.launcher.pid";

	private Launcher() {
	}

	public static void main(String[] args) throws Throwable {
		if (Runtime.version().feature() >= REQUIRED_JAVA) {
			runHere(args);
			return;
		}
		Optional<Path> java = findJava();
		if (java.isEmpty()) {
			System.err.println("Atenea needs Java " + REQUIRED_JAVA + " or newer; this is Java "
					+ Runtime.version().feature() + " and no newer one was found in JAVA_HOME or /usr/lib/jvm.");
			System.exit(1);
		}
		System.err
			.println("Java " + Runtime.version().feature() + " is too old for Atenea; running it with " + java.get());
		System.exit(runWith(java.get(), args));
	}

	private static void runHere(String[] args) throws Throwable {
		dieWithLauncher();
		try {
			Class.forName(APPLICATION).getMethod("main", String[].class).invoke(null, (Object) args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * A launcher killed with {@code SIGKILL} cannot pass the signal on, so the JVM it
	 * started watches it and goes down the same way: the process an operator killed must
	 * not live on as an orphan that keeps taking work.
	 */
	private static void dieWithLauncher() {
		String launcher = System.getProperty(LAUNCHER_PID);
		if (launcher == null) {
			return;
		}
		ProcessHandle.of(Long.parseLong(launcher))
			.ifPresentOrElse((handle) -> handle.onExit().thenRun(() -> Runtime.getRuntime().halt(137)),
					() -> Runtime.getRuntime().halt(137));
	}

	private static int runWith(Path java, String[] args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
		command.add("-D" + LAUNCHER_PID + "=" + ProcessHandle.current().pid());
		command.add("-jar");
		command.add(System.getProperty("java.class.path"));
		command.addAll(Arrays.asList(args));
		Process process = new ProcessBuilder(command).inheritIO().start();
		// A TERM or INT to this process reaches the real one, which shuts down warmly.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			process.destroy();
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		return process.waitFor();
	}

	private static Optional<Path> findJava() throws IOException {
		List<Path> homes = new ArrayList<>();
		String javaHome = System.getenv("JAVA_HOME");
		if (javaHome != null && !javaHome.isBlank()) {
			homes.add(Path.of(javaHome));
		}
		Path jvms = Path.of("/usr/lib/jvm");
		if (Files.isDirectory(jvms)) {
			try (Stream<Path> installed = Files.list(jvms)) {
				installed.sorted(Comparator.reverseOrder()).forEach(homes::add);
			}
		}
		return homes.stream()
			.map((home) -> home.resolve("bin").resolve("java"))
			.filter(Files::isExecutable)
			.filter((java) -> featureVersion(java) >= REQUIRED_JAVA)
			.findFirst();
	}

	private static int featureVersion(Path java) {
		try {
			Process process = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.PIPE)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			process.waitFor();
			for (String line : output.lines().toList()) {
				String trimmed = line.trim();
				if (trimmed.startsWith("java.specification.version = ")) {
					String version = trimmed.substring("java.specification.version = ".length());
					return Integer.parseInt(version.startsWith("1.") ? version.substring(2) : version);
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return 0;
	}

}
