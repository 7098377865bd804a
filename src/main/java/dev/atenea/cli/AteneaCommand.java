package dev.atenea.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.springframework.boot.SpringApplication;

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

	/**
	 * Parses the arguments and runs the command.
	 * @return the exit code, or {@link #KEEP_RUNNING}
	 */
	public static int run(Class<?> applicationClass, String[] args) {
		application = applicationClass;
		CommandLine commandLine = new CommandLine(new AteneaCommand());
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		return commandLine.execute(args);
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
		List<String> args = new ArrayList<>();
		for (String property : properties) {
			args.add("--" + property);
		}
		newApplication().run(args.toArray(String[]::new));
	}

	static SpringApplication newApplication() {
		return new SpringApplication(application);
	}

}
