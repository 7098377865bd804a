package dev.atenea.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AteneaCommandTest {

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
