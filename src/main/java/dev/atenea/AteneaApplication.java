package dev.atenea;

import dev.atenea.cli.AteneaCommand;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Atenea's Spring application. {@link #main} reads the command line first: with no
 * arguments it serves the web app with an embedded worker; {@code serve}, {@code worker}
 * and {@code user create} are described by {@code --help}.
 */
@SpringBootApplication
public class AteneaApplication {

	public static void main(String[] args) {
		int exitCode = AteneaCommand.run(AteneaApplication.class, args);
		if (exitCode != AteneaCommand.KEEP_RUNNING) {
			System.exit(exitCode);
		}
	}

}
