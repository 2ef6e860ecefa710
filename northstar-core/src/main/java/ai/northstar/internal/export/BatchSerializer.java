package ai.northstar.internal.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import ai.northstar.EventType;
import ai.northstar.RunStatus;
import ai.northstar.ScoreDataType;
import ai.northstar.SpanKind;
import ai.northstar.data.Batch;
import ai.northstar.data.ErrorInfo;
import ai.northstar.data.EventData;
import ai.northstar.data.PromptLinkData;
import ai.northstar.data.RunData;
import ai.northstar.data.ScoreData;
import ai.northstar.data.SessionData;
import ai.northstar.data.SpanData;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a {@link Batch} field by field, as the protocol spells it, with pre-encoded property names and no
 * reflection: the flusher's hottest code. Null optional fields and empty {@code metadata}/{@code attributes} objects
 * are left out (the backend stores an absent object as {@code {}}); an event's {@code content} is always written.
 * Strings go through the generator, which applies the storable-text rules; ids and timestamps are written raw, and
 * enum values as constants encoded once.
 */
final class BatchSerializer extends StdSerializer<Batch> {

	private static final SerializableString SCHEMA_VERSION = name("schema_version");

	private static final SerializableString SESSIONS = name("sessions");

	private static final SerializableString RUNS = name("runs");

	private static final SerializableString SPANS = name("spans");

	private static final SerializableString EVENTS = name("events");

	private static final SerializableString SCORES = name("scores");

	private static final SerializableString PROMPT_LINKS = name("prompt_links");

	private static final SerializableString ID = name("id");

	private static final SerializableString CREATED_AT = name("created_at");

	private static final SerializableString ENDED_AT = name("ended_at");

	private static final SerializableString METADATA = name("metadata");

	private static final SerializableString SESSION_ID = name("session_id");

	private static final SerializableString NAME = name("name");

	private static final SerializableString STARTED_AT = name("started_at");

	private static final SerializableString STATUS = name("status");

	private static final SerializableString ERROR = name("error");

	private static final SerializableString RUN_ID = name("run_id");

	private static final SerializableString PARENT_SPAN_ID = name("parent_span_id");

	private static final SerializableString KIND = name("kind");

	private static final SerializableString ITERATION = name("iteration");

	private static final SerializableString ATTRIBUTES = name("attributes");

	private static final SerializableString SPAN_ID = name("span_id");

	private static final SerializableString TYPE = name("type");

	private static final SerializableString CONTENT = name("content");

	private static final SerializableString TRACE_ID = name("trace_id");

	private static final SerializableString VALUE = name("value");

	private static final SerializableString DATA_TYPE = name("data_type");

	private static final SerializableString STRING_VALUE = name("string_value");

	private static final SerializableString SOURCE = name("source");

	private static final SerializableString COMMENT = name("comment");

	private static final SerializableString PROMPT_VERSION_ID = name("prompt_version_id");

	private static final SerializableString VARIABLE_VALUES = name("variable_values");

	private static final SerializableString MESSAGE = name("message");

	private static final SerializableString MODULE = name("module");

	private static final SerializableString[] RUN_STATUSES = wireValues(RunStatus.values(), RunStatus::wireValue);

	private static final SerializableString[] SPAN_KINDS = wireValues(SpanKind.values(), SpanKind::wireValue);

	private static final SerializableString[] EVENT_TYPES = wireValues(EventType.values(), EventType::wireValue);

	private static final SerializableString[] DATA_TYPES = wireValues(ScoreDataType.values(),
			ScoreDataType::wireValue);

	private final UuidSerializer uuids = new UuidSerializer();

	private final IsoInstantSerializer instants = new IsoInstantSerializer();

	BatchSerializer() {
		super(Batch.class);
	}

	private static SerializableString name(String name) {
		return StorableTextGenerator.checked(name);
	}

	/** The wire values of an enum's constants, by ordinal, checked and encoded once. */
	private static <E extends Enum<E>> SerializableString[] wireValues(E[] constants, Function<E, String> wireValue) {
		SerializableString[] values = new SerializableString[constants.length];
		for (E constant : constants) {
			values[constant.ordinal()] = StorableTextGenerator.checked(wireValue.apply(constant));
		}
		return values;
	}

	@Override
	public void serialize(Batch batch, JsonGenerator gen, SerializationContext ctxt) {
		gen.writeStartObject(batch);
		gen.writeName(SCHEMA_VERSION);
		gen.writeNumber(batch.schemaVersion());
		gen.writeName(SESSIONS);
		gen.writeStartArray(batch.sessions(), batch.sessions().size());
		for (SessionData session : batch.sessions()) {
			session(session, gen, ctxt);
		}
		gen.writeEndArray();
		gen.writeName(RUNS);
		gen.writeStartArray(batch.runs(), batch.runs().size());
		for (RunData run : batch.runs()) {
			run(run, gen, ctxt);
		}
		gen.writeEndArray();
		gen.writeName(SPANS);
		gen.writeStartArray(batch.spans(), batch.spans().size());
		for (SpanData span : batch.spans()) {
			span(span, gen, ctxt);
		}
		gen.writeEndArray();
		gen.writeName(EVENTS);
		gen.writeStartArray(batch.events(), batch.events().size());
		for (EventData event : batch.events()) {
			event(event, gen, ctxt);
		}
		gen.writeEndArray();
		gen.writeName(SCORES);
		gen.writeStartArray(batch.scores(), batch.scores().size());
		for (ScoreData score : batch.scores()) {
			score(score, gen, ctxt);
		}
		gen.writeEndArray();
		List<PromptLinkData> links = batch.promptLinks();
		gen.writeName(PROMPT_LINKS);
		gen.writeStartArray(links, links.size());
		for (PromptLinkData link : links) {
			link(link, gen, ctxt);
		}
		gen.writeEndArray();
		gen.writeEndObject();
	}

	private void session(SessionData session, JsonGenerator gen, SerializationContext ctxt) {
		gen.writeStartObject(session);
		uuid(ID, session.id(), gen, ctxt);
		instant(CREATED_AT, session.createdAt(), gen, ctxt);
		instant(ENDED_AT, session.endedAt(), gen, ctxt);
		object(METADATA, session.metadata(), gen, ctxt);
		gen.writeEndObject();
	}

	private void run(RunData run, JsonGenerator gen, SerializationContext ctxt) {
		gen.writeStartObject(run);
		uuid(ID, run.id(), gen, ctxt);
		uuid(SESSION_ID, run.sessionId(), gen, ctxt);
		string(NAME, run.name(), gen);
		instant(STARTED_AT, run.startedAt(), gen, ctxt);
		instant(ENDED_AT, run.endedAt(), gen, ctxt);
		constant(STATUS, run.status(), RUN_STATUSES, gen);
		error(run.error(), gen);
		object(METADATA, run.metadata(), gen, ctxt);
		gen.writeEndObject();
	}

	private void span(SpanData span, JsonGenerator gen, SerializationContext ctxt) {
		gen.writeStartObject(span);
		uuid(ID, span.id(), gen, ctxt);
		uuid(RUN_ID, span.runId(), gen, ctxt);
		uuid(PARENT_SPAN_ID, span.parentSpanId(), gen, ctxt);
		constant(KIND, span.kind(), SPAN_KINDS, gen);
		string(NAME, span.name(), gen);
		instant(STARTED_AT, span.startedAt(), gen, ctxt);
		instant(ENDED_AT, span.endedAt(), gen, ctxt);
		constant(STATUS, span.status(), RUN_STATUSES, gen);
		error(span.error(), gen);
		if (span.iteration() != null) {
			gen.writeName(ITERATION);
			gen.writeNumber(span.iteration());
		}
		object(ATTRIBUTES, span.attributes(), gen, ctxt);
		gen.writeEndObject();
	}

	private void event(EventData event, JsonGenerator gen, SerializationContext ctxt) {
		gen.writeStartObject(event);
		uuid(ID, event.id(), gen, ctxt);
		uuid(RUN_ID, event.runId(), gen, ctxt);
		uuid(SPAN_ID, event.spanId(), gen, ctxt);
		constant(TYPE, event.type(), EVENT_TYPES, gen);
		instant(CREATED_AT, event.createdAt(), gen, ctxt);
		gen.writeName(CONTENT);
		node(event.content(), gen, ctxt);
		object(ATTRIBUTES, event.attributes(), gen, ctxt);
		gen.writeEndObject();
	}

	private void score(ScoreData score, JsonGenerator gen, SerializationContext ctxt) {
		gen.writeStartObject(score);
		uuid(ID, score.id(), gen, ctxt);
		uuid(TRACE_ID, score.traceId(), gen, ctxt);
		uuid(SPAN_ID, score.spanId(), gen, ctxt);
		string(NAME, score.name(), gen);
		gen.writeName(VALUE);
		gen.writeNumber(score.value());
		constant(DATA_TYPE, score.dataType(), DATA_TYPES, gen);
		string(STRING_VALUE, score.stringValue(), gen);
		string(SOURCE, score.source(), gen);
		string(COMMENT, score.comment(), gen);
		instant(CREATED_AT, score.createdAt(), gen, ctxt);
		gen.writeEndObject();
	}

	private void link(PromptLinkData link, JsonGenerator gen, SerializationContext ctxt) {
		gen.writeStartObject(link);
		uuid(TRACE_ID, link.traceId(), gen, ctxt);
		uuid(SPAN_ID, link.spanId(), gen, ctxt);
		uuid(PROMPT_VERSION_ID, link.promptVersionId(), gen, ctxt);
		// Always present: the backend refuses a null one, and stores {} like any other object.
		gen.writeName(VARIABLE_VALUES);
		gen.writeStartObject();
		for (Map.Entry<String, JsonNode> entry : link.variableValues().entrySet()) {
			gen.writeName(entry.getKey());
			node(entry.getValue(), gen, ctxt);
		}
		gen.writeEndObject();
		gen.writeEndObject();
	}

	private void error(@Nullable ErrorInfo error, JsonGenerator gen) {
		if (error == null) {
			return;
		}
		gen.writeName(ERROR);
		gen.writeStartObject();
		string(TYPE, error.type(), gen);
		string(MESSAGE, error.message(), gen);
		string(MODULE, error.module(), gen);
		gen.writeEndObject();
	}

	private void uuid(SerializableString name, @Nullable UUID value, JsonGenerator gen, SerializationContext ctxt) {
		if (value != null) {
			gen.writeName(name);
			this.uuids.serialize(value, gen, ctxt);
		}
	}

	private void instant(SerializableString name, @Nullable Instant value, JsonGenerator gen,
			SerializationContext ctxt) {
		if (value != null) {
			gen.writeName(name);
			this.instants.serialize(value, gen, ctxt);
		}
	}

	private static void string(SerializableString name, @Nullable String value, JsonGenerator gen) {
		if (value != null) {
			gen.writeName(name);
			gen.writeString(value);
		}
	}

	private static void constant(SerializableString name, @Nullable Enum<?> value, SerializableString[] wireValues,
			JsonGenerator gen) {
		if (value != null) {
			gen.writeName(name);
			gen.writeString(wireValues[value.ordinal()]);
		}
	}

	private static void object(SerializableString name, Map<String, JsonNode> values, JsonGenerator gen,
			SerializationContext ctxt) {
		if (values.isEmpty()) {
			return;
		}
		gen.writeName(name);
		gen.writeStartObject();
		for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
			gen.writeName(entry.getKey());
			node(entry.getValue(), gen, ctxt);
		}
		gen.writeEndObject();
	}

	private static void node(@Nullable JsonNode node, JsonGenerator gen, SerializationContext ctxt) {
		if (node == null) {
			gen.writeNull();
		}
		else {
			node.serialize(gen, ctxt);
		}
	}

}
