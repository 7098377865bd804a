package dev.atenea.queue;

import java.time.Clock;
import java.util.List;

import dev.atenea.queue.memory.InMemoryBroker;
import dev.atenea.queue.memory.InMemoryLocks;
import dev.atenea.queue.memory.InMemoryWorkerRegistry;
import dev.atenea.system.redis.WithoutRedis;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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

	@Bean
	@ConditionalOnProperty(name = "atenea.worker.enabled", havingValue = "true", matchIfMissing = true)
	Worker worker(Broker broker, WorkerRegistry registry, List<MessageHandler> handlers, WorkerProperties properties,
			Clock clock) {
		return new Worker(broker, registry, handlers, properties, clock);
	}

}
