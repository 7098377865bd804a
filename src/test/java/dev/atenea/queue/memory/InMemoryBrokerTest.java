package dev.atenea.queue.memory;

import java.time.Duration;
import java.time.Instant;

import dev.atenea.queue.Broker;
import dev.atenea.queue.BrokerContractTest;
import dev.atenea.support.MutableClock;

import org.junit.jupiter.api.BeforeEach;

class InMemoryBrokerTest extends BrokerContractTest {

	private MutableClock clock;

	private InMemoryBroker broker;

	@BeforeEach
	void newBroker() {
		this.clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		this.broker = new InMemoryBroker(this.clock);
	}

	@Override
	protected Broker broker() {
		return this.broker;
	}

	@Override
	protected void advance(Duration duration) {
		this.clock.advance(duration);
	}

}
