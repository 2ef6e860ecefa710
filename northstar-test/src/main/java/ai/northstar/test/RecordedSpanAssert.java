package ai.northstar.test;

import java.util.List;

import ai.northstar.EventType;
import ai.northstar.RunStatus;
import ai.northstar.SpanKind;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredSpan;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * AssertJ assertions on one span of a {@link RecordedRun}: kind, parent, status, iteration, attributes and events.
 * Every failure message ends with the run drawn as a tree. Obtained from {@link RecordedRunAssert#hasSpan(String)}.
 *
 * @since 0.1.0
 */
public final class RecordedSpanAssert extends AbstractAssert<RecordedSpanAssert, StoredSpan> {

	private final RecordedRun run;

	RecordedSpanAssert(RecordedRun run, StoredSpan span) {
		super(span, RecordedSpanAssert.class);
		this.run = run;
	}

	private void fail(String message) {
		failWithMessage("%s", "Span " + this.actual.kind() + " \"" + this.actual.name() + "\": " + message
				+ "\nRecorded run:\n" + this.run.tree());
	}

	/**
	 * Verifies the span's kind.
	 * @param kind the expected kind
	 * @return this
	 */
	public RecordedSpanAssert hasKind(SpanKind kind) {
		if (!this.actual.kind().equals(kind.wireValue())) {
			fail("expected kind " + kind.wireValue() + " but was " + this.actual.kind());
		}
		return this;
	}

	/**
	 * Verifies that the span's parent is a span of this name.
	 * @param parentName the parent's name
	 * @return this
	 */
	public RecordedSpanAssert hasParent(String parentName) {
		StoredSpan parent = (this.actual.parentSpanId() != null) ? this.run.span(this.actual.parentSpanId()).orElse(null)
				: null;
		if (parent == null || !parent.name().equals(parentName)) {
			fail("expected parent \"" + parentName + "\" but was " + ((parent != null) ? "\"" + parent.name() + "\"" : "the run"));
		}
		return this;
	}

	/**
	 * Verifies that the span is directly under the run.
	 * @return this
	 */
	public RecordedSpanAssert isRoot() {
		if (this.actual.parentSpanId() != null) {
			fail("expected no parent span but its parent is " + this.run.span(this.actual.parentSpanId())
				.map((parent) -> "\"" + parent.name() + "\"")
				.orElse(String.valueOf(this.actual.parentSpanId())));
		}
		return this;
	}

	/**
	 * Verifies the span's status.
	 * @param status the expected status
	 * @return this
	 */
	public RecordedSpanAssert hasStatus(RunStatus status) {
		if (!this.actual.status().equals(status.wireValue())) {
			fail("expected status " + status.wireValue() + " but was " + this.actual.status());
		}
		return this;
	}

	/**
	 * Verifies that the span ended {@code ok}.
	 * @return this
	 */
	public RecordedSpanAssert isOk() {
		return hasStatus(RunStatus.OK);
	}

	/**
	 * Verifies that the span ended with status {@code error}, with an error of this type.
	 * @param type the simple name of the exception class
	 * @return this
	 */
	public RecordedSpanAssert hasErrorOfType(String type) {
		hasStatus(RunStatus.ERROR);
		if (this.actual.error() == null || !type.equals(this.actual.error().path("type").asString(null))) {
			fail("expected an error of type " + type + " but was " + this.actual.error());
		}
		return this;
	}

	/**
	 * Verifies the span's iteration.
	 * @param iteration the expected iteration
	 * @return this
	 */
	public RecordedSpanAssert hasIteration(int iteration) {
		if (this.actual.iteration() == null || this.actual.iteration() != iteration) {
			fail("expected iteration " + iteration + " but was " + this.actual.iteration());
		}
		return this;
	}

	/**
	 * Verifies one attribute of the span, numbers compared by value.
	 * @param key the attribute key
	 * @param value the expected value, converted to JSON
	 * @return this
	 */
	public RecordedSpanAssert hasAttribute(String key, @Nullable Object value) {
		JsonNode actualValue = this.actual.attributes().get(key);
		if (!JsonValues.equivalent(actualValue, JsonValues.toJson(value))) {
			fail("expected attribute " + key + "=" + JsonValues.toJson(value) + " but was " + actualValue);
		}
		return this;
	}

	/**
	 * Verifies that the span has an event of a type whose content contains a text.
	 * @param type the event type
	 * @param text the text
	 * @return this
	 */
	public RecordedSpanAssert hasEventContaining(EventType type, String text) {
		List<StoredEvent> events = this.run.eventsOf(this.actual)
			.stream()
			.filter((event) -> event.type().equals(type.wireValue()))
			.toList();
		if (events.stream().noneMatch((event) -> JsonValues.contentContains(event.content(), text))) {
			fail("expected a " + type.wireValue() + " event containing \"" + text + "\" but found "
					+ events.stream().map((event) -> RunTree.compact(event.content(), RunTree.MAX_VALUE_LENGTH)).toList());
		}
		return this;
	}

	/**
	 * Verifies that the span has an event of a type.
	 * @param type the event type
	 * @return this
	 */
	public RecordedSpanAssert hasEvent(EventType type) {
		if (this.run.eventsOf(this.actual).stream().noneMatch((event) -> event.type().equals(type.wireValue()))) {
			fail("expected a " + type.wireValue() + " event but found none");
		}
		return this;
	}

}
