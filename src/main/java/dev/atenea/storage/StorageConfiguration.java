package dev.atenea.storage;

import dev.atenea.system.DataDirectoryProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	@Bean
	@ConditionalOnProperty(name = "atenea.storage", havingValue = "local", matchIfMissing = true)
	MediaStore localMediaStore(DataDirectoryProperties dataDirectory) {
		return new LocalMediaStore(dataDirectory.dataDir().resolve("media"));
	}

}
