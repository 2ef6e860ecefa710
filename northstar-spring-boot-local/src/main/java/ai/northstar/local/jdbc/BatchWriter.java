package ai.northstar.local.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.northstar.local.IngestOrder;
import ai.northstar.local.IngestResult;
import ai.northstar.local.jdbc.Dialect.Column;
import ai.northstar.local.jdbc.Dialect.ColumnType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Writes one validated batch inside the caller's transaction, in the backend's order (sessions, runs, spans with
 * parents first, events, prompt links, scores), with the upsert rules in SQL. The database's constraints do the
 * reference checks; the one the backend reports differently (a prompt link to a span of another run, status 500)
 * is looked up first.
 */
final class BatchWriter {

	/** The longest input or output text kept on a run for the runs list and its search. */
	static final int MAX_PREVIEW_LENGTH = 4000;

	private static final Map<Dialect, Statements> STATEMENTS = new java.util.EnumMap<>(Dialect.class);

	private final Statements sql;

	BatchWriter(Dialect dialect) {
		synchronized (STATEMENTS) {
			this.sql = STATEMENTS.computeIfAbsent(dialect, Statements::new);
		}
	}

	/**
	 * Writes the batch; returns {@code null} when every record was written, or the kind of failure the backend
	 * reports for a check made here (the database's own constraints throw).
	 */
	IngestResult.@Nullable Kind write(Connection connection, JsonNode batch) throws SQLException {
		if (!referencesExist(connection, batch)) {
			return IngestResult.Kind.INVALID_REFERENCES;
		}
		List<JsonNode> sessions = records(batch, "sessions");
		if (!sessions.isEmpty()) {
			try (PreparedStatement statement = connection.prepareStatement(this.sql.session)) {
				for (JsonNode session : sessions) {
					bind(statement, this.sql.sessionColumns, Rows.uuid(session, "id"), Rows.instant(session, "created_at"),
							Rows.instant(session, "ended_at"), objectOrEmpty(session, "metadata"));
					statement.addBatch();
				}
				statement.executeBatch();
			}
		}
		List<JsonNode> runs = records(batch, "runs");
		if (!runs.isEmpty()) {
			try (PreparedStatement statement = connection.prepareStatement(this.sql.run)) {
				for (JsonNode run : runs) {
					JsonNode metadata = objectOrEmpty(run, "metadata");
					bind(statement, this.sql.runColumns, Rows.uuid(run, "id"), Rows.uuid(run, "session_id"),
							Rows.text(run, "name"), Rows.instant(run, "started_at"), Rows.instant(run, "ended_at"),
							Rows.text(run, "status"), run.get("error"), metadata, number(metadata, "cost_usd"),
							tokens(metadata, "total_input_tokens", "total_output_tokens"));
					statement.addBatch();
				}
				statement.executeBatch();
			}
		}
		List<JsonNode> spans = IngestOrder.parentsFirst(records(batch, "spans"));
		if (!spans.isEmpty()) {
			try (PreparedStatement statement = connection.prepareStatement(this.sql.span)) {
				for (JsonNode span : spans) {
					JsonNode attributes = objectOrEmpty(span, "attributes");
					JsonNode model = attributes.get("model");
					JsonNode iteration = span.get("iteration");
					bind(statement, this.sql.spanColumns, Rows.uuid(span, "id"), Rows.uuid(span, "run_id"),
							Rows.uuid(span, "parent_span_id"), Rows.text(span, "kind"), Rows.text(span, "name"),
							Rows.instant(span, "started_at"), Rows.instant(span, "ended_at"), Rows.text(span, "status"),
							span.get("error"), (iteration != null) ? (int) iteration.doubleValue() : null, attributes,
							(model != null && model.isString()) ? model.stringValue() : null,
							number(attributes, "cost_usd"), tokens(attributes, "input_tokens", "output_tokens"));
					statement.addBatch();
				}
				statement.executeBatch();
			}
		}
		List<JsonNode> events = records(batch, "events");
		if (!events.isEmpty()) {
			writeEvents(connection, events);
		}
		List<JsonNode> links = records(batch, "prompt_links");
		if (!links.isEmpty()) {
			IngestResult.Kind failure = writePromptLinks(connection, links);
			if (failure != null) {
				return failure;
			}
		}
		List<JsonNode> scores = records(batch, "scores");
		if (!scores.isEmpty()) {
			try (PreparedStatement statement = connection.prepareStatement(this.sql.score)) {
				for (JsonNode score : scores) {
					bind(statement, this.sql.scoreColumns, Rows.uuid(score, "id"), Rows.uuid(score, "trace_id"),
							Rows.uuid(score, "span_id"), Rows.text(score, "name"), score.get("value").doubleValue(),
							Rows.text(score, "data_type"), Rows.text(score, "string_value"), Rows.text(score, "source"),
							Rows.text(score, "comment"), Rows.instant(score, "created_at"));
					statement.addBatch();
				}
				statement.executeBatch();
			}
		}
		return null;
	}

	/**
	 * Checks that the rows a batch references outside itself exist. The foreign keys check every new row, but an
	 * upsert that updates an existing row does not check the references it does not change, while the backend checks
	 * every record's references, re-sent or not.
	 */
	private static boolean referencesExist(Connection connection, JsonNode batch) throws SQLException {
		java.util.Set<UUID> sessions = ids(batch, "sessions", "id");
		java.util.Set<UUID> runs = ids(batch, "runs", "id");
		java.util.Set<UUID> spans = ids(batch, "spans", "id");
		java.util.Set<UUID> neededSessions = ids(batch, "runs", "session_id");
		neededSessions.removeAll(sessions);
		java.util.Set<UUID> neededRuns = ids(batch, "spans", "run_id");
		neededRuns.addAll(ids(batch, "events", "run_id"));
		neededRuns.addAll(ids(batch, "scores", "trace_id"));
		neededRuns.removeAll(runs);
		java.util.Set<UUID> neededSpans = ids(batch, "spans", "parent_span_id");
		neededSpans.addAll(ids(batch, "events", "span_id"));
		neededSpans.removeAll(spans);
		return exist(connection, "sessions", neededSessions) && exist(connection, "runs", neededRuns)
				&& exist(connection, "spans", neededSpans);
	}

	private static java.util.Set<UUID> ids(JsonNode batch, String array, String key) {
		java.util.Set<UUID> ids = new java.util.HashSet<>();
		for (JsonNode record : records(batch, array)) {
			UUID id = Rows.uuid(record, key);
			if (id != null) {
				ids.add(id);
			}
		}
		return ids;
	}

	private static boolean exist(Connection connection, String table, java.util.Set<UUID> ids) throws SQLException {
		List<UUID> all = new ArrayList<>(ids);
		for (int from = 0; from < all.size(); from += 500) {
			List<UUID> chunk = all.subList(from, Math.min(all.size(), from + 500));
			String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE id IN (" + marks + ")")) {
				for (int i = 0; i < chunk.size(); i++) {
					statement.setObject(i + 1, chunk.get(i));
				}
				try (ResultSet rows = statement.executeQuery()) {
					rows.next();
					if (rows.getInt(1) != chunk.size()) {
						return false;
					}
				}
			}
		}
		return true;
	}

	private void writeEvents(Connection connection, List<JsonNode> events) throws SQLException {
		Map<UUID, String> inputs = new LinkedHashMap<>();
		Map<UUID, String> outputs = new LinkedHashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(this.sql.event)) {
			for (JsonNode event : events) {
				UUID runId = Rows.uuid(event, "run_id");
				String type = Rows.text(event, "type");
				JsonNode content = event.get("content");
				bind(statement, this.sql.eventColumns, Rows.uuid(event, "id"), runId, Rows.uuid(event, "span_id"), type,
						Rows.instant(event, "created_at"), content, objectOrEmpty(event, "attributes"));
				statement.addBatch();
				if (!event.has("span_id") && runId != null) {
					if ("user_input".equals(type)) {
						inputs.putIfAbsent(runId, preview(content));
					}
					else if ("final_response".equals(type)) {
						outputs.put(runId, preview(content));
					}
				}
			}
			statement.executeBatch();
		}
		if (!inputs.isEmpty()) {
			try (PreparedStatement statement = connection
				.prepareStatement("UPDATE runs SET input_text = COALESCE(input_text, ?) WHERE id = ?")) {
				for (Map.Entry<UUID, String> input : inputs.entrySet()) {
					statement.setString(1, input.getValue());
					statement.setObject(2, input.getKey());
					statement.addBatch();
				}
				statement.executeBatch();
			}
		}
		if (!outputs.isEmpty()) {
			try (PreparedStatement statement = connection
				.prepareStatement("UPDATE runs SET output_text = ? WHERE id = ?")) {
				for (Map.Entry<UUID, String> output : outputs.entrySet()) {
					statement.setString(1, output.getValue());
					statement.setObject(2, output.getKey());
					statement.addBatch();
				}
				statement.executeBatch();
			}
		}
	}

	private IngestResult.@Nullable Kind writePromptLinks(Connection connection, List<JsonNode> links)
			throws SQLException {
		try (PreparedStatement find = connection.prepareStatement("SELECT run_id FROM spans WHERE id = ?");
				PreparedStatement statement = connection.prepareStatement(this.sql.promptLink)) {
			Instant now = Instant.now();
			for (JsonNode link : links) {
				find.setObject(1, Rows.uuid(link, "span_id"));
				try (ResultSet rows = find.executeQuery()) {
					if (!rows.next()) {
						return IngestResult.Kind.INVALID_REFERENCES;
					}
					if (!Rows.uuid(rows, "run_id").equals(Rows.uuid(link, "trace_id"))) {
						// the backend raises "span is not part of trace", which its function does not map: 500
						return IngestResult.Kind.SERVER_ERROR;
					}
				}
				JsonNode values = link.get("variable_values");
				// JSON null becomes SQL NULL, which the NOT NULL column refuses like the backend's check
				bind(statement, this.sql.promptLinkColumns, Rows.uuid(link, "trace_id"), Rows.uuid(link, "span_id"),
						Rows.uuid(link, "prompt_version_id"),
						(values == null) ? "{}" : (values.isNull() ? null : values), now);
				statement.addBatch();
			}
			statement.executeBatch();
		}
		return null;
	}

	private static void bind(PreparedStatement statement, List<Column> columns, @Nullable Object... values)
			throws SQLException {
		for (int i = 0; i < columns.size(); i++) {
			Rows.bind(statement, i + 1, columns.get(i).type(), values[i]);
		}
	}

	private static List<JsonNode> records(JsonNode batch, String key) {
		JsonNode array = batch.get(key);
		return (array != null) ? List.copyOf(array.values()) : List.of();
	}

	private static JsonNode objectOrEmpty(JsonNode record, String key) {
		JsonNode value = record.get(key);
		return (value != null) ? value : Rows.MAPPER.createObjectNode();
	}

	private static @Nullable Double number(JsonNode object, String key) {
		JsonNode value = object.get(key);
		return (value != null && value.isNumber()) ? value.doubleValue() : null;
	}

	private static @Nullable Long tokens(JsonNode object, String input, String output) {
		JsonNode in = object.get(input);
		JsonNode out = object.get(output);
		if ((in == null || !in.isNumber()) && (out == null || !out.isNumber())) {
			return null;
		}
		return ((in != null && in.isNumber()) ? in.longValue() : 0) + ((out != null && out.isNumber()) ? out.longValue() : 0);
	}

	/** The text a run's content shows in the list: a string as it is, a one-value object by its value, else JSON. */
	static String preview(@Nullable JsonNode content) {
		String text;
		if (content == null || content.isNull()) {
			text = "";
		}
		else if (content.isString()) {
			text = content.stringValue();
		}
		else if (content.isObject() && content.size() == 1 && content.values().iterator().next().isString()) {
			text = content.values().iterator().next().stringValue();
		}
		else {
			text = content.toString();
		}
		if (text.length() > MAX_PREVIEW_LENGTH) {
			int end = MAX_PREVIEW_LENGTH;
			if (Character.isHighSurrogate(text.charAt(end - 1))) {
				end--;
			}
			text = text.substring(0, end) + "…";
		}
		return text;
	}

	/** The statements of one dialect. */
	private static final class Statements {

		final List<Column> sessionColumns = List.of(column("id", ColumnType.UUID),
				column("created_at", ColumnType.TIMESTAMP), column("ended_at", ColumnType.TIMESTAMP),
				column("metadata", ColumnType.JSON));

		final List<Column> runColumns = List.of(column("id", ColumnType.UUID), column("session_id", ColumnType.UUID),
				column("name", ColumnType.TEXT), column("started_at", ColumnType.TIMESTAMP),
				column("ended_at", ColumnType.TIMESTAMP), column("status", ColumnType.TEXT),
				column("error", ColumnType.JSON), column("metadata", ColumnType.JSON),
				column("cost_usd", ColumnType.DOUBLE), column("total_tokens", ColumnType.BIGINT));

		final List<Column> spanColumns = List.of(column("id", ColumnType.UUID), column("run_id", ColumnType.UUID),
				column("parent_span_id", ColumnType.UUID), column("kind", ColumnType.TEXT),
				column("name", ColumnType.TEXT), column("started_at", ColumnType.TIMESTAMP),
				column("ended_at", ColumnType.TIMESTAMP), column("status", ColumnType.TEXT),
				column("error", ColumnType.JSON), column("iteration", ColumnType.INTEGER),
				column("attributes", ColumnType.JSON), column("model", ColumnType.TEXT),
				column("cost_usd", ColumnType.DOUBLE), column("total_tokens", ColumnType.BIGINT));

		final List<Column> eventColumns = List.of(column("id", ColumnType.UUID), column("run_id", ColumnType.UUID),
				column("span_id", ColumnType.UUID), column("type", ColumnType.TEXT),
				column("created_at", ColumnType.TIMESTAMP), column("content", ColumnType.JSON),
				column("attributes", ColumnType.JSON));

		final List<Column> promptLinkColumns = List.of(column("trace_id", ColumnType.UUID),
				column("span_id", ColumnType.UUID), column("prompt_version_id", ColumnType.UUID),
				column("variable_values", ColumnType.JSON), column("linked_at", ColumnType.TIMESTAMP));

		final List<Column> scoreColumns = List.of(column("id", ColumnType.UUID), column("trace_id", ColumnType.UUID),
				column("span_id", ColumnType.UUID), column("name", ColumnType.TEXT), column("value", ColumnType.DOUBLE),
				column("data_type", ColumnType.TEXT), column("string_value", ColumnType.TEXT),
				column("source", ColumnType.TEXT), column("comment", ColumnType.TEXT),
				column("created_at", ColumnType.TIMESTAMP));

		final String session;

		final String run;

		final String span;

		final String event;

		final String promptLink;

		final String score;

		Statements(Dialect dialect) {
			// sessions keep their first created_at; ended_at = coalesce(new, old); metadata replaced
			this.session = dialect.upsert("sessions", this.sessionColumns, List.of("id"),
					ordered("ended_at", "COALESCE(new.ended_at, old.ended_at)", "metadata", "new.metadata"));
			// runs and spans keep their first name, started_at (and parents); ended_at coalesced; the rest replaced
			this.run = dialect.upsert("runs", this.runColumns, List.of("id"),
					ordered("ended_at", "COALESCE(new.ended_at, old.ended_at)", "status", "new.status", "error",
							"new.error", "metadata", "new.metadata", "cost_usd", "new.cost_usd", "total_tokens",
							"new.total_tokens"));
			this.span = dialect.upsert("spans", this.spanColumns, List.of("id"),
					ordered("ended_at", "COALESCE(new.ended_at, old.ended_at)", "status", "new.status", "error",
							"new.error", "attributes", "new.attributes", "model", "new.model", "cost_usd",
							"new.cost_usd", "total_tokens", "new.total_tokens"));
			// events: content and attributes replaced
			this.event = dialect.upsert("events", this.eventColumns, List.of("id"),
					ordered("content", "new.content", "attributes", "new.attributes"));
			// a link is unique per (span, prompt version): a re-send updates it
			this.promptLink = dialect.upsert("prompt_trace_links", this.promptLinkColumns,
					List.of("span_id", "prompt_version_id"),
					ordered("variable_values", "new.variable_values", "linked_at", "new.linked_at"));
			// scores: replaced
			this.score = dialect.upsert("scores", this.scoreColumns, List.of("id"),
					ordered("trace_id", "new.trace_id", "span_id", "new.span_id", "name", "new.name", "value",
							"new.value", "data_type", "new.data_type", "string_value", "new.string_value", "source",
							"new.source", "comment", "new.comment", "created_at", "new.created_at"));
		}

		private static Column column(String name, ColumnType type) {
			return new Column(name, type);
		}

		private static Map<String, String> ordered(String... pairs) {
			Map<String, String> map = new LinkedHashMap<>();
			for (int i = 0; i < pairs.length; i += 2) {
				map.put(pairs[i], pairs[i + 1]);
			}
			return map;
		}

	}

}
