package dev.atenea.generation;

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

	private final TaskRecovery recovery;

	private final ApiTokenService tokens;

	HousekeepingHandler(TaskRecovery recovery, ApiTokenService tokens) {
		this.recovery = recovery;
		this.tokens = tokens;
	}

	@Override
	public String messageName() {
		return GenerationMessages.HOUSEKEEPING;
	}

	@Override
	public void handle(Message message) {
		int resent = this.recovery.resendLostMessages();
		int purged = this.tokens.purgeExpired();
		logger.debug("Housekeeping done: {} messages sent again, {} expired tokens deleted", resent, purged);
	}

}
