package ai.northstar.spring.context;

import ai.northstar.TraceContext;

import org.springframework.core.task.TaskDecorator;

/**
 * A {@link TaskDecorator} that runs each task in the {@link TraceContext} current when it was submitted, so
 * {@code @Async} methods and work handed to Boot's auto-configured executors (virtual threads included) stay in the
 * caller's trace. Boot composes it with the application's own {@code TaskDecorator} beans.
 *
 * @since 0.1.0
 */
public final class NorthstarTaskDecorator implements TaskDecorator {

	@SuppressWarnings("try")
	@Override
	public Runnable decorate(Runnable runnable) {
		TraceContext context = TraceContext.current();
		if (context.isEmpty()) {
			return runnable;
		}
		return () -> {
			try (TraceContext.Scope scope = context.makeCurrent()) {
				runnable.run();
			}
		};
	}

}
