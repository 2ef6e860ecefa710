package ai.northstar.autoconfigure.actuate;

import ai.northstar.Northstar;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.autoconfigure.NorthstarProperties;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the Actuator support: the {@code northstar} {@link NorthstarHealthIndicator health indicator}
 * (with {@code spring-boot-health}, unless {@code management.health.northstar.enabled=false}) and the
 * {@code northstar} {@link NorthstarEndpoint endpoint} (with Actuator, when available).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NorthstarAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnBean(Northstar.class)
public final class NorthstarActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("northstar")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "northstarHealthIndicator")
		NorthstarHealthIndicator northstarHealthIndicator(Northstar northstar) {
			return new NorthstarHealthIndicator(northstar);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
			"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		NorthstarEndpoint northstarEndpoint(Northstar northstar, NorthstarProperties properties) {
			return new NorthstarEndpoint(northstar, properties);
		}

	}

}
