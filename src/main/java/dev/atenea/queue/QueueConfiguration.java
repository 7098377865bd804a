package dev.atenea.queue;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

import dev.atenea.queue.memory.InMemoryBroker;
import dev.atenea.queue.memory.InMemoryLocks;
import dev.atenea.queue.memory.InMemoryWorkerRegistry;
import dev.atenea.system.redis.WithoutRedis;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QueueConfiguration {

	@Bean
	@WithoutRedis
	Broker inMemoryBroker(Clock clock) {
		return new InMemoryBroker(clock);
	}

	@Bean
	@WithoutRedis
	Locks inMemoryLocks() {
		return new InMemoryLocks();
	}

	@Bean
	@WithoutRedis
	WorkerRegistry inMemoryWorkerRegistry() {
		return new InMemoryWorkerRegistry();
	}

	/**
	 * A web server with the in-process broker and no worker accepts tasks nobody can run:
	 * say so once at start, where the operator looks.
	 */
	@Bean
	@WithoutRedis
	@ConditionalOnWebApplication
	@ConditionalOnProperty(name = "atenea.worker.enabled", havingValue = "false")
	ApplicationListener<ApplicationReadyEvent> workerlessWarning() {
		return (event) -> LoggerFactory.getLogger(Worker.class)
			.warn("No worker runs in this process and there is no REDIS_URL for separate workers: queued tasks"
					+ " will wait. Start it with --with-worker, or set REDIS_URL and start worker processes.");
	}

	@Bean
	@ConditionalOnProperty(name = "atenea.worker.enabled", havingValue = "true", matchIfMissing = true)
	Worker worker(Broker broker, WorkerRegistry registry, List<MessageHandler> handlers, WorkerProperties properties,
			Clock clock) {
		return new Worker(broker, registry, handlers, properties, clock);
	}

	/**
	 * A worker process's metrics, when {@code worker --metrics-port} asks for them; a web
	 * node has {@code /actuator/prometheus} instead.
	 */
	@Bean
	@ConditionalOnNotWebApplication
	@ConditionalOnProperty(name = "atenea.worker.metrics-port")
	WorkerMetricsServer workerMetricsServer(PrometheusMeterRegistry registry, Worker worker,
			@Value("${atenea.worker.metrics-address:127.0.0.1}") String address,
			@Value("${atenea.worker.metrics-port}") int port) {
		return new WorkerMetricsServer(registry, worker, new InetSocketAddress(address, port));
	}

}
