package ai.northstar.local.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ai.northstar.local.IngestOrder;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSession;
import ai.northstar.local.StoredSpan;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored run written back as one ingest batch, in the wire format the SDK sends: optional fields left out when
 * absent, timestamps as ISO-8601 instants, spans parents first.
 */
final class RunExport {

	private RunExport() {
	}

	static ObjectNode batch(RunDetail detail) {
		ObjectNode batch = Rows.MAPPER.createObjectNode().put("schema_version", 2);
		ArrayNode sessions = batch.putArray("sessions");
		StoredSession session = detail.session();
		if (session != null) {
			ObjectNode record = sessions.addObject()
				.put("id", session.id().toString())
				.put("created_at", session.createdAt().toString());
			putInstant(record, "ended_at", session.endedAt());
			record.set("metadata", session.metadata());
		}
		StoredRun run = detail.run();
		ObjectNode runRecord = batch.putArray("runs")
			.addObject()
			.put("id", run.id().toString())
			.put("session_id", run.sessionId().toString())
			.put("name", run.name())
			.put("started_at", run.startedAt().toString());
		putInstant(runRecord, "ended_at", run.endedAt());
		runRecord.put("status", run.status());
		if (run.error() != null) {
			runRecord.set("error", run.error());
		}
		runRecord.set("metadata", run.metadata());
		List<JsonNode> spans = new ArrayList<>();
		for (StoredSpan span : detail.spans()) {
			ObjectNode record = Rows.MAPPER.createObjectNode()
				.put("id", span.id().toString())
				.put("run_id", span.runId().toString());
			if (span.parentSpanId() != null) {
				record.put("parent_span_id", span.parentSpanId().toString());
			}
			record.put("kind", span.kind()).put("name", span.name()).put("started_at", span.startedAt().toString());
			putInstant(record, "ended_at", span.endedAt());
			record.put("status", span.status());
			if (span.error() != null) {
				record.set("error", span.error());
			}
			if (span.iteration() != null) {
				record.put("iteration", span.iteration());
			}
			record.set("attributes", span.attributes());
			spans.add(record);
		}
		ArrayNode spanArray = batch.putArray("spans");
		IngestOrder.parentsFirst(spans).forEach(spanArray::add);
		ArrayNode events = batch.putArray("events");
		for (StoredEvent event : detail.events()) {
			ObjectNode record = events.addObject()
				.put("id", event.id().toString())
				.put("run_id", event.runId().toString());
			if (event.spanId() != null) {
				record.put("span_id", event.spanId().toString());
			}
			record.put("type", event.type()).put("created_at", event.createdAt().toString());
			record.set("content", event.content());
			record.set("attributes", event.attributes());
		}
		ArrayNode scores = batch.putArray("scores");
		for (StoredScore score : detail.scores()) {
			ObjectNode record = scores.addObject()
				.put("id", score.id().toString())
				.put("trace_id", score.traceId().toString());
			if (score.spanId() != null) {
				record.put("span_id", score.spanId().toString());
			}
			record.put("name", score.name()).put("value", score.value()).put("data_type", score.dataType());
			if (score.stringValue() != null) {
				record.put("string_value", score.stringValue());
			}
			record.put("source", score.source());
			if (score.comment() != null) {
				record.put("comment", score.comment());
			}
			record.put("created_at", score.createdAt().toString());
		}
		ArrayNode links = batch.putArray("prompt_links");
		for (RunDetail.LinkedPrompt prompt : detail.prompts()) {
			ObjectNode record = links.addObject()
				.put("trace_id", prompt.link().traceId().toString())
				.put("span_id", prompt.link().spanId().toString())
				.put("prompt_version_id", prompt.link().promptVersionId().toString());
			record.set("variable_values", prompt.link().variableValues());
		}
		return batch;
	}

	private static void putInstant(ObjectNode record, String key, @Nullable Instant instant) {
		if (instant != null) {
			record.put(key, instant.toString());
		}
	}

}
