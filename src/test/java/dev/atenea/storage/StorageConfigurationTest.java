package dev.atenea.storage;

import java.nio.file.Path;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.atenea.system.DataDirectoryProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class StorageConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(DataDirectory.class, StorageConfiguration.class)
		.withPropertyValues("atenea.data-dir=" + Path.of("target", "storage-test"));

	@Test
	void theLocalDiskIsTheDefault() {
		this.runner.run((context) -> assertThat(context).getBean(MediaStore.class).isInstanceOf(LocalMediaStore.class));
	}

	@Test
	void gcsIsChosenByTheStorageSettingAndUsesTheBucket() {
		this.runner.withPropertyValues("atenea.storage=gcs", "atenea.gcs.bucket=atenea-media")
			.withBean(Storage.class, () -> LocalStorageHelper.getOptions().getService())
			.run((context) -> assertThat(context).getBean(MediaStore.class).isInstanceOf(GcsMediaStore.class));
	}

	@Test
	void gcsWithoutABucketRefusesToStart() {
		this.runner.withPropertyValues("atenea.storage=gcs")
			.withBean(Storage.class, () -> LocalStorageHelper.getOptions().getService())
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("GCS_BUCKET"));
	}

	@Test
	void aPrefixThatIsNotAFolderIsRefused() {
		this.runner.withPropertyValues("atenea.storage=gcs", "atenea.gcs.bucket=b", "atenea.gcs.prefix=../up")
			.withBean(Storage.class, () -> LocalStorageHelper.getOptions().getService())
			.run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DataDirectoryProperties.class)
	static class DataDirectory {

	}

}
