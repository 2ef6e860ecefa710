package ai.northstar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import ai.northstar.capture.ContentCapture;
import ai.northstar.data.EventData;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The recorded steps of a run, with the means to invoke its tool calls again and compare the results. Obtained from
 * {@link Run#replay(Map)}, on a live run or one rebuilt with {@link Run#fromJson(String, UUID)}.
 * <p>
 * A step is one recorded event. It is a tool call when it is a {@code tool_arguments} event on a span of kind
 * {@code tool}; its recorded result is the next {@code tool_result} event of the same span. Arguments recorded by
 * the Java SDK (named arguments, an object) and by the Python SDK ({@code {"args": [...], "kwargs": {...}}}) both
 * replay.
 *
 * <pre>{@code
 * Replay replay = Run.fromJson(json, runId).replay(Map.of("search-docs", (call) -> search(call.named())));
 * ReplayDiff diff = replay.diff(replay.replay());
 * assertThat(diff.allMatch()).isTrue();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Replay {

	private final List<Step> steps;

	private final List<ToolCall> toolCalls;

	private final Map<String, ? extends ReplayTool> tools;

	private final ContentCapture capture;

	Replay(List<EventData> events, Map<UUID, Run.SpanInfo> spans, Map<String, ? extends ReplayTool> tools,
			ContentCapture capture) {
		this.tools = Map.copyOf(tools);
		this.capture = capture;
		List<Step> steps = new ArrayList<>(events.size());
		List<ToolCall> calls = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			EventData event = events.get(i);
			Run.SpanInfo span = (event.spanId() != null) ? spans.get(event.spanId()) : null;
			boolean toolCall = event.type() == EventType.TOOL_ARGUMENTS && span != null && span.kind() == SpanKind.TOOL;
			steps.add(new Step(i, event, (span != null) ? span.name() : null, (span != null) ? span.kind() : null, toolCall));
			if (toolCall) {
				calls.add(new ToolCall(calls.size(), span.name(), event.spanId(), event.content(),
						recordedResult(events, i, event.spanId())));
			}
		}
		this.steps = Collections.unmodifiableList(steps);
		this.toolCalls = Collections.unmodifiableList(calls);
	}

	private static @Nullable JsonNode recordedResult(List<EventData> events, int from, UUID spanId) {
		for (int i = from + 1; i < events.size(); i++) {
			EventData event = events.get(i);
			if (spanId.equals(event.spanId())) {
				if (event.type() == EventType.TOOL_RESULT) {
					return event.content();
				}
				if (event.type() == EventType.TOOL_ARGUMENTS) {
					return null;
				}
			}
		}
		return null;
	}

	/**
	 * Returns every recorded step, in order.
	 * @return the steps
	 */
	public List<Step> steps() {
		return this.steps;
	}

	/**
	 * Returns the recorded tool calls, in order.
	 * @return the tool calls
	 */
	public List<ToolCall> toolCalls() {
		return this.toolCalls;
	}

	/**
	 * Returns the recorded result of each tool call, in order ({@code null} where none was recorded).
	 * @return the recorded results
	 */
	public List<@Nullable JsonNode> toolResults() {
		List<@Nullable JsonNode> results = new ArrayList<>(this.toolCalls.size());
		this.toolCalls.forEach((call) -> results.add(call.recordedResult()));
		return Collections.unmodifiableList(results);
	}

	/**
	 * Invokes each recorded tool call again, in order, against the registered tool of the same name.
	 * @return the new results, captured like content
	 * @throws IllegalStateException when no tool is registered under a recorded call's name (the message names it)
	 * @throws ReplayException when a tool throws
	 */
	public List<JsonNode> replay() {
		for (ToolCall call : this.toolCalls) {
			if (!this.tools.containsKey(call.toolName())) {
				throw new IllegalStateException("No tool registered for recorded tool call '" + call.toolName()
						+ "'; registered tools: " + this.tools.keySet());
			}
		}
		List<JsonNode> results = new ArrayList<>(this.toolCalls.size());
		for (ToolCall call : this.toolCalls) {
			try {
				results.add(this.capture.capture(this.tools.get(call.toolName()).invoke(call)));
			}
			catch (Exception ex) {
				throw new ReplayException("Tool '" + call.toolName() + "' failed on replayed call " + call.index(), ex);
			}
		}
		return Collections.unmodifiableList(results);
	}

	/**
	 * Pairs each recorded tool result with the replayed one.
	 * @param replayedResults the replayed results, in tool-call order, such as those of {@link #replay()}
	 * @return the comparison
	 * @throws IllegalArgumentException when the number of results differs from the number of tool calls
	 */
	public ReplayDiff diff(List<?> replayedResults) {
		if (replayedResults.size() != this.toolCalls.size()) {
			throw new IllegalArgumentException("Expected " + this.toolCalls.size() + " replayed results, got "
					+ replayedResults.size());
		}
		List<ReplayDiff.Entry> entries = new ArrayList<>(this.toolCalls.size());
		for (int i = 0; i < this.toolCalls.size(); i++) {
			ToolCall call = this.toolCalls.get(i);
			Object replayed = replayedResults.get(i);
			JsonNode replayedNode = (replayed instanceof JsonNode node) ? node : this.capture.capture(replayed);
			JsonNode recorded = call.recordedResult();
			entries.add(new ReplayDiff.Entry(call, recorded, replayedNode, Objects.equals(recorded, replayedNode)));
		}
		return new ReplayDiff(entries);
	}

	/**
	 * One recorded step.
	 *
	 * @param index the position in the run
	 * @param event the recorded event
	 * @param spanName the name of the event's span, if any
	 * @param spanKind the kind of the event's span, if any
	 * @param toolCall whether the step is a tool call
	 * @since 0.1.0
	 */
	public record Step(int index, EventData event, @Nullable String spanName, @Nullable SpanKind spanKind,
			boolean toolCall) {

	}

	/**
	 * One recorded tool call.
	 *
	 * @param index the position among the tool calls
	 * @param toolName the tool name: the name of its span
	 * @param spanId the id of its span
	 * @param arguments the recorded arguments
	 * @param recordedResult the recorded result, if any
	 * @since 0.1.0
	 */
	public record ToolCall(int index, String toolName, UUID spanId, JsonNode arguments,
			@Nullable JsonNode recordedResult) {

		/**
		 * Returns the named arguments: the {@code kwargs} of a Python-recorded call, or the fields of a Java-recorded
		 * argument object.
		 * @return the named arguments, in recorded order
		 */
		public Map<String, JsonNode> named() {
			JsonNode source = isPythonShape() ? this.arguments.path("kwargs") : this.arguments;
			Map<String, JsonNode> named = new LinkedHashMap<>();
			if (source.isObject()) {
				source.properties().forEach((entry) -> named.put(entry.getKey(), entry.getValue()));
			}
			return Collections.unmodifiableMap(named);
		}

		/**
		 * Returns the positional arguments: the {@code args} of a Python-recorded call, or the elements of a
		 * Java-recorded argument array; empty for named arguments.
		 * @return the positional arguments
		 */
		public List<JsonNode> positional() {
			JsonNode source = isPythonShape() ? this.arguments.path("args") : this.arguments;
			List<JsonNode> positional = new ArrayList<>();
			if (source.isArray()) {
				source.forEach(positional::add);
			}
			return Collections.unmodifiableList(positional);
		}

		/**
		 * Returns one argument by name, falling back to nothing.
		 * @param name the argument name
		 * @return the argument, or {@code null} when absent
		 */
		public @Nullable JsonNode argument(String name) {
			return named().get(name);
		}

		private boolean isPythonShape() {
			if (!this.arguments.isObject() || this.arguments.size() == 0 || this.arguments.size() > 2) {
				return false;
			}
			for (String name : this.arguments.propertyNames()) {
				if (!name.equals("args") && !name.equals("kwargs")) {
					return false;
				}
			}
			JsonNode args = this.arguments.get("args");
			JsonNode kwargs = this.arguments.get("kwargs");
			return (args == null || args.isArray()) && (kwargs == null || kwargs.isObject());
		}

	}

	/**
	 * Thrown by {@link #replay()} when a tool fails.
	 *
	 * @since 0.1.0
	 */
	public static final class ReplayException extends RuntimeException {

		ReplayException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
