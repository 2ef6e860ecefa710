package ai.northstar.local.jdbc;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Batches and records for the store tests, shaped like the SDK's, with text in several scripts and emoji.
 */
final class Batches {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	static final String STARTED = "2025-06-01T10:00:00Z";

	static final String ENDED = "2025-06-01T10:00:05.123456Z";

	/** Text in several scripts, with emoji (a ZWJ sequence among them). */
	static final String WORLD = "Grüße, мир, 世界, مرحبا, שלום 👩‍💻🚀";

	private Batches() {
	}

	static ObjectNode batch() {
		return MAPPER.createObjectNode().put("schema_version", 2);
	}

	static ObjectNode add(ObjectNode batch, String array, ObjectNode... records) {
		ArrayNode target = (batch.get(array) != null) ? (ArrayNode) batch.get(array) : batch.putArray(array);
		for (ObjectNode record : records) {
			target.add(record);
		}
		return batch;
	}

	static ObjectNode session(UUID id) {
		ObjectNode session = MAPPER.createObjectNode().put("id", id.toString()).put("created_at", STARTED);
		session.putObject("metadata").put("user 👤", WORLD);
		return session;
	}

	static ObjectNode run(UUID id, UUID sessionId) {
		return run(id, sessionId, "answer " + WORLD, STARTED);
	}

	static ObjectNode run(UUID id, UUID sessionId, String name, String startedAt) {
		ObjectNode run = MAPPER.createObjectNode()
			.put("id", id.toString())
			.put("session_id", sessionId.toString())
			.put("name", name)
			.put("started_at", startedAt)
			.put("status", "running");
		run.putObject("metadata").put("project", "démo 🚀");
		return run;
	}

	static ObjectNode span(UUID id, UUID runId, @Nullable UUID parentSpanId) {
		ObjectNode span = MAPPER.createObjectNode().put("id", id.toString()).put("run_id", runId.toString());
		if (parentSpanId != null) {
			span.put("parent_span_id", parentSpanId.toString());
		}
		span.put("kind", "tool").put("name", "search " + WORLD).put("started_at", STARTED).put("status", "running");
		span.put("iteration", 1);
		span.putObject("attributes").put("clé 🔑", WORLD);
		return span;
	}

	static ObjectNode event(UUID id, UUID runId, @Nullable UUID spanId, String type, Object content) {
		ObjectNode event = MAPPER.createObjectNode().put("id", id.toString()).put("run_id", runId.toString());
		if (spanId != null) {
			event.put("span_id", spanId.toString());
		}
		event.put("type", type).put("created_at", STARTED);
		event.set("content", MAPPER.valueToTree(content));
		event.putObject("attributes").put("note", WORLD);
		return event;
	}

	static ObjectNode score(UUID id, UUID runId, @Nullable UUID spanId) {
		ObjectNode score = MAPPER.createObjectNode().put("id", id.toString()).put("trace_id", runId.toString());
		if (spanId != null) {
			score.put("span_id", spanId.toString());
		}
		return score.put("name", "précision 🎯")
			.put("value", 0.9)
			.put("data_type", "numeric")
			.put("source", "api")
			.put("comment", WORLD)
			.put("created_at", STARTED);
	}

	static ObjectNode promptLink(UUID runId, UUID spanId, UUID promptVersionId) {
		ObjectNode link = MAPPER.createObjectNode()
			.put("trace_id", runId.toString())
			.put("span_id", spanId.toString())
			.put("prompt_version_id", promptVersionId.toString());
		link.putObject("variable_values").put("city", "Zürich 🌧");
		return link;
	}

	static String at(Instant instant) {
		return instant.toString();
	}

}
