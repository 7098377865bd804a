package dev.atenea.queue.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.atenea.queue.Broker;
import dev.atenea.queue.Delivery;
import dev.atenea.queue.Message;
import dev.atenea.queue.QueueDepth;
import dev.atenea.system.redis.RedisKeys;
import io.lettuce.core.RedisConnectionException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;

/**
 * The broker on Redis: queues shared by every process that points at the same Redis.
 *
 * <p>
 * Per queue, under one hash tag: a hash per message (its handler, priority, arguments and
 * delivery count), a sorted set of ready messages (highest priority, then oldest, first),
 * a sorted set of scheduled messages by due time, a sorted set of leased messages by
 * lease expiry, a list of dead letters and a one-token wake-up list. Every change of
 * state is one Lua script, so a message is always in exactly one place; due times and
 * leases are computed on Redis's clock.
 *
 * <p>
 * A claim runs the claim script on each queue in turn until it has enough; when none has
 * anything, it blocks on the queues' wake-up lists ({@code BLPOP}) until a publish pushes
 * a token, a scheduled message or lease comes due, or the wait ends, with a claim queued
 * right behind the {@code BLPOP} so the wake-up and the claim take one round trip. There
 * is no polling loop. Every call, the blocking wait included, runs on a pooled connection
 * ({@link PooledRedis}) and waits for its answer.
 */
public class RedisBroker implements Broker, DisposableBean {

	/** Dead letters a queue keeps; older ones are dropped. */
	static final int DEAD_LETTERS_KEPT = 10_000;

	/** Messages per call of the bulk publish script, so no call holds Redis for long. */
	static final int PUBLISH_CHUNK = 1_000;

	private static final TypeReference<Map<String, String>> ARGS = new TypeReference<>() {
	};

	private static final Duration MAX_BLOCK = Duration.ofSeconds(5);

	private final PooledRedis redis;

	private final RedisKeys keys;

	/**
	 * Made once for the one type arguments have, so no message pays for the mapper's
	 * look-up of that type and of its (de)serializer.
	 */
	private final ObjectReader argsReader;

	private final ObjectWriter argsWriter;

	private final AtomicInteger turn = new AtomicInteger();

	/**
	 * The queue whose claim goes behind the next wait, in turn; apart from {@link #turn}
	 * so that sweeps in between do not keep it on the same queues.
	 */
	private final AtomicInteger waitTurn = new AtomicInteger();

	private final RedisScript publish;

	private final RedisScript publishMany;

	private final RedisScript claim;

	private final RedisScript renew;

	private final RedisScript acknowledge;

	private final RedisScript release;

	private final RedisScript deadLetter;

	/**
	 * @param url the Redis to use, as Lettuce reads it (see {@link PooledRedis})
	 * @param commandTimeout how long such a call may take
	 */
	public RedisBroker(String url, Duration commandTimeout, RedisKeys keys, JsonMapper json) {
		this.redis = PooledRedis.connect(url, commandTimeout);
		this.keys = keys;
		this.argsReader = json.readerFor(ARGS);
		this.argsWriter = json.writerFor(ARGS);
		try {
			// Every script but the claim checks what it changes, so running it twice does
			// no harm; a claim run twice leases a second batch and strands the first.
			RedisScript.Family scripts = new RedisScript.Family(this.redis);
			this.publish = scripts.load("publish", true);
			this.publishMany = scripts.load("publish_many", true);
			this.claim = scripts.load("claim", false);
			this.renew = scripts.load("renew", true);
			this.acknowledge = scripts.load("acknowledge", true);
			this.release = scripts.load("release", true);
			this.deadLetter = scripts.load("dead_letter", true);
		}
		catch (RuntimeException ex) {
			this.redis.close();
			throw ex;
		}
	}

	@Override
	public void publish(Message message, Duration delay) {
		QueueKeys queue = queueKeys(message.queue());
		this.publish.run(this.redis,
				new String[] { queue.message(message.id()), queue.ready(), queue.scheduled(), queue.sequence(),
						queue.wake() },
				message.id(), message.name(), Integer.toString(message.priority()),
				this.argsWriter.writeValueAsString(message.args()), Long.toString(Math.max(0, delay.toMillis())));
	}

	/**
	 * One script call per queue and {@value #PUBLISH_CHUNK} messages, instead of one per
	 * message.
	 */
	@Override
	public void publishAll(List<Message> messages, Duration delay) {
		Map<String, List<Message>> byQueue = new LinkedHashMap<>();
		for (Message message : messages) {
			byQueue.computeIfAbsent(message.queue(), (queue) -> new ArrayList<>()).add(message);
		}
		byQueue.forEach((queue, queued) -> {
			for (int from = 0; from < queued.size(); from += PUBLISH_CHUNK) {
				publishChunk(queueKeys(queue), queued.subList(from, Math.min(queued.size(), from + PUBLISH_CHUNK)),
						delay);
			}
		});
	}

	private void publishChunk(QueueKeys queue, List<Message> messages, Duration delay) {
		String[] args = new String[2 + 4 * messages.size()];
		args[0] = queue.message("");
		args[1] = Long.toString(Math.max(0, delay.toMillis()));
		int i = 2;
		for (Message message : messages) {
			args[i++] = message.id();
			args[i++] = message.name();
			args[i++] = Integer.toString(message.priority());
			args[i++] = this.argsWriter.writeValueAsString(message.args());
		}
		this.publishMany.run(this.redis,
				new String[] { queue.ready(), queue.scheduled(), queue.sequence(), queue.wake() }, args);
	}

	@Override
	public List<Delivery> claim(List<String> queues, int max, Duration lease, Duration wait)
			throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		Claimed claimed = claimReady(queues, max, lease);
		while (claimed.deliveries().isEmpty()) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				break;
			}
			long block = Math.min(remaining, MAX_BLOCK.toNanos());
			if (claimed.nextDueMillis() >= 0) {
				block = Math.min(block, Duration.ofMillis(claimed.nextDueMillis()).toNanos());
			}
			Claimed woken = awaitWakeUpAndClaim(queues, Duration.ofNanos(block), max, lease);
			if (!woken.deliveries().isEmpty()) {
				return woken.deliveries();
			}
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			claimed = sweptEnough(queues, woken, deadline) ? woken : claimReady(queues, max, lease);
		}
		return claimed.deliveries();
	}

	/**
	 * Whether a sweep of every queue can be skipped after an empty wait: the claim behind
	 * the wait looked at the only queue, or the wait ran out with no token popped and the
	 * caller's wait is over too, so its next claim begins with that sweep (the worker
	 * claims again at once). An idle worker on seven queues so makes 8 round trips to
	 * Redis per wait instead of 15, and on one queue 2 instead of 3.
	 */
	private static boolean sweptEnough(List<String> queues, Claimed woken, long deadline) {
		return queues.size() == 1 || (woken.waitedOut() && deadline - System.nanoTime() <= 0);
	}

	@Override
	public boolean renewLease(Delivery delivery, Duration lease) {
		QueueKeys queue = queueKeys(delivery.message().queue());
		Long renewed = this.renew.run(this.redis,
				new String[] { queue.leased(), queue.message(delivery.message().id()) }, delivery.message().id(),
				delivery.leaseToken(), Long.toString(lease.toMillis()));
		return renewed == 1;
	}

	/**
	 * Waits for Redis to confirm the removal, so a later call of any thread sees the
	 * message gone. Workers mostly acknowledge through {@link #acknowledgeAndClaim},
	 * which costs no extra round trip.
	 */
	@Override
	public void acknowledge(Delivery delivery) {
		QueueKeys queue = queueKeys(delivery.message().queue());
		this.acknowledge.run(this.redis, new String[] { queue.leased(), queue.message(delivery.message().id()) },
				delivery.message().id(), delivery.leaseToken());
	}

	/**
	 * One claim script call that first removes the finished message, as BullMQ's worker
	 * completes a job and fetches the next in one step.
	 */
	@Override
	public List<Delivery> acknowledgeAndClaim(Delivery finished, int max, Duration lease) {
		String queue = finished.message().queue();
		QueueKeys keys = queueKeys(queue);
		List<Object> result;
		try {
			result = this.claim.run(this.redis, keys.claim(finished), claimArguments(keys, max, lease, finished));
		}
		catch (RedisConnectionException ex) {
			// The claim is not made again (it may have run); the acknowledgement alone is
			// safe to repeat.
			acknowledge(finished);
			return List.of();
		}
		List<Delivery> deliveries = new ArrayList<>();
		addDeliveries(queue, asList(result.get(0)), deliveries);
		return deliveries;
	}

	@Override
	public void release(Delivery delivery, Duration delay) {
		QueueKeys queue = queueKeys(delivery.message().queue());
		this.release.run(this.redis,
				new String[] { queue.leased(), queue.message(delivery.message().id()), queue.ready(), queue.scheduled(),
						queue.wake() },
				delivery.message().id(), delivery.leaseToken(), Long.toString(Math.max(0, delay.toMillis())));
	}

	@Override
	public void deadLetter(Delivery delivery, String reason) {
		QueueKeys queue = queueKeys(delivery.message().queue());
		this.deadLetter.run(this.redis,
				new String[] { queue.leased(), queue.message(delivery.message().id()), queue.dead() },
				delivery.message().id(), delivery.leaseToken(), reason, Integer.toString(DEAD_LETTERS_KEPT));
	}

	@Override
	public boolean isLive(String queue, String messageId) {
		return this.redis.call((jedis) -> jedis.exists(queueKeys(queue).message(messageId)));
	}

	@Override
	public QueueDepth depth(String queue) {
		QueueKeys keys = queueKeys(queue);
		return this.redis.call((jedis) -> new QueueDepth(jedis.zcard(keys.ready()), jedis.zcard(keys.scheduled()),
				jedis.zcard(keys.leased()), jedis.llen(keys.dead())));
	}

	@Override
	public void destroy() {
		this.redis.close();
	}

	/**
	 * Runs the claim script on each queue, starting at a different one each time so none
	 * starves, until {@code max} messages are leased.
	 */
	private Claimed claimReady(List<String> queues, int max, Duration lease) {
		List<Delivery> deliveries = new ArrayList<>();
		long nextDue = -1;
		int start = this.turn.getAndIncrement();
		for (int i = 0; i < queues.size() && deliveries.size() < max; i++) {
			String queue = queues.get(Math.floorMod(start + i, queues.size()));
			QueueKeys keys = queueKeys(queue);
			List<Object> result = this.claim.run(this.redis, keys.claim(null),
					claimArguments(keys, max - deliveries.size(), lease, null));
			addDeliveries(queue, asList(result.get(0)), deliveries);
			long due = (Long) result.get(1);
			if (due >= 0 && (nextDue < 0 || due < nextDue)) {
				nextDue = due;
			}
		}
		return new Claimed(deliveries, nextDue, false);
	}

	private void addDeliveries(String queue, List<Object> fields, List<Delivery> deliveries) {
		for (int i = 0; i + 4 < fields.size(); i += 5) {
			Message message = new Message((String) fields.get(i), queue, (String) fields.get(i + 1),
					Integer.parseInt((String) fields.get(i + 2)),
					this.argsReader.readValue((String) fields.get(i + 3)));
			deliveries
				.add(new Delivery(message, Integer.parseInt((String) fields.get(i + 4)), (String) fields.get(i + 4)));
		}
	}

	/**
	 * Blocks until a token appears on one of the queues' wake-up lists or the wait ends,
	 * then claims from one queue. The claim is sent right behind the {@code BLPOP} on the
	 * same connection, so Redis runs it the moment the wake-up comes and a message
	 * reaches an idle worker in one round trip instead of two. When the message is on
	 * another of the queues, this claim comes back empty and the caller's next pass finds
	 * it.
	 *
	 * <p>
	 * The calling thread waits on the socket itself, so Redis's answer wakes it directly.
	 * The wait cannot be interrupted; Redis ends it within {@code wait}, which a stopping
	 * worker waits out (a Redis that does not answer is given the command timeout on
	 * top). Should the connection fail after the claim ran, what it leased is delivered
	 * again when the lease lapses.
	 */
	private Claimed awaitWakeUpAndClaim(List<String> queues, Duration wait, int max, Duration lease) {
		String[] wakeKeys = queues.stream().map((queue) -> queueKeys(queue).wake()).toArray(String[]::new);
		String queue = queues.get(Math.floorMod(this.waitTurn.getAndIncrement(), queues.size()));
		QueueKeys keys = queueKeys(queue);
		double seconds = Math.max(0.01, wait.toMillis() / 1000.0);
		RedisScript.Behind<List<Object>> answers = this.claim.runBehind(this.redis, wait,
				(pipeline) -> pipeline.blpop(seconds, wakeKeys), keys.claim(null),
				claimArguments(keys, max, lease, null));
		List<Object> result = answers.script();
		List<Delivery> deliveries = new ArrayList<>();
		addDeliveries(queue, asList(result.get(0)), deliveries);
		return new Claimed(deliveries, (Long) result.get(1), answers.timedOut());
	}

	/**
	 * The claim script's arguments; with a finished delivery, the ones that make it
	 * acknowledge that delivery first.
	 */
	private static String[] claimArguments(QueueKeys keys, int max, Duration lease, Delivery finished) {
		List<String> arguments = new ArrayList<>(
				List.of(keys.message(""), Integer.toString(max), Long.toString(lease.toMillis())));
		if (finished != null) {
			arguments.add(finished.message().id());
			arguments.add(finished.leaseToken());
		}
		return arguments.toArray(String[]::new);
	}

	private QueueKeys queueKeys(String queue) {
		return new QueueKeys(this.keys.queue(queue));
	}

	@SuppressWarnings("unchecked")
	private static List<Object> asList(Object value) {
		return (List<Object>) value;
	}

	/**
	 * @param waitedOut whether the claim followed a wait that ended with no wake-up token
	 */
	private record Claimed(List<Delivery> deliveries, long nextDueMillis, boolean waitedOut) {
	}

	/**
	 * The keys of one queue, all under its hash tag.
	 */
	private record QueueKeys(String tag) {

		/**
		 * The claim script's keys; with a finished delivery, its hash too, to acknowledge
		 * it first.
		 */
		String[] claim(Delivery finished) {
			return (finished != null)
					? new String[] { ready(), scheduled(), leased(), wake(), message(finished.message().id()) }
					: new String[] { ready(), scheduled(), leased(), wake() };
		}

		String message(String id) {
			return this.tag + ":m:" + id;
		}

		String ready() {
			return this.tag + ":ready";
		}

		String scheduled() {
			return this.tag + ":scheduled";
		}

		String leased() {
			return this.tag + ":leased";
		}

		String dead() {
			return this.tag + ":dead";
		}

		String sequence() {
			return this.tag + ":seq";
		}

		String wake() {
			return this.tag + ":wake";
		}

	}

}
