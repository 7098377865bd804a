package dev.atenea.queue;

/**
 * One hand-over of a message to a worker, under a lease.
 *
 * @param message the message
 * @param deliveryCount how many times it has been handed out, this time included; counted
 * before the handler runs, so a message that kills its worker still reaches the cap
 * @param leaseToken identifies this hand-over, so a worker whose lease expired cannot
 * renew or release a later one
 */
public record Delivery(Message message, int deliveryCount, String leaseToken) {
}
