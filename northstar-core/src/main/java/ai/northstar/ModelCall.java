package ai.northstar;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A model span opened by {@link Northstar#modelCall(String, String)}, current until closed. Outside a trace, or when
 * tracing is off, every method does nothing.
 *
 * <pre>{@code
 * try (ModelCall call = northstar.modelCall("answer", "gpt-4o")) {
 *     call.recordInputMessages(messages);
 *     ChatResponse response = chat(messages);
 *     call.recordOutputMessage(response.message());
 *     call.recordUsage(response.promptTokens(), response.completionTokens());
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ModelCall implements AutoCloseable {

	private final @Nullable Span span;

	private final String model;

	private final TraceContext.Scope scope;

	private final long startNanos = System.nanoTime();

	ModelCall(@Nullable Span span, String model) {
		this.span = span;
		this.model = model;
		this.scope = (span != null) ? TraceContext.of(span).makeCurrent() : TraceContext.Scope.NOOP;
		if (span != null) {
			span.setAttribute("model", model);
		}
	}

	/**
	 * Returns the span, absent outside a trace.
	 * @return the span, if any
	 */
	public Optional<Span> span() {
		return Optional.ofNullable(this.span);
	}

	/**
	 * Records the messages sent to the model; see {@link Span#recordInputMessages(String, List)}.
	 * @param messages the messages
	 * @return this call
	 */
	public ModelCall recordInputMessages(List<?> messages) {
		if (this.span != null) {
			this.span.recordInputMessages(this.model, messages);
		}
		return this;
	}

	/**
	 * Records the model's answer; see {@link Span#recordOutputMessage(String, Object)}.
	 * @param message the message
	 * @return this call
	 */
	public ModelCall recordOutputMessage(Object message) {
		if (this.span != null) {
			this.span.recordOutputMessage(this.model, message);
		}
		return this;
	}

	/**
	 * Records token usage and cost; see {@link Span#recordUsage(String, long, long)}.
	 * @param promptTokens the input tokens
	 * @param completionTokens the output tokens
	 * @return this call
	 */
	public ModelCall recordUsage(long promptTokens, long completionTokens) {
		if (this.span != null) {
			this.span.recordUsage(this.model, promptTokens, completionTokens);
		}
		return this;
	}

	/**
	 * Marks the call failed.
	 * @param error the error
	 * @return this call
	 */
	public ModelCall recordError(Throwable error) {
		if (this.span != null) {
			this.span.recordError(error);
		}
		return this;
	}

	/**
	 * Ends the span with its {@code latency_ms} and restores the previous context.
	 */
	@Override
	public void close() {
		try {
			if (this.span != null) {
				this.span.setAttribute("latency_ms", (System.nanoTime() - this.startNanos) / 1_000_000);
				this.span.close();
			}
		}
		finally {
			this.scope.close();
		}
	}

}
