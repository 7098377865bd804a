package dev.atenea.generation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.system.DataDirectoryProperties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderCallsTest {

	@TempDir
	Path dataDir;

	/**
	 * A provider that fails the way the HTTP adapters do when their thread is
	 * interrupted.
	 */
	private final GenerationProvider interruptible = new GenerationProvider() {

		@Override
		public ProviderDescriptor descriptor() {
			return new ProviderDescriptor("stub", MediaKind.IMAGE, List.of("stub-1"), List.of(5), List.of("1:1"), 0,
					List.of(), Map.of());
		}

		@Override
		public ProviderOutcome generate(GenerationRequest request) {
			throw ProviderException.retryable("Interrupted while calling stub", new InterruptedException());
		}

	};

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@Test
	void aCallCutShortByTheWorkersShutdownIsNoFailedAttempt() {
		ProviderCalls calls = new ProviderCalls(new DataDirectoryProperties(this.dataDir));

		assertThatThrownBy(() -> calls.call(this.interruptible, () -> {
			Thread.currentThread().interrupt();
			return this.interruptible.generate(null);
		})).isInstanceOf(CancellationException.class).hasMessageContaining("shutdown");
	}

	@Test
	void theSameFailureWithoutAnInterruptIsARetryableFailure() {
		ProviderCalls calls = new ProviderCalls(new DataDirectoryProperties(this.dataDir));

		ProviderCalls.Result result = calls.call(this.interruptible, () -> this.interruptible.generate(null));

		assertThat(result.outcome()).isInstanceOfSatisfying(ProviderOutcome.Failed.class,
				(failed) -> assertThat(failed.retryable()).isTrue());
	}

	@Test
	void twoDeliveriesOfTheSameAttemptWriteDifferentFilesAndLeaveNothingBehind() throws Exception {
		ProviderCalls calls = new ProviderCalls(new DataDirectoryProperties(this.dataDir));
		GenerationTask task = task();
		Item item = item(task);

		GenerationRequest first = calls.requestFor(task, item, 2);
		GenerationRequest second = calls.requestFor(task, item, 2);
		Path firstFile = first.work().file("mp4");
		Path secondFile = second.work().file("mp4");
		Files.writeString(firstFile, "half a video");
		Files.writeString(secondFile, "another half");
		calls.cleanUp(first);

		assertThat(firstFile).isNotEqualTo(secondFile).hasParentRaw(this.dataDir.resolve("work"));
		assertThat(firstFile.getFileName().toString()).startsWith(task.uuid() + "-2-").endsWith(".mp4");
		assertThat(firstFile).doesNotExist();
		assertThat(secondFile).hasContent("another half");
		calls.cleanUp(second);
		try (var left = Files.list(this.dataDir.resolve("work"))) {
			assertThat(left).isEmpty();
		}
	}

	@Test
	void startingDeletesWhatCallsOfADeadProcessLeftAndNothingElse() throws Exception {
		ProviderCalls calls = new ProviderCalls(new DataDirectoryProperties(this.dataDir));
		Path work = Files.createDirectories(this.dataDir.resolve("work"));
		FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
		Path leftFile = Files.writeString(work.resolve("left-by-a-killed-worker.mp4"), "half");
		Files.setLastModifiedTime(leftFile, twoHoursAgo);
		Path leftDirectory = Files.createDirectories(work.resolve("an-older-versions-call"));
		Files.setLastModifiedTime(Files.writeString(leftDirectory.resolve("image.png"), "half"), twoHoursAgo);
		Files.setLastModifiedTime(leftDirectory, twoHoursAgo);
		Path running = Files.writeString(work.resolve("a-call-still-running.mp4"), "being written");

		calls.deleteStaleWorkFiles();

		assertThat(leftFile).doesNotExist();
		assertThat(leftDirectory).doesNotExist();
		assertThat(running).hasContent("being written");
	}

	private static GenerationTask task() {
		Instant now = Instant.now();
		return new GenerationTask(1, UUID.randomUUID(), "message-1", 7, TaskType.VIDEO, "video_generation", 5,
				UUID.randomUUID(), "stub", TaskStatus.PROCESSING, 2, 3, null, null, null, 0, null, 0, now, now, null,
				now);
	}

	private static Item item(GenerationTask task) {
		Instant now = Instant.now();
		return new Item(1, task.itemUuid(), task.userId(), MediaKind.VIDEO, "A boat", "A paper boat", "stub", "stub-1",
				Map.of(), ItemStatus.PROCESSING, null, null, null, null, now, now);
	}

}
