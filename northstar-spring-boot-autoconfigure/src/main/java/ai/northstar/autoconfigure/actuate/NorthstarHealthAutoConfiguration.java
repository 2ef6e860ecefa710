package ai.northstar.autoconfigure.actuate;

import ai.northstar.Northstar;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.spring.actuate.NorthstarHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code northstar} {@link NorthstarHealthIndicator health indicator}, with
 * {@code spring-boot-health} (brought by the Actuator starter), unless
 * {@code management.health.northstar.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NorthstarAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Northstar.class)
@ConditionalOnEnabledHealthIndicator("northstar")
public final class NorthstarHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "northstarHealthIndicator")
	NorthstarHealthIndicator northstarHealthIndicator(Northstar northstar) {
		return new NorthstarHealthIndicator(northstar);
	}

}
