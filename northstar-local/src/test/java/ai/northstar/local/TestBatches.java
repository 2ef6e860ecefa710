package ai.northstar.local;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid batches and records for tests, shaped like the reference SDK's.
 */
final class TestBatches {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	static final String STARTED = "2025-06-01T10:00:00Z";

	static final String ENDED = "2025-06-01T10:00:05.123456Z";

	/** The prompt version {@link #full()} links to: define it in a store before ingesting that batch. */
	static final PromptDefinition PROMPT = PromptDefinition.builder("Weather report", "Weather in {{ city }}?")
		.labels("prod")
		.build();

	private TestBatches() {
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
		session.putObject("metadata").put("user", "alice");
		return session;
	}

	static ObjectNode run(UUID id, UUID sessionId) {
		ObjectNode run = MAPPER.createObjectNode()
			.put("id", id.toString())
			.put("session_id", sessionId.toString())
			.put("name", "answer")
			.put("started_at", STARTED)
			.put("status", "running");
		run.putObject("metadata").put("project", "demo");
		return run;
	}

	static ObjectNode span(UUID id, UUID runId, @Nullable UUID parentSpanId) {
		ObjectNode span = MAPPER.createObjectNode().put("id", id.toString()).put("run_id", runId.toString());
		if (parentSpanId != null) {
			span.put("parent_span_id", parentSpanId.toString());
		}
		span.put("kind", "tool").put("name", "search").put("started_at", STARTED).put("status", "running");
		span.put("iteration", 1);
		span.putObject("attributes").put("model", "gpt");
		return span;
	}

	static ObjectNode event(UUID id, UUID runId, @Nullable UUID spanId) {
		ObjectNode event = MAPPER.createObjectNode().put("id", id.toString()).put("run_id", runId.toString());
		if (spanId != null) {
			event.put("span_id", spanId.toString());
		}
		event.put("type", "user_input").put("created_at", STARTED).put("content", "hello");
		event.putObject("attributes");
		return event;
	}

	static ObjectNode score(UUID id, UUID runId, @Nullable UUID spanId) {
		ObjectNode score = MAPPER.createObjectNode().put("id", id.toString()).put("trace_id", runId.toString());
		if (spanId != null) {
			score.put("span_id", spanId.toString());
		}
		return score.put("name", "accuracy")
			.put("value", 0.9)
			.put("data_type", "numeric")
			.put("source", "api")
			.put("comment", "good")
			.put("created_at", STARTED);
	}

	static ObjectNode promptLink(UUID runId, UUID spanId, UUID promptVersionId) {
		ObjectNode link = MAPPER.createObjectNode()
			.put("trace_id", runId.toString())
			.put("span_id", spanId.toString())
			.put("prompt_version_id", promptVersionId.toString());
		link.putObject("variable_values").put("city", "Paris");
		return link;
	}

	/**
	 * A store that knows {@link #PROMPT}.
	 */
	static LocalStore store() {
		LocalStore store = LocalStore.create();
		store.prompts().define(PROMPT);
		return store;
	}

	/**
	 * A batch with one record of each kind, every one referencing the previous ones (its prompt link references
	 * {@link #PROMPT}).
	 */
	static Full full() {
		Full full = new Full(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				UUID.randomUUID(), batch());
		add(full.batch(), "sessions", session(full.sessionId()));
		add(full.batch(), "runs", run(full.runId(), full.sessionId()));
		add(full.batch(), "spans", span(full.spanId(), full.runId(), null));
		add(full.batch(), "events", event(full.eventId(), full.runId(), full.spanId()));
		add(full.batch(), "scores", score(full.scoreId(), full.runId(), full.spanId()));
		add(full.batch(), "prompt_links", promptLink(full.runId(), full.spanId(), PROMPT.versionId()));
		return full;
	}

	static ObjectNode first(JsonNode batch, String array) {
		return (ObjectNode) batch.get(array).get(0);
	}

	record Full(UUID sessionId, UUID runId, UUID spanId, UUID eventId, UUID scoreId, ObjectNode batch) {

	}

}
