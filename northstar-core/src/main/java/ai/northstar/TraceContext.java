package ai.northstar;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import ai.northstar.internal.Mdc;
import org.jspecify.annotations.Nullable;

/**
 * The trace a thread is working in: the current {@link Run} and its innermost open {@link Span}. Immutable; the
 * current one is held per thread and follows the work onto other threads through the Spring Boot starter's context
 * propagation (Reactor, {@code @Async}, executors).
 *
 * <pre>{@code
 * TraceContext context = TraceContext.current();       // on the caller's thread
 * executor.execute(() -> {
 *     try (TraceContext.Scope scope = context.makeCurrent()) {
 *         northstar.logEvent("picked-up", Map.of());
 *     }
 * });
 *
 * // the same, shorter: a task that runs in the context current when it was wrapped
 * CompletableFuture.supplyAsync(TraceContext.current().wrapSupplier(() -> tool.search(query)));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TraceContext {

	private static final TraceContext EMPTY = new TraceContext(null, null);

	private static final ThreadLocal<TraceContext> CURRENT = new ThreadLocal<>();

	private final @Nullable Run run;

	private final @Nullable Span span;

	private TraceContext(@Nullable Run run, @Nullable Span span) {
		this.run = run;
		this.span = span;
	}

	/**
	 * Returns the empty context: no trace.
	 * @return the empty context
	 */
	public static TraceContext empty() {
		return EMPTY;
	}

	/**
	 * Returns the context of the current thread.
	 * @return the current context, {@link #empty()} outside any trace
	 */
	public static TraceContext current() {
		TraceContext context = CURRENT.get();
		return (context != null) ? context : EMPTY;
	}

	/**
	 * Returns a context whose innermost record is the given run.
	 * @param run the run
	 * @return the context
	 */
	public static TraceContext of(Run run) {
		return new TraceContext(run, null);
	}

	/**
	 * Returns a context whose innermost record is the given span.
	 * @param span the span
	 * @return the context
	 */
	public static TraceContext of(Span span) {
		return new TraceContext(span.run(), span);
	}

	/**
	 * Returns the current run.
	 * @return the run, if any
	 */
	public Optional<Run> run() {
		return Optional.ofNullable(this.run);
	}

	/**
	 * Returns the innermost open span.
	 * @return the span, if any
	 */
	public Optional<Span> span() {
		return Optional.ofNullable(this.span);
	}

	@Nullable Run runOrNull() {
		return this.run;
	}

	@Nullable Span spanOrNull() {
		return this.span;
	}

	/**
	 * Returns whether this context holds no trace.
	 * @return {@code true} when empty
	 */
	public boolean isEmpty() {
		return this.run == null;
	}

	/**
	 * Returns the id of the current run, the {@code trace_id} of the dashboard.
	 * @return the trace id, if any
	 */
	public Optional<UUID> traceId() {
		return (this.run != null) ? Optional.of(this.run.id()) : Optional.empty();
	}

	/**
	 * Returns the id of the innermost open span.
	 * @return the span id, if any
	 */
	public Optional<UUID> spanId() {
		return (this.span != null) ? Optional.of(this.span.id()) : Optional.empty();
	}

	/**
	 * Makes this context current on this thread until the returned scope is closed, which restores the previous
	 * one. Also sets the SLF4J MDC keys {@code northstar.trace_id} and {@code northstar.span_id} when SLF4J is
	 * present.
	 * @return the scope to close, on the same thread
	 */
	public Scope makeCurrent() {
		TraceContext previous = CURRENT.get();
		if (previous == this) {
			return Scope.NOOP;
		}
		set(this);
		return () -> set(previous);
	}

	/**
	 * Returns a task that runs the given one in this context, on whatever thread runs it, then restores that
	 * thread's previous context. Wrapping a task twice in the same context gives the first wrapper.
	 * @param task the task
	 * @return the task, in this context
	 */
	public Runnable wrap(Runnable task) {
		Objects.requireNonNull(task, "task must not be null");
		if (task instanceof ContextRunnable wrapped && wrapped.context == this) {
			return task;
		}
		return new ContextRunnable(this, task);
	}

	/**
	 * Returns a task that runs the given one in this context, on whatever thread runs it, then restores that
	 * thread's previous context.
	 * @param <T> the type of the task's result
	 * @param task the task
	 * @return the task, in this context
	 */
	public <T> Callable<T> wrap(Callable<T> task) {
		Objects.requireNonNull(task, "task must not be null");
		if (task instanceof ContextCallable<T> wrapped && wrapped.context == this) {
			return task;
		}
		return new ContextCallable<>(this, task);
	}

	/**
	 * Returns a supplier that runs the given one in this context, on whatever thread runs it, then restores that
	 * thread's previous context: {@code CompletableFuture.supplyAsync(TraceContext.current().wrapSupplier(...))}
	 * keeps the caller's trace on the common pool.
	 * @param <T> the type of the supplier's result
	 * @param supplier the supplier
	 * @return the supplier, in this context
	 */
	public <T> Supplier<T> wrapSupplier(Supplier<T> supplier) {
		Objects.requireNonNull(supplier, "supplier must not be null");
		return () -> {
			try (Scope scope = makeCurrent()) {
				return supplier.get();
			}
		};
	}

	/**
	 * Returns an executor that runs each task in the context current on the thread that submitted it.
	 * @param executor the executor that runs the tasks
	 * @return the executor
	 */
	public static Executor taskWrapping(Executor executor) {
		Objects.requireNonNull(executor, "executor must not be null");
		return (task) -> executor.execute(current().wrap(task));
	}

	/**
	 * Sets the current context of this thread without a scope; for context-propagation libraries that restore
	 * values themselves.
	 * @param context the context, {@code null} or {@link #empty()} to clear it
	 */
	public static void set(@Nullable TraceContext context) {
		if (context == null || context.isEmpty()) {
			CURRENT.remove();
			Mdc.clear();
		}
		else {
			CURRENT.set(context);
			Mdc.set(context.run.id(), (context.span != null) ? context.span.id() : null);
		}
	}

	@Override
	public String toString() {
		return "TraceContext[run=" + ((this.run != null) ? this.run.id() : null) + ", span="
				+ ((this.span != null) ? this.span.id() : null) + "]";
	}

	private record ContextRunnable(TraceContext context, Runnable task) implements Runnable {

		@Override
		public void run() {
			try (Scope scope = this.context.makeCurrent()) {
				this.task.run();
			}
		}

	}

	private record ContextCallable<T>(TraceContext context, Callable<T> task) implements Callable<T> {

		@Override
		public T call() throws Exception {
			try (Scope scope = this.context.makeCurrent()) {
				return this.task.call();
			}
		}

	}

	/**
	 * Restores the previous context when closed.
	 *
	 * @since 0.1.0
	 */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		/** A scope that restores nothing. */
		Scope NOOP = () -> {
		};

		/**
		 * Restores the previous context; never throws.
		 */
		@Override
		void close();

	}

}
