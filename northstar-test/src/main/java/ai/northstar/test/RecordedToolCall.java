package ai.northstar.test;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import ai.northstar.Replay;
import ai.northstar.RunStatus;
import ai.northstar.local.StoredSpan;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One recorded tool call: a span of kind {@code tool} with its recorded arguments and result.
 *
 * @since 0.1.0
 */
public final class RecordedToolCall {

	private final int index;

	private final StoredSpan span;

	private final @Nullable JsonNode arguments;

	private final @Nullable JsonNode result;

	RecordedToolCall(int index, StoredSpan span, @Nullable JsonNode arguments, @Nullable JsonNode result) {
		this.index = index;
		this.span = span;
		this.arguments = arguments;
		this.result = result;
	}

	/**
	 * Returns the position among the run's tool calls.
	 * @return the index, from 0
	 */
	public int index() {
		return this.index;
	}

	/**
	 * Returns the tool name: the name of its span.
	 * @return the name
	 */
	public String name() {
		return this.span.name();
	}

	/**
	 * Returns the span of the call.
	 * @return the span
	 */
	public StoredSpan span() {
		return this.span;
	}

	/**
	 * Returns the span id.
	 * @return the id
	 */
	public UUID spanId() {
		return this.span.id();
	}

	/**
	 * Returns the status of the call's span.
	 * @return the status
	 */
	public RunStatus status() {
		return RecordedRun.status(this.span.status());
	}

	/**
	 * Returns the error recorded on the call's span.
	 * @return the error, if any
	 */
	public Optional<ObjectNode> error() {
		return Optional.ofNullable(this.span.error());
	}

	/**
	 * Returns the recorded arguments, as recorded: named arguments (an object) from the Java SDK,
	 * {@code {"args": [...], "kwargs": {...}}} from the Python SDK.
	 * @return the arguments, JSON {@code null} when none were recorded
	 */
	public JsonNode arguments() {
		return (this.arguments != null) ? this.arguments.deepCopy() : NullNode.getInstance();
	}

	/**
	 * Returns the named arguments, whichever SDK recorded them.
	 * @return the named arguments, in recorded order
	 */
	public Map<String, JsonNode> namedArguments() {
		return replayCall().named();
	}

	/**
	 * Returns the positional arguments of a Python-recorded call, or the elements of an argument array.
	 * @return the positional arguments
	 */
	public List<JsonNode> positionalArguments() {
		return replayCall().positional();
	}

	/**
	 * Returns the recorded result.
	 * @return the result, if one was recorded
	 */
	public Optional<JsonNode> result() {
		return Optional.ofNullable(this.result).map(JsonNode::deepCopy);
	}

	private Replay.ToolCall replayCall() {
		return new Replay.ToolCall(this.index, name(), spanId(), arguments(), this.result);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof RecordedToolCall call && this.index == call.index && this.span.equals(call.span)
				&& Objects.equals(this.arguments, call.arguments) && Objects.equals(this.result, call.result);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.index, this.span.id());
	}

	@Override
	public String toString() {
		return name() + RunTree.compact(arguments(), 200);
	}

}
