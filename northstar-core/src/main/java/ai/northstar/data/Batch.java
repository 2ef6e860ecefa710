package ai.northstar.data;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One ingest batch: every record in it is stored, or none is. Immutable; obtained from
 * {@link ai.northstar.Northstar#flush()} or read back with {@link ai.northstar.Run#fromJson(String, java.util.UUID)}.
 *
 * @param schemaVersion the protocol schema version, {@value #SCHEMA_VERSION}
 * @param sessions the sessions, parents of runs
 * @param runs the runs
 * @param spans the spans, each after its parent
 * @param events the events
 * @param scores the scores, at most {@value #MAX_SCORES} per batch
 * @param promptLinks the links from model spans to the prompt versions they used
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Batch(@JsonProperty("schema_version") int schemaVersion, List<SessionData> sessions, List<RunData> runs,
		List<SpanData> spans, List<EventData> events, List<ScoreData> scores,
		@JsonProperty("prompt_links") List<PromptLinkData> promptLinks) {

	/** The schema version this SDK writes. */
	public static final int SCHEMA_VERSION = 2;

	/** The most scores the backend accepts in one batch. */
	public static final int MAX_SCORES = 500;

	private static final Batch EMPTY = new Batch(SCHEMA_VERSION, List.of(), List.of(), List.of(), List.of(), List.of(),
			List.of());

	public Batch {
		sessions = (sessions != null) ? List.copyOf(sessions) : List.of();
		runs = (runs != null) ? List.copyOf(runs) : List.of();
		spans = (spans != null) ? List.copyOf(spans) : List.of();
		events = (events != null) ? List.copyOf(events) : List.of();
		scores = (scores != null) ? List.copyOf(scores) : List.of();
		promptLinks = (promptLinks != null) ? List.copyOf(promptLinks) : List.of();
	}

	/**
	 * Creates a batch without prompt links.
	 * @param schemaVersion the protocol schema version
	 * @param sessions the sessions
	 * @param runs the runs
	 * @param spans the spans
	 * @param events the events
	 * @param scores the scores
	 */
	public Batch(int schemaVersion, List<SessionData> sessions, List<RunData> runs, List<SpanData> spans,
			List<EventData> events, List<ScoreData> scores) {
		this(schemaVersion, sessions, runs, spans, events, scores, List.of());
	}

	/**
	 * Returns the empty batch.
	 * @return a batch with no records
	 */
	public static Batch empty() {
		return EMPTY;
	}

	/**
	 * Returns the number of records in this batch.
	 * @return the record count
	 */
	@JsonIgnore
	public int size() {
		return this.sessions.size() + this.runs.size() + this.spans.size() + this.events.size() + this.scores.size()
				+ this.promptLinks.size();
	}

	/**
	 * Returns whether this batch holds no record.
	 * @return {@code true} when empty
	 */
	@JsonIgnore
	public boolean isEmpty() {
		return size() == 0;
	}

}
