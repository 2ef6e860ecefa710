package ai.northstar.genai;

import java.util.Optional;

import ai.northstar.Northstar;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.TraceContext;

/**
 * Records one call of a framework's agent-level client (Spring AI's {@code ChatClient}, a LangChain4j AI service...)
 * as an {@code AGENT} span holding the call's model rounds and tool executions, with {@code streaming: true} for a
 * stream and {@code latency_ms}. The first end wins; thread-safe.
 *
 * @since 0.1.0
 */
public final class AgentCall extends SpanRecorder {

	private AgentCall(Span span) {
		super(span);
	}

	/**
	 * Opens the span of an agent call under the parent context.
	 * @param client the client
	 * @param parent the context to open the span in
	 * @param name the span name, such as {@code chat_client}
	 * @param streaming whether the call streams its answer
	 * @return the call, empty when tracing is off or the parent context holds no trace
	 */
	public static Optional<AgentCall> start(Northstar client, TraceContext parent, String name, boolean streaming) {
		Span span = open(client, parent, name, SpanKind.AGENT);
		if (span == null) {
			return Optional.empty();
		}
		if (streaming) {
			span.setAttribute(GenAiAttributes.STREAMING, true);
		}
		return Optional.of(new AgentCall(span));
	}

	/**
	 * Ends the call {@code ok}.
	 */
	public void succeed() {
		if (claimEnd()) {
			finish(() -> {
			});
		}
	}

	/**
	 * Ends the call failed.
	 * @param error the error
	 */
	public void fail(Throwable error) {
		if (claimEnd()) {
			finish(() -> span().recordError(error));
		}
	}

	/**
	 * Ends the call as cancelled: status {@code error} and {@code cancelled: true}.
	 */
	public void cancel() {
		if (claimEnd()) {
			finish(this::recordCancellation);
		}
	}

}
