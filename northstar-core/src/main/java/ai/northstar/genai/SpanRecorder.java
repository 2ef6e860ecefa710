package ai.northstar.genai;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.northstar.Northstar;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.TraceContext;
import org.jspecify.annotations.Nullable;

/**
 * What the recorders share: a span opened under an explicit parent context, its start time, and one end (ok, failed
 * or cancelled) whatever the order and the threads of the framework's callbacks.
 */
abstract class SpanRecorder {

	/** The message of the error a cancelled record carries. */
	static final String CANCELLED_MESSAGE = "cancelled";

	private final Span span;

	private final long startNanos = System.nanoTime();

	private final AtomicBoolean ended = new AtomicBoolean();

	SpanRecorder(Span span) {
		this.span = span;
	}

	/**
	 * Opens a span under the parent context: the parent's innermost span, or its run.
	 */
	static @Nullable Span open(Northstar client, TraceContext parent, String name, SpanKind kind) {
		if (!client.isEnabled() || parent.isEmpty()) {
			return null;
		}
		try (TraceContext.Scope scope = parent.makeCurrent()) {
			return client.startSpan(name, kind).orElse(null);
		}
	}

	/**
	 * Returns the span.
	 * @return the span
	 */
	public Span span() {
		return this.span;
	}

	/**
	 * Returns the context in which this record's span is the innermost one, for the work done inside it.
	 * @return the context
	 */
	public TraceContext context() {
		return TraceContext.of(this.span);
	}

	/**
	 * Returns whether the record has ended.
	 * @return {@code true} once ended
	 */
	public boolean isEnded() {
		return this.ended.get();
	}

	long elapsedMillis() {
		return elapsedMillisSince(this.startNanos);
	}

	long startNanos() {
		return this.startNanos;
	}

	static long elapsedMillisSince(long startNanos) {
		return Math.max(0, (System.nanoTime() - startNanos) / 1_000_000);
	}

	/**
	 * Claims the end of the record: {@code true} for the first caller only.
	 */
	boolean claimEnd() {
		return this.ended.compareAndSet(false, true);
	}

	/**
	 * Stamps the latency and closes the span, after the body recorded the outcome; the span closes even when the body
	 * fails.
	 */
	void finish(Runnable body) {
		try {
			body.run();
		}
		finally {
			try {
				this.span.setAttribute(GenAiAttributes.LATENCY_MS, elapsedMillis());
			}
			finally {
				this.span.close();
			}
		}
	}

	/**
	 * Marks the span failed by cancellation: attribute {@code cancelled: true} and a {@link CancellationException}.
	 */
	void recordCancellation() {
		this.span.setAttribute(GenAiAttributes.CANCELLED, true);
		this.span.recordError(new CancellationException(CANCELLED_MESSAGE));
	}

}
