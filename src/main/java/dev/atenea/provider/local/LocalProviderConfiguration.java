package dev.atenea.provider.local;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link LocalProviderProperties} for the offline providers of this package, which
 * are themselves found by component scanning.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LocalProviderProperties.class)
class LocalProviderConfiguration {

}
