package dev.atenea.storage;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.atenea.system.DataDirectoryProperties;

import org.springframework.beans.factory.ObjectProvider;
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
	MediaStore gcsMediaStore(GcsProperties properties, ObjectProvider<Storage> storage) {
		if (properties.bucket() == null || properties.bucket().isBlank()) {
			throw new IllegalStateException("ATENEA_STORAGE=gcs needs GCS_BUCKET (atenea.gcs.bucket) to name a bucket");
		}
		return new GcsMediaStore(storage.getIfAvailable(() -> client(properties)), properties.bucket().strip(),
				properties.prefix());
	}

	/**
	 * The Cloud Storage client on Application Default Credentials, unless the context
	 * already has one (a test's in-memory fake, say).
	 */
	private static Storage client(GcsProperties properties) {
		StorageOptions.Builder options = StorageOptions.newBuilder();
		if (properties.projectId() != null && !properties.projectId().isBlank()) {
			options.setProjectId(properties.projectId());
		}
		return options.build().getService();
	}

}
