package ai.northstar.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when NorthStar tracing is on: {@code northstar.enabled} is not {@code false}, and the application defines
 * a {@link NorthstarConnectionDetails} bean or the properties hold an API key (not blank, not an unresolved
 * placeholder) and either a project id or an endpoint: the one rule the auto-configured client follows. Public so that the
 * auto-configurations of other packages, and applications, can install something only while tracing is on:
 *
 * <pre>{@code
 * @Bean
 * @Conditional(OnNorthstarActiveCondition.class)
 * MyTracingHelper myTracingHelper() { ... }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class OnNorthstarActiveCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		NorthstarProperties properties = Binder.get(context.getEnvironment())
			.bind("northstar", NorthstarProperties.class)
			.orElseGet(NorthstarProperties::new);
		if (!properties.isEnabled()) {
			return ConditionOutcome.noMatch("northstar.enabled is false");
		}
		boolean detailsDefined = context.getBeanFactory() != null
				&& context.getBeanFactory().getBeanNamesForType(NorthstarConnectionDetails.class, true, false).length > 0;
		if (!NorthstarSettings.isActive(properties, detailsDefined)) {
			return ConditionOutcome.noMatch("northstar.api-key and northstar.project-id (or northstar.endpoint) are not set");
		}
		return ConditionOutcome.match(detailsDefined ? "NorthstarConnectionDetails are defined"
				: "NorthStar credentials are set");
	}

}
