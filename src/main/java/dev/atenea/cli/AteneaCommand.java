package dev.atenea.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line: {@code atenea [serve | worker | user create]}. Each command starts
 * the same Spring application with the properties that make it that kind of process.
 */
@Command(name = "atenea", mixinStandardHelpOptions = true, version = "Atenea 0.1.0",
		description = "Turns prompts into videos, images and narration. With no command: serve with a worker.",
		subcommands = { ServeCommand.class, WorkerCommand.class, UserCommand.class })
public class AteneaCommand implements Callable<Integer> {

	/**
	 * What a command returns when it started a long-running process: the JVM lives on
	 * until the application stops.
	 */
	public static final int KEEP_RUNNING = -1;

	private static Class<?> application;

	/** Spring properties given on the command line, as {@code --name.with.dots=value}. */
	private static List<String> springArguments = List.of();

	/**
	 * Parses the arguments and runs the command.
	 * @return the exit code, or {@link #KEEP_RUNNING}
	 */
	public static int run(Class<?> applicationClass, String[] args) {
		application = applicationClass;
		springArguments = Arrays.stream(args).filter(AteneaCommand::isSpringProperty).toList();
		CommandLine commandLine = new CommandLine(new AteneaCommand());
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.setExecutionExceptionHandler(AteneaCommand::failed);
		return commandLine.execute(Arrays.stream(args).filter((arg) -> !isSpringProperty(arg)).toArray(String[]::new));
	}

	/**
	 * Whether an argument sets a Spring property rather than a command option: properties
	 * have dotted names ({@code --atenea.worker.lease-time=10s}), options never do, so a
	 * mistyped option is still refused.
	 */
	static boolean isSpringProperty(String arg) {
		int equals = arg.indexOf('=');
		return arg.startsWith("--") && equals > 2 && arg.substring(2, equals).contains(".");
	}

	@Override
	public Integer call() {
		return new ServeCommand().serveWithWorker();
	}

	/**
	 * Starts the application with Spring properties given as command-line arguments, so
	 * they win over environment variables and files, as a flag should.
	 */
	static void start(List<String> properties) {
		List<String> args = new ArrayList<>(springArguments);
		for (String property : properties) {
			args.add("--" + property);
		}
		runApplication(newApplication(), args);
	}

	/**
	 * Runs the application; a failure to start comes out as {@link StartFailed}, which
	 * Spring has already reported.
	 */
	static ConfigurableApplicationContext runApplication(SpringApplication application, List<String> args) {
		try {
			return application.run(args.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			throw new StartFailed(ex);
		}
	}

	/**
	 * A start that failed was reported by Spring (a short report for a bad setting, the
	 * stack trace otherwise): one line here rather than the stack trace again. Anything
	 * else is picocli's usual report.
	 */
	private static int failed(Exception ex, CommandLine commandLine, ParseResult parseResult) throws Exception {
		if (!(ex instanceof StartFailed)) {
			throw ex;
		}
		Throwable cause = ex.getCause();
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		commandLine.getErr().println("Atenea did not start: " + cause.getMessage());
		return 1;
	}

	private static final class StartFailed extends RuntimeException {

		StartFailed(RuntimeException cause) {
			super(cause);
		}

	}

	/**
	 * The Spring properties given on the command line, for commands that start the
	 * application their own way.
	 */
	static List<String> springArguments() {
		return springArguments;
	}

	static SpringApplication newApplication() {
		return new SpringApplication(application);
	}

}
