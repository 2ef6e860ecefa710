package ai.northstar.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when NorthStar tracing is on: {@code northstar.enabled} is not {@code false} and an API key and either a
 * project id or an endpoint are set.
 */
class OnNorthstarActiveCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		NorthstarProperties properties = Binder.get(context.getEnvironment())
			.bind("northstar", NorthstarProperties.class)
			.orElseGet(NorthstarProperties::new);
		if (!properties.isEnabled()) {
			return ConditionOutcome.noMatch("northstar.enabled is false");
		}
		if (!NorthstarSettings.hasCredentials(properties)) {
			return ConditionOutcome.noMatch("northstar.api-key and northstar.project-id (or northstar.endpoint) are not set");
		}
		return ConditionOutcome.match("NorthStar credentials are set");
	}

}
