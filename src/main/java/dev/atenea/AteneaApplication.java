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

	/**
	 * Tomcat gives every open WebSocket an output buffer of this many bytes, and a
	 * character buffer as large, whether the socket is busy or idle. Atenea's frames are
	 * small (larger ones are sent in pieces), so a smaller buffer lets one node hold tens
	 * of thousands of idle sockets. Read once, when Tomcat's WebSocket classes load.
	 */
	private static final String WEBSOCKET_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	public static void main(String[] args) {
		if (System.getProperty(WEBSOCKET_BUFFER_SIZE) == null) {
			System.setProperty(WEBSOCKET_BUFFER_SIZE, "2048");
		}
		int exitCode = AteneaCommand.run(AteneaApplication.class, args);
		if (exitCode != AteneaCommand.KEEP_RUNNING) {
			System.exit(exitCode);
		}
	}

}
