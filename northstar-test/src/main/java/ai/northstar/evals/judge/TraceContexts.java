package ai.northstar.evals.judge;

import ai.northstar.evals.TraceDag;
import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The trace a trace judge shows its model, within the Python SDK's limits: the run, the first
 * {@value #MAX_SPANS} spans (attributes up to {@value #MAX_SPAN_ATTRIBUTES} characters) and the first
 * {@value #MAX_EVENTS} events (content up to {@value #MAX_EVENT_CONTENT}, attributes up to
 * {@value #MAX_EVENT_ATTRIBUTES}). A longer value becomes its first characters followed by {@code ...[truncated]};
 * lengths count the characters of the value as text (sorted JSON when not a string), never splitting a surrogate
 * pair.
 *
 * @since 0.1.0
 */
public final class TraceContexts {

	/** The most spans shown. */
	public static final int MAX_SPANS = 80;

	/** The most events shown. */
	public static final int MAX_EVENTS = 40;

	/** The most characters of a span's attributes. */
	public static final int MAX_SPAN_ATTRIBUTES = 1000;

	/** The most characters of an event's content. */
	public static final int MAX_EVENT_CONTENT = 1500;

	/** The most characters of an event's attributes. */
	public static final int MAX_EVENT_ATTRIBUTES = 800;

	/** What follows a truncated value. */
	public static final String TRUNCATED = "...[truncated]";

	private TraceContexts() {
	}

	/**
	 * Returns the bounded trace.
	 * @param trace the trace
	 * @return {@code {"run", "spans", "events"}}
	 */
	public static ObjectNode bounded(TraceDag trace) {
		ObjectNode context = EvalJson.NODES.objectNode();
		context.set("run", trace.run().toJson());
		ArrayNode spans = context.putArray("spans");
		for (TraceDag.TraceSpan span : trace.spans().subList(0, Math.min(MAX_SPANS, trace.spans().size()))) {
			ObjectNode item = spans.addObject();
			item.put("id", span.id());
			item.put("parent_span_id", span.parentSpanId());
			item.put("kind", span.kind());
			item.put("name", span.name());
			item.put("status", span.status());
			item.set("error", EvalJson.toJson(span.error()));
			item.set("attributes", bound(EvalJson.toJson(span.attributes()), MAX_SPAN_ATTRIBUTES));
		}
		ArrayNode events = context.putArray("events");
		for (TraceDag.TraceEvent event : trace.events().subList(0, Math.min(MAX_EVENTS, trace.events().size()))) {
			ObjectNode item = events.addObject();
			item.put("id", event.id());
			item.put("span_id", event.spanId());
			item.put("type", event.type());
			item.put("order", event.order());
			item.set("content", bound(event.content(), MAX_EVENT_CONTENT));
			item.set("attributes", bound(EvalJson.toJson(event.attributes()), MAX_EVENT_ATTRIBUTES));
		}
		return context;
	}

	/**
	 * Bounds one value.
	 * @param value the value
	 * @param maxChars the most characters
	 * @return the value, or its truncated text
	 */
	public static JsonNode bound(@Nullable JsonNode value, int maxChars) {
		JsonNode node = EvalJson.toJson(value);
		String text = EvalJson.text(node);
		if (text.length() <= maxChars) {
			return node;
		}
		int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
		return EvalJson.NODES.stringNode(text.substring(0, end) + TRUNCATED);
	}

}
