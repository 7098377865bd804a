package dev.atenea.system.redis;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether Redis is configured, for {@link OnRedis} and {@link WithoutRedis}.
 */
final class RedisCondition {

	private RedisCondition() {
	}

	static boolean isConfigured(ConditionContext context) {
		return StringUtils.hasText(context.getEnvironment().getProperty("atenea.redis.url"));
	}

	static final class Configured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return isConfigured(context);
		}

	}

	static final class NotConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !isConfigured(context);
		}

	}

}
