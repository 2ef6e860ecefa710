package ai.northstar.test;

import java.time.Instant;

import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSession;
import ai.northstar.local.StoredSpan;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link RecordedRun} back into the wire format of a batch.
 */
final class RecordedBatches {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private RecordedBatches() {
	}

	static String write(RecordedRun run) {
		return MAPPER.writeValueAsString(batch(run));
	}

	static ObjectNode batch(RecordedRun recorded) {
		ObjectNode batch = NODES.objectNode();
		batch.put("schema_version", 2);
		ArrayNode sessions = batch.putArray("sessions");
		recorded.session().ifPresent((session) -> sessions.add(session(session)));
		batch.putArray("runs").add(run(recorded.stored()));
		ArrayNode spans = batch.putArray("spans");
		recorded.spans().forEach((span) -> spans.add(span(span)));
		ArrayNode events = batch.putArray("events");
		recorded.events().forEach((event) -> events.add(event(event)));
		ArrayNode scores = batch.putArray("scores");
		recorded.scores().forEach((score) -> scores.add(score(score)));
		return batch;
	}

	private static ObjectNode session(StoredSession session) {
		ObjectNode node = NODES.objectNode();
		node.put("id", session.id().toString());
		node.put("created_at", session.createdAt().toString());
		putTime(node, "ended_at", session.endedAt());
		node.set("metadata", session.metadata());
		return node;
	}

	private static ObjectNode run(StoredRun run) {
		ObjectNode node = NODES.objectNode();
		node.put("id", run.id().toString());
		node.put("session_id", run.sessionId().toString());
		node.put("name", run.name());
		node.put("started_at", run.startedAt().toString());
		putTime(node, "ended_at", run.endedAt());
		node.put("status", run.status());
		if (run.error() != null) {
			node.set("error", run.error());
		}
		node.set("metadata", run.metadata());
		return node;
	}

	private static ObjectNode span(StoredSpan span) {
		ObjectNode node = NODES.objectNode();
		node.put("id", span.id().toString());
		node.put("run_id", span.runId().toString());
		if (span.parentSpanId() != null) {
			node.put("parent_span_id", span.parentSpanId().toString());
		}
		node.put("kind", span.kind());
		node.put("name", span.name());
		node.put("started_at", span.startedAt().toString());
		putTime(node, "ended_at", span.endedAt());
		node.put("status", span.status());
		if (span.error() != null) {
			node.set("error", span.error());
		}
		if (span.iteration() != null) {
			node.put("iteration", span.iteration());
		}
		node.set("attributes", span.attributes());
		return node;
	}

	private static ObjectNode event(StoredEvent event) {
		ObjectNode node = NODES.objectNode();
		node.put("id", event.id().toString());
		node.put("run_id", event.runId().toString());
		if (event.spanId() != null) {
			node.put("span_id", event.spanId().toString());
		}
		node.put("type", event.type());
		node.put("created_at", event.createdAt().toString());
		node.set("content", event.content());
		node.set("attributes", event.attributes());
		return node;
	}

	private static ObjectNode score(StoredScore score) {
		ObjectNode node = NODES.objectNode();
		node.put("id", score.id().toString());
		node.put("trace_id", score.traceId().toString());
		if (score.spanId() != null) {
			node.put("span_id", score.spanId().toString());
		}
		node.put("name", score.name());
		node.put("value", score.value());
		node.put("data_type", score.dataType());
		if (score.stringValue() != null) {
			node.put("string_value", score.stringValue());
		}
		node.put("source", score.source());
		if (score.comment() != null) {
			node.put("comment", score.comment());
		}
		node.put("created_at", score.createdAt().toString());
		return node;
	}

	private static void putTime(ObjectNode node, String name, @Nullable Instant time) {
		if (time != null) {
			node.put(name, time.toString());
		}
	}

}
