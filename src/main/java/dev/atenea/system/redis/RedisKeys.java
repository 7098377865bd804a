package dev.atenea.system.redis;

/**
 * Every Redis key and channel name Atenea uses, under one configurable prefix.
 *
 * <p>
 * The keys of one queue share a hash tag ({@code {prefix:q:name}}), so a script that
 * touches a queue's sets and its messages stays in one slot of a Redis Cluster.
 */
public record RedisKeys(String prefix) {

	/**
	 * The hash tag and key prefix of one queue's keys.
	 */
	public String queue(String queue) {
		return "{" + this.prefix + ":q:" + queue + "}";
	}

	public String workers() {
		return this.prefix + ":workers";
	}

	public String worker(String workerId) {
		return this.prefix + ":worker:" + workerId;
	}

	public String lock(String name) {
		return this.prefix + ":lock:" + name;
	}

	public String userChannel(long userId) {
		return userChannelPrefix() + userId;
	}

	/**
	 * What every user's channel name starts with, followed by the user's id.
	 */
	public String userChannelPrefix() {
		return this.prefix + ":user:";
	}

}
