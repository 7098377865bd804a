package dev.atenea.provider.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.MediaKind;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LocalProviderConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withUserConfiguration(
			LocalProviderConfiguration.class, LocalImageProvider.class, LocalAudioProvider.class,
			LocalVideoProvider.class);

	@Test
	void declaresDefaults() {
		LocalProviderProperties properties = TestProperties.bind(Map.of());

		assertThat(properties.renderDirectory()).isEqualTo(Path.of("data/renders"));
		assertThat(properties.videoFramesPerSecond()).isEqualTo(24);
		assertThat(properties.videoPollInterval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.espeakCommand()).isEqualTo("espeak-ng");
		assertThat(properties.renderThreads()).isEqualTo(2);
		assertThat(properties.renderStaleAfter()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.renderRetention()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void createsOneLocalProviderPerKind() {
		this.contextRunner
			.withPropertyValues("atenea.provider.local.render-directory=build/renders",
					"atenea.provider.local.video-poll-interval=500ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(GenerationProvider.class).values())
					.extracting(GenerationProvider::name, GenerationProvider::kind)
					.containsExactlyInAnyOrder(tuple("local", MediaKind.IMAGE), tuple("local", MediaKind.AUDIO),
							tuple("local", MediaKind.VIDEO));
				assertThat(context.getBean(LocalVideoProvider.class).pollInterval()).isEqualTo(Duration.ofMillis(500));
			});
	}

	@Test
	void rejectsInvalidSettings() {
		this.contextRunner
			.withPropertyValues("atenea.provider.local.render-threads=0", "atenea.provider.local.render-stale-after=1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("renderThreads")
				.hasMessageContaining("renderStaleAfter"));
	}

}
