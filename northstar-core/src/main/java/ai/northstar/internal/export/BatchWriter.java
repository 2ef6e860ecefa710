package ai.northstar.internal.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
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
import tools.jackson.databind.JsonNode;

/**
 * Writes a {@link Batch} as the UTF-8 bytes of its JSON body, field by field as the protocol spells it, straight into
 * a {@link WireBuffer}: the flusher's hottest code, with no generator in between. Property names and enum values are
 * bytes encoded once; ids and timestamps are formatted in place; strings are escaped, encoded and made storable in
 * one pass. Null optional fields and empty {@code metadata}/{@code attributes} objects are left out (the backend
 * stores an absent object as {@code {}}); an event's {@code content} is always written.
 * <p>
 * Trees are written by a {@link TreeWriter}. The output is byte for byte what the wire format's Jackson mapper writes
 * for the same batch laid out as a tree.
 */
final class BatchWriter {

	private static final byte[] SCHEMA_VERSION = ascii("{\"schema_version\":");

	private static final byte[] SESSIONS = field("sessions", "[");

	private static final byte[] RUNS = field("runs", "[");

	private static final byte[] SPANS = field("spans", "[");

	private static final byte[] EVENTS = field("events", "[");

	private static final byte[] SCORES = field("scores", "[");

	private static final byte[] PROMPT_LINKS = field("prompt_links", "[");

	private static final byte[] FIRST_ID = ascii("{\"id\":");

	private static final byte[] FIRST_TRACE_ID = ascii("{\"trace_id\":");

	private static final byte[] CREATED_AT = field("created_at", "");

	private static final byte[] ENDED_AT = field("ended_at", "");

	private static final byte[] METADATA = field("metadata", "");

	private static final byte[] SESSION_ID = field("session_id", "");

	private static final byte[] NAME = field("name", "");

	private static final byte[] STARTED_AT = field("started_at", "");

	private static final byte[] STATUS = field("status", "");

	private static final byte[] ERROR = field("error", "");

	private static final byte[] RUN_ID = field("run_id", "");

	private static final byte[] PARENT_SPAN_ID = field("parent_span_id", "");

	private static final byte[] KIND = field("kind", "");

	private static final byte[] ITERATION = field("iteration", "");

	private static final byte[] ATTRIBUTES = field("attributes", "");

	private static final byte[] SPAN_ID = field("span_id", "");

	private static final byte[] TYPE = field("type", "");

	private static final byte[] CONTENT = field("content", "");

	private static final byte[] TRACE_ID = field("trace_id", "");

	private static final byte[] VALUE = field("value", "");

	private static final byte[] DATA_TYPE = field("data_type", "");

	private static final byte[] STRING_VALUE = field("string_value", "");

	private static final byte[] SOURCE = field("source", "");

	private static final byte[] COMMENT = field("comment", "");

	private static final byte[] PROMPT_VERSION_ID = field("prompt_version_id", "");

	private static final byte[] VARIABLE_VALUES = field("variable_values", "");

	private static final byte[] ERROR_TYPE = ascii("\"type\":");

	private static final byte[] ERROR_MESSAGE = ascii("\"message\":");

	private static final byte[] ERROR_MODULE = ascii("\"module\":");

	private static final byte[][] RUN_STATUSES = wireValues(RunStatus.values(), RunStatus::wireValue);

	private static final byte[][] SPAN_KINDS = wireValues(SpanKind.values(), SpanKind::wireValue);

	private static final byte[][] EVENT_TYPES = wireValues(EventType.values(), EventType::wireValue);

	private static final byte[][] DATA_TYPES = wireValues(ScoreDataType.values(), ScoreDataType::wireValue);

	private final IsoInstantSerializer instants = new IsoInstantSerializer();

	private final TreeWriter trees;

	/**
	 * Creates a writer.
	 * @param trees writes the batch's trees: contents, metadata, attributes, variable values
	 */
	BatchWriter(TreeWriter trees) {
		this.trees = trees;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** The bytes of {@code ,"name":} and a suffix, the name checked to need no escaping. */
	private static byte[] field(String name, String suffix) {
		WireBuffer.plainAscii(name);
		return ascii(",\"" + name + "\":" + suffix);
	}

	/** The quoted wire values of an enum's constants, by ordinal, checked and encoded once. */
	private static <E extends Enum<E>> byte[][] wireValues(E[] constants, Function<E, String> wireValue) {
		byte[][] values = new byte[constants.length][];
		for (E constant : constants) {
			String value = wireValue.apply(constant);
			WireBuffer.plainAscii(value);
			values[constant.ordinal()] = ascii("\"" + value + "\"");
		}
		return values;
	}

	/**
	 * Writes a batch.
	 * @param batch the batch
	 * @return its JSON body
	 */
	byte[] write(Batch batch) {
		WireBuffer out = new WireBuffer();
		out.raw(SCHEMA_VERSION);
		out.number(batch.schemaVersion());
		array(SESSIONS, batch.sessions(), this::session, out);
		array(RUNS, batch.runs(), this::run, out);
		array(SPANS, batch.spans(), this::span, out);
		array(EVENTS, batch.events(), this::event, out);
		array(SCORES, batch.scores(), this::score, out);
		array(PROMPT_LINKS, batch.promptLinks(), this::link, out);
		out.raw((byte) '}');
		return out.toByteArrayAndRelease();
	}

	/** Writes an array of records after its name, which opens it. */
	private static <T> void array(byte[] name, List<T> records, BiConsumer<T, WireBuffer> writer, WireBuffer out) {
		out.raw(name);
		for (int i = 0; i < records.size(); i++) {
			if (i > 0) {
				out.raw((byte) ',');
			}
			writer.accept(records.get(i), out);
		}
		out.raw((byte) ']');
	}

	private void session(SessionData session, WireBuffer out) {
		out.raw(FIRST_ID);
		uuid(session.id(), out);
		instant(CREATED_AT, session.createdAt(), out);
		instant(ENDED_AT, session.endedAt(), out);
		object(METADATA, session.metadata(), out);
		out.raw((byte) '}');
	}

	private void run(RunData run, WireBuffer out) {
		out.raw(FIRST_ID);
		uuid(run.id(), out);
		uuid(SESSION_ID, run.sessionId(), out);
		string(NAME, run.name(), out);
		instant(STARTED_AT, run.startedAt(), out);
		instant(ENDED_AT, run.endedAt(), out);
		constant(STATUS, run.status(), RUN_STATUSES, out);
		error(run.error(), out);
		object(METADATA, run.metadata(), out);
		out.raw((byte) '}');
	}

	private void span(SpanData span, WireBuffer out) {
		out.raw(FIRST_ID);
		uuid(span.id(), out);
		uuid(RUN_ID, span.runId(), out);
		uuid(PARENT_SPAN_ID, span.parentSpanId(), out);
		constant(KIND, span.kind(), SPAN_KINDS, out);
		string(NAME, span.name(), out);
		instant(STARTED_AT, span.startedAt(), out);
		instant(ENDED_AT, span.endedAt(), out);
		constant(STATUS, span.status(), RUN_STATUSES, out);
		error(span.error(), out);
		if (span.iteration() != null) {
			out.raw(ITERATION);
			out.number(span.iteration());
		}
		object(ATTRIBUTES, span.attributes(), out);
		out.raw((byte) '}');
	}

	private void event(EventData event, WireBuffer out) {
		out.raw(FIRST_ID);
		uuid(event.id(), out);
		uuid(RUN_ID, event.runId(), out);
		uuid(SPAN_ID, event.spanId(), out);
		constant(TYPE, event.type(), EVENT_TYPES, out);
		instant(CREATED_AT, event.createdAt(), out);
		out.raw(CONTENT);
		// Inside the batch, the events array and the event.
		this.trees.node(event.content(), out, 3);
		object(ATTRIBUTES, event.attributes(), out);
		out.raw((byte) '}');
	}

	private void score(ScoreData score, WireBuffer out) {
		out.raw(FIRST_ID);
		uuid(score.id(), out);
		uuid(TRACE_ID, score.traceId(), out);
		uuid(SPAN_ID, score.spanId(), out);
		string(NAME, score.name(), out);
		out.raw(VALUE);
		out.number(score.value());
		constant(DATA_TYPE, score.dataType(), DATA_TYPES, out);
		string(STRING_VALUE, score.stringValue(), out);
		string(SOURCE, score.source(), out);
		string(COMMENT, score.comment(), out);
		instant(CREATED_AT, score.createdAt(), out);
		out.raw((byte) '}');
	}

	private void link(PromptLinkData link, WireBuffer out) {
		out.raw(FIRST_TRACE_ID);
		uuid(link.traceId(), out);
		uuid(SPAN_ID, link.spanId(), out);
		uuid(PROMPT_VERSION_ID, link.promptVersionId(), out);
		// Always present: the backend refuses a null one, and stores {} like any other object.
		out.raw(VARIABLE_VALUES);
		this.trees.properties(link.variableValues(), out, 3);
		out.raw((byte) '}');
	}

	private static void error(@Nullable ErrorInfo error, WireBuffer out) {
		if (error == null) {
			return;
		}
		out.raw(ERROR);
		out.raw((byte) '{');
		// Every field left out when null, as the mapper does: even the type, which only an error built by hand or read
		// from JSON can lack.
		boolean written = member(false, ERROR_TYPE, error.type(), out);
		written = member(written, ERROR_MESSAGE, error.message(), out);
		member(written, ERROR_MODULE, error.module(), out);
		out.raw((byte) '}');
	}

	/**
	 * Writes a string member unless it is null, after a comma when one was written before it.
	 * @return whether a member is written now
	 */
	private static boolean member(boolean after, byte[] name, @Nullable String value, WireBuffer out) {
		if (value == null) {
			return after;
		}
		if (after) {
			out.raw((byte) ',');
		}
		out.raw(name);
		out.string(value);
		return true;
	}

	private static void uuid(byte[] name, @Nullable UUID value, WireBuffer out) {
		if (value != null) {
			out.raw(name);
			uuid(value, out);
		}
	}

	private static void uuid(UUID value, WireBuffer out) {
		byte[] buf = out.reserve(UuidSerializer.QUOTED_LENGTH);
		out.advance(UuidSerializer.write(value, buf, out.length()) - out.length());
	}

	private void instant(byte[] name, @Nullable Instant value, WireBuffer out) {
		if (value == null) {
			return;
		}
		out.raw(name);
		byte[] buf = out.reserve(IsoInstantSerializer.MAX_QUOTED_LENGTH);
		int end = this.instants.write(value, buf, out.length());
		if (end < 0) {
			out.string(value.toString());
		}
		else {
			out.advance(end - out.length());
		}
	}

	private static void string(byte[] name, @Nullable String value, WireBuffer out) {
		if (value != null) {
			out.raw(name);
			out.string(value);
		}
	}

	private static void constant(byte[] name, @Nullable Enum<?> value, byte[][] wireValues, WireBuffer out) {
		if (value != null) {
			out.raw(name);
			out.raw(wireValues[value.ordinal()]);
		}
	}

	private void object(byte[] name, Map<String, JsonNode> values, WireBuffer out) {
		if (!values.isEmpty()) {
			out.raw(name);
			this.trees.properties(values, out, 3);
		}
	}

}
