package dev.atenea.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private final NotificationSocketHandler handler;

	private final NotificationProperties properties;

	WebSocketConfiguration(NotificationSocketHandler handler, NotificationProperties properties) {
		this.handler = handler;
		this.properties = properties;
	}

	/**
	 * Spring refuses a handshake whose {@code Origin} is neither the server's own nor
	 * allowed here; programs that send no {@code Origin} are not browsers and pass.
	 */
	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.handler, "/ws/notifications/", "/ws/notifications")
			.setAllowedOriginPatterns(this.properties.allowedOrigins().toArray(String[]::new));
	}

	/**
	 * Tomcat allocates these buffers for every open socket, idle or not, so they are kept
	 * small: text frames up to the handler's own limit (1,024 characters, ten times the
	 * longest action) reach it; binary frames are not part of the protocol and get a
	 * small buffer. Bigger frames make the container close the connection (1009).
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(NotificationSocketHandler.MAX_FRAME_CHARS);
		container.setMaxBinaryMessageBufferSize(1024);
		return container;
	}

}
