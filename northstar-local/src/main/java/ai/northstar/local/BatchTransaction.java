package ai.northstar.local;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The writes of one batch to a {@link LocalStore}, with the backend's rules: visible to the batch's later records,
 * committed only when every record applied. The caller holds the store's lock.
 */
final class BatchTransaction {

	private final StoreTables staged = new StoreTables();

	private final StoreTables committed;

	private final InMemoryPromptRegistry prompts;

	BatchTransaction(StoreTables committed, InMemoryPromptRegistry prompts) {
		this.committed = committed;
		this.prompts = prompts;
	}

	/** Applies the batch; returns {@code null} when every record applied, else why the batch fails. */
	IngestResult.@Nullable Kind apply(JsonNode batch) {
		for (JsonNode session : records(batch, "sessions")) {
			applySession(session);
		}
		for (JsonNode run : records(batch, "runs")) {
			if (!applyRun(run)) {
				return IngestResult.Kind.INVALID_REFERENCES;
			}
		}
		for (JsonNode span : IngestOrder.parentsFirst(records(batch, "spans"))) {
			if (!applySpan(span)) {
				return IngestResult.Kind.INVALID_REFERENCES;
			}
		}
		for (JsonNode event : records(batch, "events")) {
			if (!applyEvent(event)) {
				return IngestResult.Kind.INVALID_REFERENCES;
			}
		}
		for (JsonNode link : records(batch, "prompt_links")) {
			IngestResult.Kind failure = applyPromptLink(link);
			if (failure != null) {
				return failure;
			}
		}
		for (JsonNode score : records(batch, "scores")) {
			if (!applyScore(score)) {
				return IngestResult.Kind.INVALID_REFERENCES;
			}
		}
		return null;
	}

	void commit() {
		this.committed.putAll(this.staged);
	}

	private void applySession(JsonNode record) {
		UUID id = uuid(record, "id");
		StoredSession old = find(this.staged.sessions, this.committed.sessions, id);
		Instant endedAt = optionalInstant(record, "ended_at");
		this.staged.sessions.put(id,
				new StoredSession(id, (old != null) ? old.createdAt() : instant(record, "created_at"),
						(endedAt != null) ? endedAt : ((old != null) ? old.endedAt() : null),
						object(record, "metadata")));
	}

	private boolean applyRun(JsonNode record) {
		UUID id = uuid(record, "id");
		UUID sessionId = uuid(record, "session_id");
		if (find(this.staged.sessions, this.committed.sessions, sessionId) == null) {
			return false;
		}
		StoredRun old = find(this.staged.runs, this.committed.runs, id);
		Instant endedAt = optionalInstant(record, "ended_at");
		this.staged.runs.put(id, new StoredRun(id, (old != null) ? old.sessionId() : sessionId,
				(old != null) ? old.name() : record.get("name").stringValue(),
				(old != null) ? old.startedAt() : instant(record, "started_at"),
				(endedAt != null) ? endedAt : ((old != null) ? old.endedAt() : null),
				record.get("status").stringValue(), optionalObject(record, "error"), object(record, "metadata")));
		return true;
	}

	private boolean applySpan(JsonNode record) {
		UUID id = uuid(record, "id");
		UUID runId = uuid(record, "run_id");
		UUID parentSpanId = optionalUuid(record, "parent_span_id");
		if (find(this.staged.runs, this.committed.runs, runId) == null
				|| (parentSpanId != null && find(this.staged.spans, this.committed.spans, parentSpanId) == null)) {
			return false;
		}
		StoredSpan old = find(this.staged.spans, this.committed.spans, id);
		Instant endedAt = optionalInstant(record, "ended_at");
		JsonNode iteration = record.get("iteration");
		if (old != null) {
			this.staged.spans.put(id,
					new StoredSpan(id, old.runId(), old.parentSpanId(), old.kind(), old.name(), old.startedAt(),
							(endedAt != null) ? endedAt : old.endedAt(), record.get("status").stringValue(),
							optionalObject(record, "error"), old.iteration(), object(record, "attributes")));
		}
		else {
			this.staged.spans.put(id, new StoredSpan(id, runId, parentSpanId, record.get("kind").stringValue(),
					record.get("name").stringValue(), instant(record, "started_at"), endedAt,
					record.get("status").stringValue(), optionalObject(record, "error"),
					(iteration != null) ? (int) iteration.doubleValue() : null, object(record, "attributes")));
		}
		return true;
	}

	private boolean applyEvent(JsonNode record) {
		UUID id = uuid(record, "id");
		UUID runId = uuid(record, "run_id");
		UUID spanId = optionalUuid(record, "span_id");
		if (find(this.staged.runs, this.committed.runs, runId) == null
				|| (spanId != null && find(this.staged.spans, this.committed.spans, spanId) == null)) {
			return false;
		}
		StoredEvent old = find(this.staged.events, this.committed.events, id);
		JsonNode content = record.get("content");
		if (old != null) {
			this.staged.events.put(id, new StoredEvent(id, old.runId(), old.spanId(), old.type(), old.createdAt(),
					content, object(record, "attributes")));
		}
		else {
			this.staged.events.put(id, new StoredEvent(id, runId, spanId, record.get("type").stringValue(),
					instant(record, "created_at"), content, object(record, "attributes")));
		}
		return true;
	}

	/**
	 * Applies a prompt link with the backend's checks, in its order: a missing span is an invalid reference, a
	 * span of another run a database error, an unknown prompt version an invalid reference (a foreign key), and
	 * {@code variable_values: null} a database error (a check constraint).
	 */
	private IngestResult.@Nullable Kind applyPromptLink(JsonNode record) {
		UUID traceId = uuid(record, "trace_id");
		UUID spanId = uuid(record, "span_id");
		UUID promptVersionId = uuid(record, "prompt_version_id");
		StoredSpan span = find(this.staged.spans, this.committed.spans, spanId);
		if (span == null) {
			return IngestResult.Kind.INVALID_REFERENCES;
		}
		if (!span.runId().equals(traceId)) {
			return IngestResult.Kind.SERVER_ERROR;
		}
		if (this.prompts.version(promptVersionId).isEmpty()) {
			return IngestResult.Kind.INVALID_REFERENCES;
		}
		JsonNode values = record.get("variable_values");
		if (values != null && values.isNull()) {
			return IngestResult.Kind.SERVER_ERROR;
		}
		this.staged.promptLinks.put(List.of(spanId, promptVersionId),
				new StoredPromptLink(traceId, spanId, promptVersionId, object(record, "variable_values")));
		return null;
	}

	private boolean applyScore(JsonNode record) {
		UUID id = uuid(record, "id");
		UUID traceId = uuid(record, "trace_id");
		UUID spanId = optionalUuid(record, "span_id");
		if (find(this.staged.runs, this.committed.runs, traceId) == null) {
			return false;
		}
		if (spanId != null) {
			StoredSpan span = find(this.staged.spans, this.committed.spans, spanId);
			if (span == null || !span.runId().equals(traceId)) {
				return false;
			}
		}
		JsonNode stringValue = record.get("string_value");
		JsonNode comment = record.get("comment");
		this.staged.scores.put(id,
				new StoredScore(id, traceId, spanId, record.get("name").stringValue(),
						record.get("value").doubleValue(), record.get("data_type").stringValue(),
						(stringValue != null) ? stringValue.stringValue() : null,
						record.get("source").stringValue(), (comment != null) ? comment.stringValue() : null,
						instant(record, "created_at")));
		return true;
	}

	private static <V> @Nullable V find(Map<UUID, V> staged, Map<UUID, V> committed, UUID id) {
		V value = staged.get(id);
		return (value != null) ? value : committed.get(id);
	}

	private static UUID uuid(JsonNode record, String key) {
		return UUID.fromString(record.get(key).stringValue());
	}

	private static @Nullable UUID optionalUuid(JsonNode record, String key) {
		JsonNode value = record.get(key);
		return (value != null) ? UUID.fromString(value.stringValue()) : null;
	}

	private static Instant instant(JsonNode record, String key) {
		Instant instant = optionalInstant(record, key);
		if (instant == null) {
			throw new IllegalStateException(key + " was validated");
		}
		return instant;
	}

	private static @Nullable Instant optionalInstant(JsonNode record, String key) {
		JsonNode value = record.get(key);
		return (value != null) ? Timestamps.parse(value.stringValue()) : null;
	}

	private static ObjectNode object(JsonNode record, String key) {
		JsonNode value = record.get(key);
		return (value != null) ? (ObjectNode) value : JsonNodeFactory.instance.objectNode();
	}

	private static @Nullable ObjectNode optionalObject(JsonNode record, String key) {
		return (ObjectNode) record.get(key);
	}

	private static List<JsonNode> records(JsonNode batch, String key) {
		JsonNode array = batch.get(key);
		return (array != null) ? List.copyOf(array.values()) : List.of();
	}

}
