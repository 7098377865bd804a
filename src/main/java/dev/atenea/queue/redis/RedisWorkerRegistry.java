package dev.atenea.queue.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import dev.atenea.queue.WorkerInfo;
import dev.atenea.queue.WorkerRegistry;
import dev.atenea.system.redis.RedisKeys;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workers announce themselves in Redis: each heartbeat rewrites a key that expires after
 * {@link #HEARTBEAT_TIMEOUT}, so a worker that died drops off the list by itself.
 */
public class RedisWorkerRegistry implements WorkerRegistry {

	/** A worker silent for this long counts as gone. */
	static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

	private final RedisCommands<String, String> redis;

	private final RedisKeys keys;

	private final JsonMapper json;

	public RedisWorkerRegistry(StatefulRedisConnection<String, String> connection, RedisKeys keys, JsonMapper json) {
		this.redis = connection.sync();
		this.keys = keys;
		this.json = json;
	}

	@Override
	public void heartbeat(WorkerInfo worker) {
		this.redis.set(this.keys.worker(worker.id()), this.json.writeValueAsString(worker),
				SetArgs.Builder.px(HEARTBEAT_TIMEOUT.toMillis()));
		this.redis.sadd(this.keys.workers(), worker.id());
	}

	@Override
	public void remove(String workerId) {
		this.redis.del(this.keys.worker(workerId));
		this.redis.srem(this.keys.workers(), workerId);
	}

	@Override
	public List<WorkerInfo> liveWorkers() {
		Set<String> ids = this.redis.smembers(this.keys.workers());
		if (ids.isEmpty()) {
			return List.of();
		}
		List<String> idList = new ArrayList<>(ids);
		List<KeyValue<String, String>> values = this.redis
			.mget(idList.stream().map(this.keys::worker).toArray(String[]::new));
		List<WorkerInfo> live = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			if (values.get(i).hasValue()) {
				live.add(this.json.readValue(values.get(i).getValue(), WorkerInfo.class));
			}
			else {
				this.redis.srem(this.keys.workers(), idList.get(i));
			}
		}
		live.sort(Comparator.comparing(WorkerInfo::startedAt));
		return live;
	}

}
