package dev.atenea.cli;

import dev.atenea.AteneaApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AteneaCommandTest {

	@Test
	void aBadSettingGivenAsAFlagStopsTheStartWithAShortReport(CapturedOutput output) {
		int exit = AteneaCommand.run(AteneaApplication.class,
				new String[] { "worker", "--atenea.redis.url=redis-sentinel://:secret@127.0.0.1:26379#main" });

		assertThat(exit).isEqualTo(1);
		assertThat(output.getErr()).contains("Atenea did not start: REDIS_URL (atenea.redis.url) must be redis://");
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.doesNotContain("secret")
			.doesNotContain("\tat ");
	}

	@Test
	void dottedNamesWithAValueAreSpringProperties() {
		assertThat(AteneaCommand.isSpringProperty("--atenea.worker.lease-time=10s")).isTrue();
		assertThat(AteneaCommand.isSpringProperty("--spring.flyway.default-schema=other")).isTrue();
	}

	@Test
	void optionsAndTyposStayWithTheCommandLineParser() {
		assertThat(AteneaCommand.isSpringProperty("--concurrency=4")).isFalse();
		assertThat(AteneaCommand.isSpringProperty("--concurency=4")).isFalse();
		assertThat(AteneaCommand.isSpringProperty("--with-worker")).isFalse();
		assertThat(AteneaCommand.isSpringProperty("-Q")).isFalse();
		assertThat(AteneaCommand.isSpringProperty("--a.b")).isFalse();
		assertThat(AteneaCommand.isSpringProperty("video.generation=1")).isFalse();
	}

}
