package ai.northstar.autoconfigure.context;

import io.micrometer.context.ContextRegistry;
import reactor.core.publisher.Hooks;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that makes the current NorthStar trace follow the work onto other threads:
 * <ul>
 * <li>a {@link NorthstarTaskDecorator} bean, applied by Boot to its auto-configured executors, so {@code @Async}
 * methods and executor tasks stay in the caller's trace;</li>
 * <li>with Micrometer's context-propagation library, a {@link TraceContextThreadLocalAccessor} registered with
 * {@link ContextRegistry#getInstance()};</li>
 * <li>with Reactor as well, Reactor's automatic context propagation ({@link Hooks#enableAutomaticContextPropagation()},
 * global to the JVM), so operators of a traced {@code Mono} or {@code Flux} run in its trace on any thread.</li>
 * </ul>
 * The SLF4J MDC keys {@code northstar.trace_id} and {@code northstar.span_id} follow the current trace wherever it
 * goes. Exclude this auto-configuration to opt out of the global Reactor hook.
 *
 * @since 0.1.0
 */
@AutoConfiguration
public final class NorthstarContextPropagationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NorthstarTaskDecorator northstarTaskDecorator() {
		return new NorthstarTaskDecorator();
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
	static class ReactorConfiguration {

		ReactorConfiguration() {
			Hooks.enableAutomaticContextPropagation();
		}

	}

}
