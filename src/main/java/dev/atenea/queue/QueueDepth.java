package dev.atenea.queue;

/**
 * What a broker holds for one queue right now.
 *
 * @param pending messages ready to run
 * @param scheduled messages waiting for their due time (retries, polls)
 * @param processing messages leased to a worker
 * @param deadLettered messages given up after too many deliveries
 */
public record QueueDepth(long pending, long scheduled, long processing, long deadLettered) {
}
