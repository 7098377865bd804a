package dev.atenea.generation;

import java.time.Duration;

import dev.atenea.queue.Locks;
import dev.atenea.queue.Message;
import dev.atenea.queue.MessageHandler;
import dev.atenea.user.ApiTokenService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Periodic housekeeping, run from the {@code maintenance} queue by whichever worker takes
 * the message: sends lost task messages again and deletes expired tokens.
 */
@Component
class HousekeepingHandler implements MessageHandler {

	private static final Logger logger = LoggerFactory.getLogger(HousekeepingHandler.class);

	/** Longer than a sweep ever takes; lapses if the process running it dies. */
	private static final Duration LOCK_TTL = Duration.ofMinutes(5);

	private final TaskRecovery recovery;

	private final ApiTokenService tokens;

	private final Locks locks;

	HousekeepingHandler(TaskRecovery recovery, ApiTokenService tokens, Locks locks) {
		this.recovery = recovery;
		this.tokens = tokens;
		this.locks = locks;
	}

	@Override
	public String messageName() {
		return GenerationMessages.HOUSEKEEPING;
	}

	/**
	 * Sweeps under a lock, so that two processes never sweep at once: both would look at
	 * the same tasks, and the conditional updates would make one of them lose every race.
	 */
	@Override
	public void handle(Message message) {
		boolean ran = this.locks.runExclusively("housekeeping", LOCK_TTL, () -> {
			int resent = this.recovery.resendLostMessages();
			int purged = this.tokens.purgeExpired();
			logger.debug("Housekeeping done: {} messages sent again, {} expired tokens deleted", resent, purged);
		});
		if (!ran) {
			logger.debug("Another process is housekeeping; skipped");
		}
	}

}
