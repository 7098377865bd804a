package dev.atenea.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.atenea.user.UserService;
import dev.atenea.user.UserService.InvalidAccountException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code user create}: accounts from the command line.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage accounts.",
		subcommands = UserCommand.Create.class)
class UserCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		System.err.println("Say what to do, e.g. 'user create --username NAME --password PASS'");
		return 2;
	}

	@Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account.")
	static class Create implements Callable<Integer> {

		@Option(names = "--username", required = true, description = "The account's name.")
		String username;

		@Option(names = "--password",
				description = "The password; when left out it is asked for, or read from standard input.")
		String password;

		@Option(names = "--staff", description = "May use the admin pages and see every queue.")
		boolean staff;

		@Override
		public Integer call() throws IOException {
			String secret = (this.password != null) ? this.password : readPassword();
			try (ConfigurableApplicationContext context = startQuietly()) {
				context.getBean(UserService.class).create(this.username, secret, this.staff);
				System.out.println("Created user " + this.username + (this.staff ? " (staff)" : ""));
				return 0;
			}
			catch (InvalidAccountException ex) {
				System.err.println(ex.getMessage());
				return 1;
			}
		}

		private static ConfigurableApplicationContext startQuietly() {
			SpringApplication application = AteneaCommand.newApplication();
			application.setWebApplicationType(WebApplicationType.NONE);
			List<String> args = new ArrayList<>(AteneaCommand.springArguments());
			args.addAll(List.of("--atenea.worker.enabled=false", "--logging.level.root=WARN",
					"--logging.level.dev.atenea=WARN", "--logging.level.org.flywaydb=ERROR",
					"--spring.main.log-startup-info=false"));
			return AteneaCommand.runApplication(application, args);
		}

		private static String readPassword() throws IOException {
			Console console = System.console();
			if (console != null) {
				char[] typed = console.readPassword("Password: ");
				return (typed != null) ? new String(typed) : "";
			}
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			String line = in.readLine();
			return (line != null) ? line : "";
		}

	}

}
