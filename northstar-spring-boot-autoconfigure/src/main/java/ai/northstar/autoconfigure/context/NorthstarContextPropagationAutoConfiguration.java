package ai.northstar.autoconfigure.context;

import ai.northstar.autoconfigure.OnNorthstarActiveCondition;
import ai.northstar.spring.context.NorthstarExecutorBeanPostProcessor;
import ai.northstar.spring.context.NorthstarTaskDecorator;
import ai.northstar.spring.context.TraceContextThreadLocalAccessor;
import io.micrometer.context.ContextRegistry;
import reactor.core.publisher.Hooks;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that makes the current NorthStar trace follow the work onto other threads:
 * <ul>
 * <li>a {@link NorthstarTaskDecorator} bean, applied by Boot to its auto-configured executors, so {@code @Async}
 * methods and executor tasks stay in the caller's trace;</li>
 * <li>unless {@code northstar.executor-context-propagation=false}, a {@link NorthstarExecutorBeanPostProcessor} that
 * does the same for the application's own executor and scheduler beans;</li>
 * <li>with Micrometer's context-propagation library, a {@link TraceContextThreadLocalAccessor} registered with
 * {@link ContextRegistry#getInstance()};</li>
 * <li>with Reactor as well, and unless {@code northstar.reactor-context-propagation=false}, Reactor's automatic
 * context propagation ({@link Hooks#enableAutomaticContextPropagation()}, global to the JVM), so operators of a traced
 * {@code Mono} or {@code Flux} run in its trace on any thread.</li>
 * </ul>
 * The SLF4J MDC keys {@code northstar.trace_id} and {@code northstar.span_id} follow the current trace wherever it
 * goes.
 * <p>
 * Nothing is installed while tracing is off ({@code northstar.enabled=false}, or no API key and project id or
 * endpoint: see {@link OnNorthstarActiveCondition}). To keep Reactor's global hook off, set
 * {@code northstar.reactor-context-propagation=false}: Spring Boot's {@code spring.reactor.context-propagation=auto}
 * then turns the same hook on if wanted, and the registered accessor still serves {@code contextCapture()} and
 * {@code ContextSnapshot} users.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@Conditional(OnNorthstarActiveCondition.class)
public final class NorthstarContextPropagationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NorthstarTaskDecorator northstarTaskDecorator() {
		return new NorthstarTaskDecorator();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "northstar.executor-context-propagation", matchIfMissing = true)
	static NorthstarExecutorBeanPostProcessor northstarExecutorBeanPostProcessor() {
		return new NorthstarExecutorBeanPostProcessor();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ContextRegistry.class)
	static class ContextRegistryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceContextThreadLocalAccessor northstarThreadLocalAccessor() {
			TraceContextThreadLocalAccessor accessor = new TraceContextThreadLocalAccessor();
			ContextRegistry.getInstance().registerThreadLocalAccessor(accessor);
			return accessor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ContextRegistry.class, Hooks.class })
	@ConditionalOnBooleanProperty(name = "northstar.reactor-context-propagation", matchIfMissing = true)
	static class ReactorConfiguration {

		ReactorConfiguration() {
			Hooks.enableAutomaticContextPropagation();
		}

	}

}
