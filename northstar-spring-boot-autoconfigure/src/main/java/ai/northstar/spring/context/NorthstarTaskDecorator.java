package ai.northstar.spring.context;

import ai.northstar.TraceContext;

import org.springframework.core.task.TaskDecorator;

/**
 * A {@link TaskDecorator} that runs each task in the {@link TraceContext} current when it was submitted, so
 * {@code @Async} methods and work handed to executors (virtual threads included) stay in the caller's trace. Boot
 * composes it with the application's own {@code TaskDecorator} beans for its auto-configured executors, and
 * {@link NorthstarExecutorBeanPostProcessor} adds it to the application's own executor beans. A task submitted
 * outside any trace is returned unchanged; a periodic task runs in the trace that scheduled it the first time only.
 *
 * @since 0.1.0
 */
public final class NorthstarTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		TraceContext context = TraceContext.current();
		return context.isEmpty() ? runnable : new FirstRunInTrace(context, runnable);
	}

}
