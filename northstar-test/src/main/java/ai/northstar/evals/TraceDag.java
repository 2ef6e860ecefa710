package ai.northstar.evals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run read from a batch as a graph for the trace graders: the run, its spans (by start time), its events (by
 * creation time, numbered by {@code order}) and the edges between them ({@code parent_child} from a span to its
 * child, {@code span_event} from a span to its events, {@code next_event} from each event to the next), as the
 * Python SDK's {@code EvalTraceDag}. Unlike the Python SDK, the batch need not hold the run's session.
 *
 * @param run the run
 * @param spans the spans
 * @param events the events
 * @param edges the edges
 * @since 0.1.0
 */
public record TraceDag(TraceRun run, List<TraceSpan> spans, List<TraceEvent> events, List<TraceEdge> edges) {

	public TraceDag {
		spans = List.copyOf(spans);
		events = List.copyOf(events);
		edges = List.copyOf(edges);
	}

	/**
	 * Reads one run of a batch.
	 * @param payload the batch
	 * @param runId the run id
	 * @return the graph
	 * @throws IllegalArgumentException when the batch holds no such run
	 */
	public static TraceDag fromPayload(JsonNode payload, String runId) {
		JsonNode runNode = null;
		for (JsonNode candidate : payload.path("runs")) {
			if (runId.equals(candidate.path("id").asString(null))) {
				runNode = candidate;
			}
		}
		if (runNode == null) {
			throw new IllegalArgumentException("run '" + runId + "' was not found in the payload");
		}
		TraceRun run = new TraceRun(runId, text(runNode, "name"), text(runNode, "status"), text(runNode, "started_at"),
				text(runNode, "ended_at"), object(runNode, "error"), map(runNode, "metadata"));
		List<TraceSpan> spans = new ArrayList<>();
		for (JsonNode span : payload.path("spans")) {
			if (runId.equals(span.path("run_id").asString(null))) {
				spans.add(new TraceSpan(span.path("id").asString(""), runId, text(span, "parent_span_id"),
						span.path("kind").asString(""), span.path("name").asString(""), text(span, "started_at"),
						text(span, "ended_at"), text(span, "status"), object(span, "error"),
						span.path("iteration").isIntegralNumber() ? span.path("iteration").asInt() : null,
						map(span, "attributes")));
			}
		}
		spans.sort(Comparator.comparing((TraceSpan span) -> parseTime(span.startedAt()),
				Comparator.nullsLast(Comparator.naturalOrder())));
		List<JsonNode> eventNodes = new ArrayList<>();
		payload.path("events").forEach((event) -> {
			if (runId.equals(event.path("run_id").asString(null))) {
				eventNodes.add(event);
			}
		});
		eventNodes.sort(Comparator.comparing((JsonNode event) -> parseTime(text(event, "created_at")),
				Comparator.nullsLast(Comparator.naturalOrder())));
		List<TraceEvent> events = new ArrayList<>();
		for (JsonNode event : eventNodes) {
			JsonNode content = event.has("content") ? event.get("content") : NullNode.getInstance();
			events.add(new TraceEvent(event.path("id").asString(""), runId, text(event, "span_id"),
					event.path("type").asString(""), text(event, "created_at"), content, map(event, "attributes"),
					events.size()));
		}
		return new TraceDag(run, spans, events, edges(spans, events));
	}

	private static List<TraceEdge> edges(List<TraceSpan> spans, List<TraceEvent> events) {
		Set<String> spanIds = new HashSet<>();
		spans.forEach((span) -> spanIds.add(span.id()));
		List<TraceEdge> edges = new ArrayList<>();
		for (TraceSpan span : spans) {
			if (span.parentSpanId() != null && spanIds.contains(span.parentSpanId())) {
				edges.add(new TraceEdge(span.parentSpanId(), span.id(), TraceEdge.PARENT_CHILD));
			}
		}
		for (TraceEvent event : events) {
			if (event.spanId() != null && spanIds.contains(event.spanId())) {
				edges.add(new TraceEdge(event.spanId(), event.id(), TraceEdge.SPAN_EVENT));
			}
		}
		for (int i = 1; i < events.size(); i++) {
			edges.add(new TraceEdge(events.get(i - 1).id(), events.get(i).id(), TraceEdge.NEXT_EVENT));
		}
		return edges;
	}

	/**
	 * Parses a protocol timestamp.
	 * @param text the timestamp
	 * @return the instant, {@code null} when absent or not a timestamp
	 */
	public static @Nullable Instant parseTime(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value != null && !value.isNull()) ? EvalJson.pyStr(value) : null;
	}

	private static @Nullable ObjectNode object(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value != null && value.isObject()) ? (ObjectNode) value.deepCopy() : null;
	}

	private static Map<String, JsonNode> map(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value != null && value.isObject()) ? CaseReader.copy(value) : Map.of();
	}

	/**
	 * The run of a trace.
	 *
	 * @param runId the run id
	 * @param name the name
	 * @param status the status
	 * @param startedAt the start timestamp
	 * @param endedAt the end timestamp
	 * @param error the error object
	 * @param metadata the metadata
	 * @since 0.1.0
	 */
	public record TraceRun(String runId, @Nullable String name, @Nullable String status, @Nullable String startedAt,
			@Nullable String endedAt, @Nullable ObjectNode error, Map<String, JsonNode> metadata) {

		/**
		 * Returns the run as JSON, every key present.
		 * @return the JSON
		 */
		public ObjectNode toJson() {
			ObjectNode node = EvalJson.NODES.objectNode();
			node.put("run_id", this.runId);
			node.put("name", this.name);
			node.put("status", this.status);
			node.put("started_at", this.startedAt);
			node.put("ended_at", this.endedAt);
			node.set("error", (this.error != null) ? this.error : NullNode.getInstance());
			node.set("metadata", EvalJson.toJson(this.metadata));
			return node;
		}

	}

	/**
	 * A span of a trace.
	 *
	 * @param id the span id
	 * @param runId the run id
	 * @param parentSpanId the parent span id
	 * @param kind the kind
	 * @param name the name
	 * @param startedAt the start timestamp
	 * @param endedAt the end timestamp
	 * @param status the status
	 * @param error the error object
	 * @param iteration the iteration
	 * @param attributes the attributes
	 * @since 0.1.0
	 */
	public record TraceSpan(String id, String runId, @Nullable String parentSpanId, String kind, String name,
			@Nullable String startedAt, @Nullable String endedAt, @Nullable String status, @Nullable ObjectNode error,
			@Nullable Integer iteration, Map<String, JsonNode> attributes) {

		/**
		 * Returns whether the span failed: status {@code error} or an error recorded.
		 * @return {@code true} when it failed
		 */
		public boolean hasError() {
			return "error".equals(this.status) || this.error != null;
		}

		/**
		 * Returns the span as JSON, every key present.
		 * @return the JSON
		 */
		public ObjectNode toJson() {
			ObjectNode node = EvalJson.NODES.objectNode();
			node.put("id", this.id);
			node.put("run_id", this.runId);
			node.put("parent_span_id", this.parentSpanId);
			node.put("kind", this.kind);
			node.put("name", this.name);
			node.put("started_at", this.startedAt);
			node.put("ended_at", this.endedAt);
			node.put("status", this.status);
			node.set("error", (this.error != null) ? this.error : NullNode.getInstance());
			if (this.iteration != null) {
				node.put("iteration", this.iteration);
			}
			else {
				node.putNull("iteration");
			}
			node.set("attributes", EvalJson.toJson(this.attributes));
			return node;
		}

	}

	/**
	 * An event of a trace.
	 *
	 * @param id the event id
	 * @param runId the run id
	 * @param spanId the span id
	 * @param type the type
	 * @param createdAt the creation timestamp
	 * @param content the content
	 * @param attributes the attributes
	 * @param order the position among the run's events, from 0
	 * @since 0.1.0
	 */
	public record TraceEvent(String id, String runId, @Nullable String spanId, String type, @Nullable String createdAt,
			JsonNode content, Map<String, JsonNode> attributes, int order) {

		public TraceEvent {
			Objects.requireNonNull(content, "content must not be null");
		}

	}

	/**
	 * An edge of a trace graph.
	 *
	 * @param sourceId the source id
	 * @param targetId the target id
	 * @param kind {@value #PARENT_CHILD}, {@value #SPAN_EVENT} or {@value #NEXT_EVENT}
	 * @since 0.1.0
	 */
	public record TraceEdge(String sourceId, String targetId, String kind) {

		/** From a span to a child span. */
		public static final String PARENT_CHILD = "parent_child";

		/** From a span to one of its events. */
		public static final String SPAN_EVENT = "span_event";

		/** From an event to the next. */
		public static final String NEXT_EVENT = "next_event";

	}

}
