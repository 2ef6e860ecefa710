package ai.northstar.autoconfigure.annotation;

import ai.northstar.Northstar;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.autoconfigure.NorthstarProperties;
import ai.northstar.spring.aop.NorthstarAspect;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link NorthstarAspect} behind {@code @NorthstarTrace} and {@code @NorthstarSpan}, when
 * AspectJ is on the class path (Boot's {@code spring-boot-starter-aspectj}, which the NorthStar starter brings).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NorthstarAutoConfiguration.class)
@ConditionalOnClass(name = "org.aspectj.lang.annotation.Aspect")
@ConditionalOnBean(Northstar.class)
public final class NorthstarAnnotationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NorthstarAspect northstarAspect(Northstar northstar, NorthstarProperties properties) {
		return NorthstarAspect.builder(northstar)
			.captureInputs(properties.isCaptureInputs())
			.captureOutputs(properties.isCaptureOutputs())
			.warnOnFailure(properties.isDebug())
			.build();
	}

}
