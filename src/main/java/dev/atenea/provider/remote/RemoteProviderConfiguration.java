package dev.atenea.provider.remote;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link RemoteProviderProperties}; each provider's own package makes its bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RemoteProviderProperties.class)
class RemoteProviderConfiguration {

}
