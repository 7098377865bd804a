package dev.atenea.queue;

import java.time.Duration;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerPropertiesTest {

	private static ValidatorFactory factory;

	private static Validator validator;

	@BeforeAll
	static void createValidator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void closeValidator() {
		factory.close();
	}

	@Test
	void theDefaultsAreValid() {
		assertThat(validator.validate(properties(Duration.ofSeconds(60), Duration.ofSeconds(1)))).isEmpty();
	}

	@Test
	void aZeroClaimWaitIsRefusedRatherThanSpinningAnIdleWorker() {
		assertThat(validator.validate(properties(Duration.ofSeconds(60), Duration.ZERO)))
			.extracting((violation) -> violation.getPropertyPath().toString())
			.containsExactly("claimWait");
	}

	@Test
	void aLeaseShorterThanASecondIsRefused() {
		assertThat(validator.validate(properties(Duration.ofMillis(300), Duration.ofSeconds(1))))
			.extracting(ConstraintViolation::getPropertyPath)
			.hasSize(1);
	}

	private static WorkerProperties properties(Duration lease, Duration claimWait) {
		return new WorkerProperties(true, List.of("default"), 4, lease, claimWait, Duration.ofSeconds(30), 5,
				Duration.ofSeconds(5));
	}

}
