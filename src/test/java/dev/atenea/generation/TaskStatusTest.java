package dev.atenea.generation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskStatusTest {

	@Test
	void aQueuedTaskStartsFailsOrIsCancelledButNeverCompletesWithoutRunning() {
		assertThat(TaskStatus.QUEUED.canMoveTo(TaskStatus.PROCESSING)).isTrue();
		assertThat(TaskStatus.QUEUED.canMoveTo(TaskStatus.CANCELLED)).isTrue();
		assertThat(TaskStatus.QUEUED.canMoveTo(TaskStatus.FAILED)).isTrue();
		assertThat(TaskStatus.QUEUED.canMoveTo(TaskStatus.COMPLETED)).isFalse();
	}

	@Test
	void aProcessingTaskCanFinishOrGoBackToTheQueueForARetry() {
		assertThat(TaskStatus.PROCESSING.canMoveTo(TaskStatus.COMPLETED)).isTrue();
		assertThat(TaskStatus.PROCESSING.canMoveTo(TaskStatus.FAILED)).isTrue();
		assertThat(TaskStatus.PROCESSING.canMoveTo(TaskStatus.QUEUED)).isTrue();
		assertThat(TaskStatus.PROCESSING.canMoveTo(TaskStatus.CANCELLED)).isTrue();
	}

	@Test
	void finishedTasksNeverChangeAgain() {
		for (TaskStatus finished : new TaskStatus[] { TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED }) {
			for (TaskStatus next : TaskStatus.values()) {
				assertThat(finished.canMoveTo(next)).as("%s -> %s", finished, next).isFalse();
			}
			assertThat(finished.isActive()).isFalse();
		}
	}

	@Test
	void onlyQueuedAndProcessingTasksAreActive() {
		assertThat(TaskStatus.QUEUED.isActive()).isTrue();
		assertThat(TaskStatus.PROCESSING.isActive()).isTrue();
	}

	@Test
	void itemsCanBeGeneratedAgainOnceFinished() {
		assertThat(ItemStatus.COMPLETED.canMoveTo(ItemStatus.QUEUED)).isTrue();
		assertThat(ItemStatus.FAILED.canMoveTo(ItemStatus.QUEUED)).isTrue();
		assertThat(ItemStatus.DRAFT.canMoveTo(ItemStatus.COMPLETED)).isFalse();
		assertThat(ItemStatus.DRAFT.canMoveTo(ItemStatus.PROCESSING)).isFalse();
	}

}
