package dev.atenea.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChannelLayerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ChannelLayer inProcessChannelLayer() {
		return new InProcessChannelLayer();
	}

}
