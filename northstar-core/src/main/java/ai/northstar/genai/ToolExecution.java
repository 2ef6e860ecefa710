package ai.northstar.genai;

import java.util.Optional;

import ai.northstar.Northstar;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.TraceContext;
import org.jspecify.annotations.Nullable;

/**
 * Records one tool execution as a {@code TOOL} span named after the tool, with attribute {@code tool_call_id}, a
 * {@code tool_arguments} event (the arguments; JSON object text becomes the object) and a {@code tool_result} event
 * (the result; JSON text becomes its value). Work the tool does while {@link #context()} is current nests under the
 * span.
 * <p>
 * A framework may turn a tool's exception into a result message for the model and report the execution as a success:
 * call {@link #recordError} where the exception is still visible, and the span ends {@code error} with it even when
 * {@link #succeed} follows with the message. The first end wins; thread-safe.
 *
 * @since 0.1.0
 */
public final class ToolExecution extends SpanRecorder {

	private ToolExecution(Span span) {
		super(span);
	}

	/**
	 * Opens the span of a tool execution under the parent context and records its arguments.
	 * @param client the client
	 * @param parent the context to open the span in
	 * @param toolName the tool's name, not blank
	 * @param toolCallId the id of the call the model gave, if any
	 * @param arguments the arguments: JSON text (recorded as the object it holds) or any value
	 * @return the execution, empty when tracing is off or the parent context holds no trace
	 */
	public static Optional<ToolExecution> start(Northstar client, TraceContext parent, String toolName,
			@Nullable String toolCallId, @Nullable Object arguments) {
		Span span = open(client, parent, toolName, SpanKind.TOOL);
		if (span == null) {
			return Optional.empty();
		}
		if (toolCallId != null && !toolCallId.isBlank()) {
			span.setAttribute(GenAiAttributes.TOOL_CALL_ID, toolCallId);
		}
		span.recordToolArguments((arguments instanceof String text) ? JsonContent.parseObjectOrKeep(text) : arguments);
		return Optional.of(new ToolExecution(span));
	}

	/**
	 * Marks the execution failed without ending it: the span ends {@code error} with this error whatever ends it.
	 * @param error the tool's exception
	 */
	public void recordError(Throwable error) {
		if (!isEnded()) {
			span().recordError(error);
		}
	}

	/**
	 * Ends the execution with the tool's result.
	 * @param result the result: JSON text (recorded as the value it holds) or any value
	 */
	public void succeed(@Nullable Object result) {
		if (!claimEnd()) {
			return;
		}
		finish(() -> span().recordToolResult(content(result)));
	}

	/**
	 * Ends the execution failed.
	 * @param error the error
	 * @param result the result message the framework made of it, if any
	 */
	public void fail(Throwable error, @Nullable Object result) {
		if (!claimEnd()) {
			return;
		}
		finish(() -> {
			if (result != null) {
				span().recordToolResult(content(result));
			}
			span().recordError(error);
		});
	}

	private static @Nullable Object content(@Nullable Object value) {
		return (value instanceof String text) ? JsonContent.parseOrKeep(text) : value;
	}

}
