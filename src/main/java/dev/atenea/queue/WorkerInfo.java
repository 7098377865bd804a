package dev.atenea.queue;

import java.time.Instant;
import java.util.List;

/**
 * A live worker as the queue panel shows it.
 *
 * @param id unique per worker process run
 * @param host the machine's host name
 * @param pid the process id
 * @param queues the queues it serves
 * @param concurrency how many messages it runs at once
 * @param inHand how many it is running now
 * @param startedAt when it started
 * @param heartbeatAt when it last said it is alive
 */
public record WorkerInfo(String id, String host, long pid, List<String> queues, int concurrency, int inHand,
		Instant startedAt, Instant heartbeatAt) {
}
