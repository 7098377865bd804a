package dev.atenea.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read the operations endpoints. {@code /actuator/health} is always open (status
 * only; staff see the components).
 *
 * @param publicMetrics whether {@code /actuator/prometheus} is open to anyone; when off
 * (the default) it takes a staff session or a staff user's bearer token, which Prometheus
 * sends with {@code authorization: {credentials: ...}}
 */
@ConfigurationProperties("atenea.operations")
public record OperationsProperties(@DefaultValue("false") boolean publicMetrics) {
}
