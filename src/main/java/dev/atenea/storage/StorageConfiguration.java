package dev.atenea.storage;

import com.google.cloud.storage.StorageOptions;
import dev.atenea.system.DataDirectoryProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the media store by {@code atenea.storage} ({@code ATENEA_STORAGE}): the local
 * disk by default, or a Google Cloud Storage bucket.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GcsProperties.class)
class StorageConfiguration {

	@Bean
	@ConditionalOnProperty(name = "atenea.storage", havingValue = "local", matchIfMissing = true)
	MediaStore localMediaStore(DataDirectoryProperties dataDirectory) {
		return new LocalMediaStore(dataDirectory.dataDir().resolve("media"));
	}

	@Bean
	@ConditionalOnProperty(name = "atenea.storage", havingValue = "gcs")
	MediaStore gcsMediaStore(GcsProperties properties) {
		if (properties.bucket() == null || properties.bucket().isBlank()) {
			throw new IllegalStateException("ATENEA_STORAGE=gcs needs GCS_BUCKET (atenea.gcs.bucket) to name a bucket");
		}
		StorageOptions.Builder options = StorageOptions.newBuilder();
		if (properties.projectId() != null && !properties.projectId().isBlank()) {
			options.setProjectId(properties.projectId());
		}
		return new GcsMediaStore(options.build().getService(), properties.bucket().strip(), properties.prefix());
	}

}
