package ai.northstar.spring.context;

import ai.northstar.TraceContext;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * A Micrometer context-propagation {@link ThreadLocalAccessor} for the current {@link TraceContext}, so Reactor
 * operators (with automatic context propagation), {@code ContextSnapshot}-wrapped executors and other
 * context-propagation users carry the current trace and span across threads. Registered with
 * {@code ContextRegistry.getInstance()} by {@link NorthstarContextPropagationAutoConfiguration}.
 *
 * @since 0.1.0
 */
public final class TraceContextThreadLocalAccessor implements ThreadLocalAccessor<TraceContext> {

	/** The key of the accessor, also the key of the trace in a Reactor context. */
	public static final String KEY = "northstar.trace-context";

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable TraceContext getValue() {
		TraceContext current = TraceContext.current();
		return current.isEmpty() ? null : current;
	}

	@Override
	public void setValue(TraceContext value) {
		TraceContext.set(value);
	}

	@Override
	public void setValue() {
		TraceContext.set(null);
	}

	@Override
	public void restore(TraceContext previousValue) {
		TraceContext.set(previousValue);
	}

	@Override
	public void restore() {
		TraceContext.set(null);
	}

}
