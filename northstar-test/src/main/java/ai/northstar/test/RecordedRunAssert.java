package ai.northstar.test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

import ai.northstar.EventType;
import ai.northstar.RunStatus;
import ai.northstar.SpanKind;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSpan;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AssertJ assertions on a {@link RecordedRun}: status and error, spans, events, tool calls, model usage and cost,
 * scores and prompt links. Every failure message ends with the run drawn as a tree. Obtained from
 * {@link NorthstarAssertions#assertThat(RecordedRun)}.
 *
 * <pre>{@code
 * assertThat(run).isOk()
 *     .hasToolCalls("search_docs", "calculator")
 *     .hasToolCall("search_docs", Map.of("query", "naïve café ☕"))
 *     .hasEventContaining(EventType.FINAL_RESPONSE, "☕")
 *     .hasScore("answered", true);
 * assertThat(run).hasSpan("search_docs").hasKind(SpanKind.TOOL).hasParent("plan");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RecordedRunAssert extends AbstractAssert<RecordedRunAssert, RecordedRun> {

	private static final double COST_TOLERANCE = 1e-9;

	RecordedRunAssert(RecordedRun actual) {
		super(actual, RecordedRunAssert.class);
	}

	private RecordedRun run() {
		isNotNull();
		return this.actual;
	}

	private void fail(String message) {
		failWithMessage("%s", message + "\nRecorded run:\n" + run().tree());
	}

	/**
	 * Verifies the run's name.
	 * @param name the expected name
	 * @return this
	 */
	public RecordedRunAssert hasName(String name) {
		if (!run().name().equals(name)) {
			fail("Expected run name \"" + name + "\" but was \"" + run().name() + "\"");
		}
		return this;
	}

	/**
	 * Verifies the run's status.
	 * @param status the expected status
	 * @return this
	 */
	public RecordedRunAssert hasStatus(RunStatus status) {
		if (run().status() != status) {
			fail("Expected run status " + status.wireValue() + " but was " + run().stored().status());
		}
		return this;
	}

	/**
	 * Verifies that the run ended {@code ok}.
	 * @return this
	 */
	public RecordedRunAssert isOk() {
		return hasStatus(RunStatus.OK);
	}

	/**
	 * Verifies that the run ended with status {@code error}.
	 * @return this
	 */
	public RecordedRunAssert isError() {
		return hasStatus(RunStatus.ERROR);
	}

	/**
	 * Verifies the type of the run's error: the simple name of the exception class.
	 * @param type the expected type, such as {@code IllegalStateException}
	 * @return this
	 */
	public RecordedRunAssert hasErrorOfType(String type) {
		ObjectNode error = run().error().orElse(null);
		if (error == null || !type.equals(error.path("type").asString(null))) {
			fail("Expected an error of type " + type + " but was " + ((error != null) ? error : "none"));
		}
		return this;
	}

	/**
	 * Verifies that the run's error message contains a text.
	 * @param text the text
	 * @return this
	 */
	public RecordedRunAssert hasErrorMessageContaining(String text) {
		ObjectNode error = run().error().orElse(null);
		String message = (error != null) ? error.path("message").asString("") : null;
		if (message == null || !message.contains(text)) {
			fail("Expected an error message containing \"" + text + "\" but was " + ((error != null) ? error : "none"));
		}
		return this;
	}

	/**
	 * Verifies one metadata entry of the run, numbers compared by value.
	 * @param key the key
	 * @param value the expected value, converted to JSON
	 * @return this
	 */
	public RecordedRunAssert hasMetadata(String key, @Nullable Object value) {
		JsonNode actualValue = run().metadata().get(key);
		if (!JsonValues.equivalent(actualValue, JsonValues.toJson(value))) {
			fail("Expected metadata " + key + "=" + JsonValues.toJson(value) + " but was " + actualValue);
		}
		return this;
	}

	/**
	 * Verifies that the run has a span of a name, and returns assertions on the first such span.
	 * @param name the span name
	 * @return assertions on the span
	 */
	public RecordedSpanAssert hasSpan(String name) {
		StoredSpan span = run().span(name).orElse(null);
		if (span == null) {
			fail("Expected a span named \"" + name + "\" but the run has " + names(run().spans()));
		}
		return new RecordedSpanAssert(run(), Objects.requireNonNull(span));
	}

	/**
	 * Verifies that the run has a span of a name and kind, and returns assertions on the first such span.
	 * @param name the span name
	 * @param kind the span kind
	 * @return assertions on the span
	 */
	public RecordedSpanAssert hasSpan(String name, SpanKind kind) {
		StoredSpan span = run().spans(name)
			.stream()
			.filter((candidate) -> candidate.kind().equals(kind.wireValue()))
			.findFirst()
			.orElse(null);
		if (span == null) {
			fail("Expected a " + kind.wireValue() + " span named \"" + name + "\" but the run has " + names(run().spans()));
		}
		return new RecordedSpanAssert(run(), Objects.requireNonNull(span));
	}

	/**
	 * Verifies how many spans of a kind the run has.
	 * @param kind the kind
	 * @param count the expected number
	 * @return this
	 */
	public RecordedRunAssert hasSpanCount(SpanKind kind, int count) {
		long actualCount = run().spans().stream().filter((span) -> span.kind().equals(kind.wireValue())).count();
		if (actualCount != count) {
			fail("Expected " + count + " " + kind.wireValue() + " span(s) but found " + actualCount);
		}
		return this;
	}

	/**
	 * Verifies that the run, or one of its spans, has an event of a type.
	 * @param type the event type
	 * @return this
	 */
	public RecordedRunAssert hasEvent(EventType type) {
		if (run().events(type).isEmpty()) {
			fail("Expected a " + type.wireValue() + " event but found none");
		}
		return this;
	}

	/**
	 * Verifies that the run has no event of a type.
	 * @param type the event type
	 * @return this
	 */
	public RecordedRunAssert hasNoEvent(EventType type) {
		if (!run().events(type).isEmpty()) {
			fail("Expected no " + type.wireValue() + " event but found " + run().events(type).size());
		}
		return this;
	}

	/**
	 * Verifies that an event of a type has content containing a text (in the text itself, or in any string of
	 * structured content).
	 * @param type the event type
	 * @param text the text
	 * @return this
	 */
	public RecordedRunAssert hasEventContaining(EventType type, String text) {
		return hasEventMatching(type, (event) -> JsonValues.contentContains(event.content(), text),
				"containing \"" + text + "\"");
	}

	/**
	 * Verifies that an event of a type has exactly this content, numbers compared by value.
	 * @param type the event type
	 * @param content the expected content, converted to JSON
	 * @return this
	 */
	public RecordedRunAssert hasEventWithContent(EventType type, @Nullable Object content) {
		JsonNode expected = JsonValues.toJson(content);
		return hasEventMatching(type, (event) -> JsonValues.equivalent(event.content(), expected),
				"with content " + expected);
	}

	private RecordedRunAssert hasEventMatching(EventType type, Predicate<StoredEvent> condition, String description) {
		List<StoredEvent> events = run().events(type);
		if (events.stream().noneMatch(condition)) {
			fail("Expected a " + type.wireValue() + " event " + description + " but found "
					+ events.stream().map((event) -> RunTree.compact(event.content(), RunTree.MAX_VALUE_LENGTH)).toList());
		}
		return this;
	}

	/**
	 * Verifies the tool calls, exactly and in order, by tool name.
	 * @param names the expected tool names
	 * @return this
	 */
	public RecordedRunAssert hasToolCalls(String... names) {
		List<String> actualNames = run().toolCalls().stream().map(RecordedToolCall::name).toList();
		if (!actualNames.equals(Arrays.asList(names))) {
			fail("Expected tool calls " + Arrays.asList(names) + " but were " + actualNames);
		}
		return this;
	}

	/**
	 * Verifies that no tool was called.
	 * @return this
	 */
	public RecordedRunAssert hasNoToolCalls() {
		return hasToolCalls();
	}

	/**
	 * Verifies that a tool was called with at least these named arguments (nested objects compared as subsets,
	 * numbers by value).
	 * @param name the tool name
	 * @param arguments the expected arguments, a subset of the recorded ones
	 * @return this
	 */
	public RecordedRunAssert hasToolCall(String name, Map<String, ?> arguments) {
		JsonNode expected = JsonValues.toJson(arguments);
		List<RecordedToolCall> calls = run().toolCalls().stream().filter((call) -> call.name().equals(name)).toList();
		boolean found = calls.stream()
			.anyMatch((call) -> JsonValues.containsSubset(JsonValues.toJson(call.namedArguments()), expected));
		if (!found) {
			fail("Expected a call of tool \"" + name + "\" with arguments " + expected + " but found "
					+ (calls.isEmpty() ? "no call of it" : calls.stream().map(RecordedToolCall::namedArguments).toList()));
		}
		return this;
	}

	/**
	 * Verifies the usage of a model span: its model and token counts.
	 * @param model the model id, such as {@code gpt-4o}
	 * @param inputTokens the expected input tokens
	 * @param outputTokens the expected output tokens
	 * @return this
	 */
	public RecordedRunAssert hasModelUsage(String model, long inputTokens, long outputTokens) {
		boolean found = run().spans().stream().filter((span) -> span.kind().equals(SpanKind.MODEL.wireValue())).anyMatch(
				(span) -> model.equals(span.attributes().path("model").asString(null))
						&& span.attributes().path("input_tokens").asLong(-1) == inputTokens
						&& span.attributes().path("output_tokens").asLong(-1) == outputTokens);
		if (!found) {
			fail("Expected a model span of " + model + " with " + inputTokens + " input and " + outputTokens
					+ " output tokens");
		}
		return this;
	}

	/**
	 * Verifies the token totals of the run ({@code total_input_tokens}, {@code total_output_tokens}).
	 * @param inputTokens the expected input tokens
	 * @param outputTokens the expected output tokens
	 * @return this
	 */
	public RecordedRunAssert hasTotalTokens(long inputTokens, long outputTokens) {
		ObjectNode metadata = run().metadata();
		long input = metadata.path("total_input_tokens").asLong(-1);
		long output = metadata.path("total_output_tokens").asLong(-1);
		if (input != inputTokens || output != outputTokens) {
			fail("Expected " + inputTokens + " input and " + outputTokens + " output tokens in total but were "
					+ metadata.get("total_input_tokens") + " and " + metadata.get("total_output_tokens"));
		}
		return this;
	}

	/**
	 * Verifies the run's {@code cost_usd}, within 1e-9.
	 * @param costUsd the expected cost in US dollars
	 * @return this
	 */
	public RecordedRunAssert hasCostUsd(double costUsd) {
		JsonNode cost = run().metadata().get("cost_usd");
		if (cost == null || !cost.isNumber() || Math.abs(cost.asDouble() - costUsd) > COST_TOLERANCE) {
			fail("Expected cost_usd " + costUsd + " but was " + cost);
		}
		return this;
	}

	/**
	 * Verifies that the run's {@code cost_usd} is at most a limit.
	 * @param maxCostUsd the limit in US dollars
	 * @return this
	 */
	public RecordedRunAssert hasCostUsdAtMost(double maxCostUsd) {
		JsonNode cost = run().metadata().get("cost_usd");
		if (cost == null || !cost.isNumber() || cost.asDouble() > maxCostUsd) {
			fail("Expected cost_usd at most " + maxCostUsd + " but was " + cost);
		}
		return this;
	}

	/**
	 * Verifies that the run has a score of a name.
	 * @param name the score name
	 * @return this
	 */
	public RecordedRunAssert hasScore(String name) {
		if (run().scores(name).isEmpty()) {
			fail("Expected a score named \"" + name + "\" but the run has " + run().scores().stream().map(StoredScore::name).toList());
		}
		return this;
	}

	/**
	 * Verifies a score's value: a {@code Boolean} for a boolean score, a {@code CharSequence} for a categorical one,
	 * a {@code Number} for a numeric one.
	 * @param name the score name
	 * @param value the expected value
	 * @return this
	 */
	public RecordedRunAssert hasScore(String name, Object value) {
		hasScore(name);
		boolean found = run().scores(name).stream().anyMatch((score) -> scoreMatches(score, value));
		if (!found) {
			fail("Expected score " + name + "=" + value + " but found " + run().scores(name).stream()
				.map((score) -> score.dataType() + " " + ((score.stringValue() != null) ? score.stringValue() : score.value()))
				.toList());
		}
		return this;
	}

	private static boolean scoreMatches(StoredScore score, Object value) {
		if (value instanceof Boolean bool) {
			return score.dataType().equals("boolean") && score.value() == (bool ? 1.0 : 0.0);
		}
		if (value instanceof CharSequence text) {
			return score.dataType().equals("categorical") && text.toString().equals(score.stringValue());
		}
		if (value instanceof Number number) {
			return score.dataType().equals("numeric") && score.value() == number.doubleValue();
		}
		return false;
	}

	/**
	 * Verifies that a prompt version was linked to one of the run's spans.
	 * @param promptVersionId the prompt version id
	 * @return this
	 */
	public RecordedRunAssert hasPromptLink(UUID promptVersionId) {
		if (run().promptLinks().stream().noneMatch((link) -> link.promptVersionId().equals(promptVersionId))) {
			fail("Expected a prompt link to prompt version " + promptVersionId + " but found "
					+ run().promptLinks().stream().map((link) -> link.promptVersionId()).toList());
		}
		return this;
	}

	private static List<String> names(List<StoredSpan> spans) {
		return spans.stream().map((span) -> span.kind() + " \"" + span.name() + "\"").toList();
	}

}
