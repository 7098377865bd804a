package dev.atenea.provider.local;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks text into a WAV file with the espeak-ng program, when this machine has it.
 *
 * <p>
 * The program is started directly, without a shell. The text reaches it on standard input
 * ({@code --stdin}), read from a file rather than a pipe so that a stuck process can
 * never block the writer; as it is never an argument, a text starting with a dash cannot
 * become an option. Whether espeak-ng is installed is probed once, at first use.
 */
final class EspeakSpeaker {

	private static final Logger logger = LoggerFactory.getLogger(EspeakSpeaker.class);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

	private static final int TIMED_OUT = -1;

	private static final int NOT_STARTED = -2;

	private final String command;

	private final Duration timeout;

	private final Lock probeLock = new ReentrantLock();

	private volatile Boolean available;

	EspeakSpeaker(String command, Duration timeout) {
		this.command = command;
		this.timeout = timeout;
	}

	/**
	 * Speaks the text with the given espeak-ng voice.
	 * @return whether the file now holds the speech; {@code false} when espeak-ng is
	 * missing, failed or timed out, and the caller should fall back
	 */
	boolean speak(String text, String voice, Path file) throws IOException, InterruptedException {
		if (!isAvailable()) {
			return false;
		}
		Path input = file.resolveSibling(file.getFileName() + ".txt");
		try {
			Files.writeString(input, text, StandardCharsets.UTF_8);
			int exitCode = run(input, voice, file);
			if (exitCode == 0 && WaveFile.isWave(file)) {
				return true;
			}
			logger.warn("{} {} for {}; speaking with the tone synthesizer instead", this.command, describe(exitCode),
					file.getFileName());
			return false;
		}
		finally {
			Files.deleteIfExists(input);
		}
	}

	private int run(Path input, String voice, Path file) throws InterruptedException {
		// -b 1 reads the input as UTF-8; an absolute output path never starts with a dash
		ProcessBuilder builder = new ProcessBuilder(this.command, "--stdin", "-b", "1", "-v", voice, "-w",
				file.toAbsolutePath().toString());
		try {
			Process process = builder.redirectInput(input.toFile())
				.redirectOutput(Redirect.DISCARD)
				.redirectError(Redirect.DISCARD)
				.start();
			return awaitExit(process, this.timeout);
		}
		catch (IOException ex) {
			logger.debug("{} could not be started", this.command, ex);
			return NOT_STARTED;
		}
	}

	private String describe(int exitCode) {
		return switch (exitCode) {
			case TIMED_OUT -> "timed out after " + this.timeout;
			case NOT_STARTED -> "could not be started";
			case 0 -> "wrote no WAV";
			default -> "exited with " + exitCode;
		};
	}

	boolean isAvailable() throws InterruptedException {
		Boolean known = this.available;
		return (known != null) ? known : probeOnce();
	}

	private boolean probeOnce() throws InterruptedException {
		this.probeLock.lock();
		try {
			if (this.available == null) {
				this.available = probe();
			}
			return this.available;
		}
		finally {
			this.probeLock.unlock();
		}
	}

	private boolean probe() throws InterruptedException {
		try {
			Process process = new ProcessBuilder(this.command, "--version").redirectOutput(Redirect.DISCARD)
				.redirectError(Redirect.DISCARD)
				.start();
			boolean works = awaitExit(process, PROBE_TIMEOUT) == 0;
			logger.info("{} {}", this.command,
					works ? "speaks local audio" : "does not answer; local audio uses the tone synthesizer");
			return works;
		}
		catch (IOException ex) {
			logger.info("{} is not installed; local audio uses the tone synthesizer", this.command);
			return false;
		}
	}

	/**
	 * Waits for the process and kills it when it takes too long or the wait is
	 * interrupted, so no espeak-ng outlives its request.
	 */
	private static int awaitExit(Process process, Duration timeout) throws InterruptedException {
		try {
			if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return process.exitValue();
			}
			process.destroyForcibly();
			return TIMED_OUT;
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

}
