package ai.northstar.spring.aop;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.northstar.Run;
import ai.northstar.Span;
import ai.northstar.TraceContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One traced method call: the run or span it opened, ended exactly once, when the method returns or throws, or when
 * its asynchronous result completes, fails or is cancelled. Every call into tracing is guarded by the aspect's
 * failure handler: a tracing failure (an {@link Error} too, such as one thrown while capturing a value, but not a
 * {@link VirtualMachineError}) never reaches the application.
 */
abstract class TracedInvocation {

	/** The error message of a record whose asynchronous result was cancelled. */
	static final String CANCELLED = "cancelled";

	private final AtomicBoolean ended = new AtomicBoolean();

	private final long startNanos = System.nanoTime();

	private final NorthstarAspect aspect;

	private final boolean captureOutput;

	private final TraceContext context;

	TracedInvocation(NorthstarAspect aspect, boolean captureOutput, TraceContext context) {
		this.aspect = aspect;
		this.captureOutput = captureOutput;
		this.context = context;
	}

	static TracedInvocation of(NorthstarAspect aspect, Run run, boolean captureOutput) {
		return new TracedInvocation(aspect, captureOutput, TraceContext.of(run)) {

			@Override
			void recordInput(Object arguments) {
				run.recordUserInput(arguments);
			}

			@Override
			void recordOutput(@Nullable Object value) {
				run.recordFinalResponse(value);
			}

			@Override
			void recordError(Throwable error) {
				run.recordError(error);
			}

			@Override
			void putAttribute(String key, Object value) {
				run.putMetadata(key, value);
			}

			@Override
			void close() {
				run.close();
			}

		};
	}

	static TracedInvocation of(NorthstarAspect aspect, Span span, boolean captureOutput) {
		return new TracedInvocation(aspect, captureOutput, TraceContext.of(span)) {

			@Override
			void recordInput(Object arguments) {
				span.recordToolArguments(arguments);
			}

			@Override
			void recordOutput(@Nullable Object value) {
				span.recordToolResult(value);
			}

			@Override
			void recordError(Throwable error) {
				span.recordError(error);
			}

			@Override
			void putAttribute(String key, Object value) {
				span.setAttribute(key, value);
			}

			@Override
			void close() {
				span.close();
			}

		};
	}

	abstract void recordInput(Object arguments);

	abstract void recordOutput(@Nullable Object value);

	abstract void recordError(Throwable error);

	abstract void putAttribute(String key, Object value);

	abstract void close();

	/**
	 * Returns the context in which the record is the innermost one.
	 */
	TraceContext context() {
		return this.context;
	}

	/**
	 * Returns whether the record has ended.
	 */
	boolean isEnded() {
		return this.ended.get();
	}

	/**
	 * Logs a failure of tracing, see {@link NorthstarAspect#tracingFailed(String, Throwable)}.
	 */
	void tracingFailed(String action, Throwable ex) {
		this.aspect.tracingFailed(action, ex);
	}

	/**
	 * Returns whether the result is recorded.
	 */
	boolean capturesOutput() {
		return this.captureOutput;
	}

	/**
	 * Takes a snapshot of a value now, for a result that is recorded later.
	 * @return the snapshot, {@code null} when taking it failed
	 */
	@Nullable JsonNode snapshot(@Nullable Object value) {
		try {
			return this.aspect.client().contentCapture().capture(value);
		}
		catch (Throwable ex) {
			this.aspect.tracingFailed("capture an element of the result", ex);
			return null;
		}
	}

	/**
	 * Makes the record current on this thread.
	 */
	TraceContext.Scope makeCurrent() {
		TraceContext.Scope scope;
		try {
			scope = this.context.makeCurrent();
		}
		catch (Throwable ex) {
			this.aspect.tracingFailed("make the trace context current", ex);
			return TraceContext.Scope.NOOP;
		}
		return () -> {
			try {
				scope.close();
			}
			catch (Throwable ex) {
				this.aspect.tracingFailed("restore the trace context", ex);
			}
		};
	}

	/**
	 * Ends the record with a value and no error: records the value when outputs are captured, the body of a
	 * {@code ResponseEntity} and the value of an {@code Optional} rather than the wrapper.
	 * @param value the value
	 * @param hasValue {@code false} for a method returning {@code void}
	 */
	void succeed(@Nullable Object value, boolean hasValue) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		try {
			if (hasValue && this.captureOutput) {
				recordOutput(AnnotationOptions.unwrap(value));
			}
		}
		catch (Throwable ex) {
			this.aspect.tracingFailed("record the result", ex);
		}
		end();
	}

	/**
	 * Ends the record with an error; a {@link CancellationException} marks it cancelled.
	 * @param error the error
	 */
	void fail(Throwable error) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		try {
			if (error instanceof CancellationException) {
				putAttribute(CANCELLED, true);
			}
			recordError(error);
		}
		catch (Throwable ex) {
			this.aspect.tracingFailed("record the error", ex);
		}
		end();
	}

	/**
	 * Ends the record as cancelled.
	 */
	void cancel() {
		fail(new CancellationException(CANCELLED));
	}

	private void end() {
		try {
			putAttribute("latency_ms", (System.nanoTime() - this.startNanos) / 1_000_000);
		}
		catch (Throwable ex) {
			this.aspect.tracingFailed("record the latency", ex);
		}
		try {
			close();
		}
		catch (Throwable ex) {
			this.aspect.tracingFailed("end the record", ex);
		}
	}

	/**
	 * Returns the cause of the {@link CompletionException}s a dependent stage wraps errors in.
	 */
	static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while (current instanceof CompletionException && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
