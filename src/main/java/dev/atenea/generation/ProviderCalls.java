package dev.atenea.generation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.WorkFiles;
import dev.atenea.system.DataDirectoryProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Calls a provider for one attempt or poll: names its work files, turns whatever it
 * throws into a {@link ProviderOutcome.Failed}, and tidies up afterwards.
 */
@Component
class ProviderCalls {

	private static final Logger logger = LoggerFactory.getLogger(ProviderCalls.class);

	/**
	 * Older than any call takes: a work file this old was left by a process that died
	 * during the call.
	 */
	static final Duration STALE_AFTER = Duration.ofHours(1);

	private final Path workRoot;

	ProviderCalls(DataDirectoryProperties dataDirectory) {
		this.workRoot = dataDirectory.workDirectory();
	}

	GenerationRequest requestFor(GenerationTask task, Item item, int attempt) throws IOException {
		if (!Files.isDirectory(this.workRoot)) {
			Files.createDirectories(this.workRoot);
		}
		// A name of this call alone, so two deliveries of the same message never share a
		// file.
		String call = task.uuid() + "-" + attempt + "-" + UUID.randomUUID();
		return new GenerationRequest(task.uuid(), item.uuid(), item.kind(), item.prompt(), item.model(), item.params(),
				attempt, new WorkFiles(this.workRoot, call));
	}

	/**
	 * Runs the call and classifies its failure. A {@link ProviderException} carries the
	 * provider adapter's own verdict; anything else is a defect or an outage we cannot
	 * tell apart, so it is retried.
	 */
	Result call(GenerationProvider provider, Supplier<ProviderOutcome> call) {
		MDC.put("provider", provider.name());
		long started = System.nanoTime();
		try {
			return new Result(call.get(), null);
		}
		catch (ProviderException ex) {
			stopIfShuttingDown(provider, ex);
			if (ex.isDeferred()) {
				return new Result(new ProviderOutcome.Deferred(ex.getMessage(), ex.retryAfter()), null);
			}
			return new Result(new ProviderOutcome.Failed(ex.getMessage(), ex.isRetryable(), ex.retryAfter()), ex);
		}
		catch (RuntimeException ex) {
			stopIfShuttingDown(provider, ex);
			return new Result(ProviderOutcome.Failed.transiently(
					"Unexpected error in provider " + provider.name() + " (" + ex.getClass().getSimpleName() + ")"),
					ex);
		}
		finally {
			logger.debug("Provider {} answered in {} ms", provider.name(), (System.nanoTime() - started) / 1_000_000);
		}
	}

	/**
	 * A call that failed because its thread was interrupted was cut short by the worker's
	 * shutdown, which has given the message back for another worker to run: that is no
	 * failed attempt, and recording one would spend a retry (or fail the task on its last
	 * attempt). The exception goes up to the worker instead.
	 */
	private static void stopIfShuttingDown(GenerationProvider provider, RuntimeException failure) {
		if (Thread.currentThread().isInterrupted()) {
			CancellationException stopped = new CancellationException(
					"The call to " + provider.name() + " was interrupted by the worker's shutdown");
			stopped.initCause(failure);
			throw stopped;
		}
	}

	/**
	 * Deletes what processes that died during a call left in the work directory: files
	 * (and directories, which earlier versions made per call) not modified for
	 * {@link #STALE_AFTER}. Run when the process starts, which is when a killed worker's
	 * leftovers are found.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void deleteStaleWorkFiles() {
		if (!Files.isDirectory(this.workRoot)) {
			return;
		}
		FileTime cutOff = FileTime.from(Instant.now().minus(STALE_AFTER));
		int deleted = 0;
		List<Path> entries;
		try (Stream<Path> listed = Files.list(this.workRoot)) {
			entries = listed.toList();
		}
		catch (IOException ex) {
			logger.warn("Could not clear old files from {}: {}", this.workRoot, ex.toString());
			return;
		}
		for (Path entry : entries) {
			try {
				if (Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).compareTo(cutOff) < 0
						&& FileSystemUtils.deleteRecursively(entry)) {
					deleted++;
				}
			}
			catch (IOException ex) {
				// another process sharing the data directory may be clearing it too
				logger.debug("Could not delete {}: {}", entry, ex.toString());
			}
		}
		if (deleted > 0) {
			logger.info("Deleted {} files (or directories) left in {} by calls that did not finish", deleted,
					this.workRoot);
		}
	}

	/**
	 * Deletes what the provider left in the work directory.
	 */
	void cleanUp(GenerationRequest request) {
		if (request != null) {
			request.work().deleteAll();
		}
	}

	/**
	 * What the provider answered, and the exception behind a failure for the log.
	 */
	record Result(ProviderOutcome outcome, Throwable cause) {
	}

}
