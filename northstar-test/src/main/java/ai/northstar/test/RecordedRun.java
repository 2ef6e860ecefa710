package ai.northstar.test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import ai.northstar.EventType;
import ai.northstar.Replay;
import ai.northstar.ReplayTool;
import ai.northstar.Run;
import ai.northstar.RunStatus;
import ai.northstar.SpanKind;
import ai.northstar.local.LocalStore;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredPromptLink;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSession;
import ai.northstar.local.StoredSpan;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run as the NorthStar backend stores it, with its spans, events, scores and prompt links: a snapshot taken from
 * a {@link NorthstarRecorder}. Assert on it with {@link NorthstarAssertions#assertThat(RecordedRun)}; {@link #tree()}
 * draws it; {@link #toBatchJson()} and {@link #replay(Map)} replay it; {@code EvalCase.withRun} evaluates it.
 *
 * @since 0.1.0
 */
public final class RecordedRun {

	private final StoredRun run;

	private final @Nullable StoredSession session;

	private final List<StoredSpan> spans;

	private final List<StoredEvent> events;

	private final List<StoredScore> scores;

	private final List<StoredPromptLink> promptLinks;

	private RecordedRun(StoredRun run, @Nullable StoredSession session, List<StoredSpan> spans,
			List<StoredEvent> events, List<StoredScore> scores, List<StoredPromptLink> promptLinks) {
		this.run = run;
		this.session = session;
		this.spans = List.copyOf(spans);
		this.events = List.copyOf(events);
		this.scores = List.copyOf(scores);
		this.promptLinks = List.copyOf(promptLinks);
	}

	/**
	 * Takes a snapshot of a stored run.
	 * @param store the store holding it
	 * @param run the run
	 * @return the snapshot
	 */
	public static RecordedRun of(LocalStore store, StoredRun run) {
		return new RecordedRun(run, store.session(run.sessionId()).orElse(null), store.spansOf(run.id()),
				store.eventsOf(run.id()), store.scoresOf(run.id()), store.promptLinksOf(run.id()));
	}

	/**
	 * Returns the run as stored.
	 * @return the stored run
	 */
	public StoredRun stored() {
		return this.run;
	}

	/**
	 * Returns the run id (the trace id of its scores).
	 * @return the id
	 */
	public UUID id() {
		return this.run.id();
	}

	/**
	 * Returns the run name.
	 * @return the name
	 */
	public String name() {
		return this.run.name();
	}

	/**
	 * Returns the run status.
	 * @return the status
	 */
	public RunStatus status() {
		return status(this.run.status());
	}

	static RunStatus status(String wireValue) {
		for (RunStatus status : RunStatus.values()) {
			if (status.wireValue().equals(wireValue)) {
				return status;
			}
		}
		throw new IllegalStateException("Unknown run status '" + wireValue + "'");
	}

	/**
	 * Returns whether the run has ended ({@code ok} or {@code error}).
	 * @return {@code true} when ended
	 */
	public boolean isEnded() {
		return status() != RunStatus.RUNNING;
	}

	/**
	 * Returns when the run started.
	 * @return the start time
	 */
	public Instant startedAt() {
		return this.run.startedAt();
	}

	/**
	 * Returns the recorded error ({@code type}, {@code message}, {@code module}).
	 * @return the error, if any
	 */
	public Optional<ObjectNode> error() {
		return Optional.ofNullable(this.run.error());
	}

	/**
	 * Returns the run metadata (with {@code latency_ms}, {@code cost_usd}, {@code total_input_tokens} and
	 * {@code total_output_tokens} once ended).
	 * @return a copy of the metadata
	 */
	public ObjectNode metadata() {
		return this.run.metadata();
	}

	/**
	 * Returns the session of the run.
	 * @return the session, if stored
	 */
	public Optional<StoredSession> session() {
		return Optional.ofNullable(this.session);
	}

	/**
	 * Returns the spans, ordered by start time.
	 * @return the spans
	 */
	public List<StoredSpan> spans() {
		return this.spans;
	}

	/**
	 * Returns the spans of a name, ordered by start time.
	 * @param name the span name
	 * @return the spans
	 */
	public List<StoredSpan> spans(String name) {
		return this.spans.stream().filter((span) -> span.name().equals(name)).toList();
	}

	/**
	 * Returns the first span of a name.
	 * @param name the span name
	 * @return the span, if any
	 */
	public Optional<StoredSpan> span(String name) {
		return spans(name).stream().findFirst();
	}

	/**
	 * Finds a span by id.
	 * @param id the span id
	 * @return the span, if it belongs to this run
	 */
	public Optional<StoredSpan> span(UUID id) {
		return this.spans.stream().filter((span) -> span.id().equals(id)).findFirst();
	}

	/**
	 * Returns the direct children of a span, or the root spans.
	 * @param parent the parent span, or {@code null} for the spans directly under the run
	 * @return the children, ordered by start time
	 */
	public List<StoredSpan> children(@Nullable StoredSpan parent) {
		UUID parentId = (parent != null) ? parent.id() : null;
		return this.spans.stream().filter((span) -> Objects.equals(span.parentSpanId(), parentId)).toList();
	}

	/**
	 * Returns the events, ordered by creation time.
	 * @return the events
	 */
	public List<StoredEvent> events() {
		return this.events;
	}

	/**
	 * Returns the events of a type, ordered by creation time.
	 * @param type the event type
	 * @return the events
	 */
	public List<StoredEvent> events(EventType type) {
		return this.events.stream().filter((event) -> event.type().equals(type.wireValue())).toList();
	}

	/**
	 * Returns the events recorded on a span.
	 * @param span the span, or {@code null} for the events recorded on the run itself
	 * @return the events, ordered by creation time
	 */
	public List<StoredEvent> eventsOf(@Nullable StoredSpan span) {
		UUID spanId = (span != null) ? span.id() : null;
		return this.events.stream().filter((event) -> Objects.equals(event.spanId(), spanId)).toList();
	}

	/**
	 * Returns the tool calls: one per span of kind {@code tool}, ordered by start time, with the content of its
	 * first {@code tool_arguments} and {@code tool_result} events.
	 * @return the tool calls
	 */
	public List<RecordedToolCall> toolCalls() {
		List<RecordedToolCall> calls = new ArrayList<>();
		for (StoredSpan span : this.spans) {
			if (!span.kind().equals(SpanKind.TOOL.wireValue())) {
				continue;
			}
			JsonNode arguments = null;
			JsonNode result = null;
			for (StoredEvent event : eventsOf(span)) {
				if (arguments == null && event.type().equals(EventType.TOOL_ARGUMENTS.wireValue())) {
					arguments = event.content();
				}
				else if (result == null && event.type().equals(EventType.TOOL_RESULT.wireValue())) {
					result = event.content();
				}
			}
			calls.add(new RecordedToolCall(calls.size(), span, arguments, result));
		}
		return List.copyOf(calls);
	}

	/**
	 * Returns the scores of the run.
	 * @return the scores, in the order they were first stored
	 */
	public List<StoredScore> scores() {
		return this.scores;
	}

	/**
	 * Returns the scores of a name.
	 * @param name the score name
	 * @return the scores
	 */
	public List<StoredScore> scores(String name) {
		return this.scores.stream().filter((score) -> score.name().equals(name)).toList();
	}

	/**
	 * Returns the prompt links of the run.
	 * @return the prompt links
	 */
	public List<StoredPromptLink> promptLinks() {
		return this.promptLinks;
	}

	/**
	 * Draws the run: its status and error, its spans as a tree with their kind, status, usage and events, and its
	 * scores. Assertion failures show it.
	 * @return the drawing, several lines
	 */
	public String tree() {
		return RunTree.render(this);
	}

	/**
	 * Returns the run as a batch the backend accepts: its session, the run, its spans, events and scores, in the
	 * wire format. {@code Run.fromJson(json, id())} rebuilds it, and a dataset case may carry it as its
	 * {@code trace}.
	 * @return the batch JSON
	 */
	public String toBatchJson() {
		return RecordedBatches.write(this);
	}

	/**
	 * Returns the run as a batch object; see {@link #toBatchJson()}.
	 * @return the batch
	 */
	public ObjectNode toBatch() {
		return RecordedBatches.batch(this);
	}

	/**
	 * Returns a replay of the run's tool calls against today's tools; see {@link Run#replay(Map)}.
	 * @param tools the tools, by name
	 * @return the replay
	 */
	public Replay replay(Map<String, ? extends ReplayTool> tools) {
		return Run.fromJson(toBatchJson(), id()).replay(tools);
	}

	@Override
	public String toString() {
		return "RecordedRun[" + this.run.name() + " " + this.run.status() + " " + this.run.id() + "]";
	}

}
