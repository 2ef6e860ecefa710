package ai.northstar.local.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import ai.northstar.local.IngestOrder;
import ai.northstar.local.PromptVersion;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredPromptLink;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSession;
import ai.northstar.local.StoredSpan;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read side of a {@link JdbcStore}: what the viewer shows and what it downloads. Every method runs a few
 * indexed queries; the runs list filters and sorts in SQL and reads one page.
 *
 * @since 0.1.0
 */
public final class TraceQueries {

	private static final String SUMMARY_COLUMNS = "r.id, r.session_id, r.name, r.status, r.started_at, r.ended_at, "
			+ "r.cost_usd, r.total_tokens, r.input_text, r.output_text, r.error";

	private final DataSource dataSource;

	private final Dialect dialect;

	private final JdbcPromptRegistry prompts;

	TraceQueries(DataSource dataSource, Dialect dialect) {
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.prompts = new JdbcPromptRegistry(dataSource, dialect);
	}

	/**
	 * Returns one page of runs matching a query, with their scores.
	 * @param query the filters, order and page
	 * @return the page
	 */
	public RunPage runs(RunQuery query) {
		List<Object> parameters = new ArrayList<>();
		String where = where(query, parameters);
		String order = query.sort().expression(this.dialect) + (query.descending() ? " DESC" : " ASC")
				+ " NULLS LAST, r.stored_seq " + (query.descending() ? "DESC" : "ASC");
		return read((connection) -> {
			long total;
			try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM runs r" + where)) {
				bindAll(statement, parameters);
				try (ResultSet rows = statement.executeQuery()) {
					rows.next();
					total = rows.getLong(1);
				}
			}
			List<Object> paged = new ArrayList<>(parameters);
			paged.add((long) query.page() * query.pageSize());
			paged.add(query.pageSize());
			List<RunSummary> runs = summaries(connection, "SELECT " + SUMMARY_COLUMNS + " FROM runs r" + where
					+ " ORDER BY " + order + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", paged);
			return new RunPage(runs, total, query);
		});
	}

	/**
	 * Returns the distinct run names, for the name filter.
	 * @return up to 500 names, sorted
	 */
	public List<String> runNames() {
		return read((connection) -> {
			List<String> names = new ArrayList<>();
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT DISTINCT name FROM runs ORDER BY name FETCH FIRST 500 ROWS ONLY");
					ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					names.add(rows.getString(1));
				}
			}
			return names;
		});
	}

	/**
	 * Returns everything stored about a run.
	 * @param id the run id
	 * @return the run, or empty when it is not stored
	 */
	public Optional<RunDetail> run(UUID id) {
		return read((connection) -> {
			StoredRun run = first(connection, "SELECT * FROM runs WHERE id = ?", List.of(id), TraceQueries::run);
			if (run == null) {
				return Optional.empty();
			}
			StoredSession session = first(connection, "SELECT * FROM sessions WHERE id = ?", List.of(run.sessionId()),
					TraceQueries::session);
			List<StoredSpan> spans = list(connection,
					"SELECT * FROM spans WHERE run_id = ? ORDER BY started_at, stored_seq", List.of(id),
					TraceQueries::span);
			List<StoredEvent> events = list(connection,
					"SELECT * FROM events WHERE run_id = ? ORDER BY created_at, stored_seq", List.of(id),
					TraceQueries::event);
			List<StoredScore> scores = list(connection,
					"SELECT * FROM scores WHERE trace_id = ? ORDER BY created_at, stored_seq", List.of(id),
					TraceQueries::score);
			List<StoredPromptLink> links = list(connection,
					"SELECT * FROM prompt_trace_links WHERE trace_id = ? ORDER BY id", List.of(id), TraceQueries::link);
			List<RunDetail.LinkedPrompt> prompts = new ArrayList<>();
			for (StoredPromptLink link : links) {
				this.prompts.version(link.promptVersionId())
					.ifPresent((version) -> prompts.add(new RunDetail.LinkedPrompt(link, version)));
			}
			return Optional.of(new RunDetail(run, session, spans, events, scores, prompts));
		});
	}

	/**
	 * Returns a session and its runs.
	 * @param id the session id
	 * @return the session and its runs by start time, or empty when it is not stored
	 */
	public Optional<SessionDetail> session(UUID id) {
		return read((connection) -> {
			StoredSession session = first(connection, "SELECT * FROM sessions WHERE id = ?", List.of(id),
					TraceQueries::session);
			if (session == null) {
				return Optional.empty();
			}
			List<RunSummary> runs = summaries(connection, "SELECT " + SUMMARY_COLUMNS
					+ " FROM runs r WHERE r.session_id = ? ORDER BY r.started_at, r.stored_seq", List.of(id));
			return Optional.of(new SessionDetail(session, runs));
		});
	}

	/**
	 * Returns the overview of the runs started in a time range.
	 * @param from the start, or {@code null} for the first stored run
	 * @param to the end, or {@code null} for now
	 * @param bucketCount how many buckets to divide the range into, {@code > 0}
	 * @return the overview
	 */
	public Overview overview(@Nullable Instant from, @Nullable Instant to, int bucketCount) {
		if (bucketCount <= 0) {
			throw new IllegalArgumentException("bucketCount must be > 0, was " + bucketCount);
		}
		return read((connection) -> OverviewQuery.run(connection, this.dialect, from, to, bucketCount));
	}

	/**
	 * Returns a run as one batch in the ingest format, with its session, spans (parents first), events, scores and
	 * prompt links: what {@code Run.fromJson(json, runId)} of the Java SDK rebuilds and replays, and what the ingest
	 * endpoint of any NorthStar accepts.
	 * @param id the run id
	 * @return the batch, or empty when the run is not stored
	 */
	public Optional<ObjectNode> exportRun(UUID id) {
		return run(id).map(RunExport::batch);
	}

	private String where(RunQuery query, List<Object> parameters) {
		List<String> conditions = new ArrayList<>();
		if (query.name() != null) {
			conditions.add("r.name = ?");
			parameters.add(query.name());
		}
		if (query.status() != null) {
			conditions.add("r.status = ?");
			parameters.add(query.status());
		}
		if (query.sessionId() != null) {
			conditions.add("r.session_id = ?");
			parameters.add(query.sessionId());
		}
		if (query.from() != null) {
			conditions.add("r.started_at >= ?");
			parameters.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
		}
		if (query.to() != null) {
			conditions.add("r.started_at < ?");
			parameters.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
		}
		if (query.text() != null && !query.text().isBlank()) {
			String pattern = "%" + query.text()
				.trim()
				.toLowerCase(Locale.ROOT)
				.replace("\\", "\\\\")
				.replace("%", "\\%")
				.replace("_", "\\_") + "%";
			conditions.add("(LOWER(r.name) LIKE ? ESCAPE '\\' OR LOWER(r.input_text) LIKE ? ESCAPE '\\' "
					+ "OR LOWER(r.output_text) LIKE ? ESCAPE '\\')");
			parameters.add(pattern);
			parameters.add(pattern);
			parameters.add(pattern);
		}
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	private List<RunSummary> summaries(Connection connection, String sql, List<Object> parameters)
			throws SQLException {
		List<Object[]> rows = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			bindAll(statement, parameters);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					rows.add(new Object[] { Rows.uuid(result, "id"), Rows.uuid(result, "session_id"),
							result.getString("name"), result.getString("status"), Rows.instant(result, "started_at"),
							Rows.optionalInstant(result, "ended_at"), Rows.optionalDouble(result, "cost_usd"),
							Rows.optionalLong(result, "total_tokens"), result.getString("input_text"),
							result.getString("output_text"), Rows.optionalObject(result, "error") });
				}
			}
		}
		Map<UUID, List<StoredScore>> scores = scoresOf(connection,
				rows.stream().map((row) -> (UUID) row[0]).toList());
		List<RunSummary> summaries = new ArrayList<>();
		for (Object[] row : rows) {
			Instant started = (Instant) row[4];
			Instant ended = (Instant) row[5];
			summaries.add(new RunSummary((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3], started,
					ended, (ended != null) ? Duration.between(started, ended).toMillis() : null, (Double) row[6],
					(Long) row[7], (String) row[8], (String) row[9], (ObjectNode) row[10],
					scores.getOrDefault((UUID) row[0], List.of())));
		}
		return summaries;
	}

	private Map<UUID, List<StoredScore>> scoresOf(Connection connection, Collection<UUID> runIds)
			throws SQLException {
		Map<UUID, List<StoredScore>> scores = new HashMap<>();
		if (runIds.isEmpty()) {
			return scores;
		}
		String marks = String.join(", ", java.util.Collections.nCopies(runIds.size(), "?"));
		for (StoredScore score : list(connection,
				"SELECT * FROM scores WHERE trace_id IN (" + marks + ") ORDER BY created_at, stored_seq",
				List.copyOf(runIds), TraceQueries::score)) {
			scores.computeIfAbsent(score.traceId(), (id) -> new ArrayList<>()).add(score);
		}
		return scores;
	}

	private static void bindAll(PreparedStatement statement, List<Object> parameters) throws SQLException {
		for (int i = 0; i < parameters.size(); i++) {
			statement.setObject(i + 1, parameters.get(i));
		}
	}

	private <T> T read(Query<T> query) {
		try (Connection connection = this.dataSource.getConnection()) {
			return query.run(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the local NorthStar's store: " + ex.getMessage(), ex);
		}
	}

	private static <T> @Nullable T first(Connection connection, String sql, List<Object> parameters, Mapper<T> mapper)
			throws SQLException {
		List<T> rows = list(connection, sql, parameters, mapper);
		return rows.isEmpty() ? null : rows.get(0);
	}

	private static <T> List<T> list(Connection connection, String sql, List<Object> parameters, Mapper<T> mapper)
			throws SQLException {
		List<T> result = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			bindAll(statement, parameters);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					result.add(mapper.map(rows));
				}
			}
		}
		return result;
	}

	private static StoredSession session(ResultSet rows) throws SQLException {
		return new StoredSession(Rows.uuid(rows, "id"), Rows.instant(rows, "created_at"),
				Rows.optionalInstant(rows, "ended_at"), Rows.object(rows, "metadata"));
	}

	private static StoredRun run(ResultSet rows) throws SQLException {
		return new StoredRun(Rows.uuid(rows, "id"), Rows.uuid(rows, "session_id"), rows.getString("name"),
				Rows.instant(rows, "started_at"), Rows.optionalInstant(rows, "ended_at"), rows.getString("status"),
				Rows.optionalObject(rows, "error"), Rows.object(rows, "metadata"));
	}

	private static StoredSpan span(ResultSet rows) throws SQLException {
		return new StoredSpan(Rows.uuid(rows, "id"), Rows.uuid(rows, "run_id"), Rows.optionalUuid(rows, "parent_span_id"),
				rows.getString("kind"), rows.getString("name"), Rows.instant(rows, "started_at"),
				Rows.optionalInstant(rows, "ended_at"), rows.getString("status"), Rows.optionalObject(rows, "error"),
				Rows.optionalInt(rows, "iteration"), Rows.object(rows, "attributes"));
	}

	private static StoredEvent event(ResultSet rows) throws SQLException {
		return new StoredEvent(Rows.uuid(rows, "id"), Rows.uuid(rows, "run_id"), Rows.optionalUuid(rows, "span_id"),
				rows.getString("type"), Rows.instant(rows, "created_at"), Rows.json(rows, "content"),
				Rows.object(rows, "attributes"));
	}

	private static StoredScore score(ResultSet rows) throws SQLException {
		return new StoredScore(Rows.uuid(rows, "id"), Rows.uuid(rows, "trace_id"), Rows.optionalUuid(rows, "span_id"),
				rows.getString("name"), rows.getDouble("value"), rows.getString("data_type"),
				rows.getString("string_value"), rows.getString("source"), rows.getString("comment"),
				Rows.instant(rows, "created_at"));
	}

	private static StoredPromptLink link(ResultSet rows) throws SQLException {
		return new StoredPromptLink(Rows.uuid(rows, "trace_id"), Rows.uuid(rows, "span_id"),
				Rows.uuid(rows, "prompt_version_id"), Rows.object(rows, "variable_values"));
	}

	/** A read on one connection. */
	@FunctionalInterface
	private interface Query<T> {

		T run(Connection connection) throws SQLException;

	}

	/** Maps the current row. */
	@FunctionalInterface
	private interface Mapper<T> {

		T map(ResultSet rows) throws SQLException;

	}

	/**
	 * A session and its runs.
	 *
	 * @param session the session
	 * @param runs its runs, by start time
	 * @since 0.1.0
	 */
	public record SessionDetail(StoredSession session, List<RunSummary> runs) {

		/**
		 * Creates an instance, copying the runs.
		 * @param session the session
		 * @param runs its runs
		 */
		public SessionDetail {
			runs = List.copyOf(runs);
		}

	}

}
