package ai.northstar;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ai.northstar.data.Batch;
import ai.northstar.data.EventData;
import ai.northstar.internal.WireText;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A run, also called a trace: one agent execution inside a {@link Session}. Queued with status {@code running} when
 * it starts; {@link #close()} stamps {@code ended_at}, sets status {@code ok} (or {@code error} after
 * {@link #recordError(Throwable)}), adds the model usage of its spans to its metadata ({@code cost_usd},
 * {@code total_input_tokens}, {@code total_output_tokens}) and queues it again.
 * <p>
 * The typed {@code record*} methods respect the client's {@link CaptureOptions}: when the flag of the type is off,
 * nothing is written and an empty {@link Optional} is returned. Content is snapshotted, redacted and bounded when it
 * is recorded; metadata values are bounded one by one and as a whole (see {@link #putMetadata}). Thread-safe.
 *
 * @since 0.1.0
 */
public final class Run implements AutoCloseable {

	/**
	 * The most events a live run keeps for {@link #replay} and {@link #events()}: its first ones, and only until they
	 * are sent (a run holds no content that left the queue). Later events are still sent.
	 */
	public static final int MAX_RETAINED_EVENTS = 1000;

	/** The longest run, span or score name, in characters; a longer one is cut. */
	static final int MAX_NAME_LENGTH = 1024;

	private final @Nullable Recorder recorder;

	private final @Nullable RunState state;

	private final @Nullable RebuiltRun rebuilt;

	Run(Recorder recorder, Session session, String name, Entries metadata) {
		this.recorder = recorder;
		this.state = new RunState(recorder.newId(), session.state(), checkedName(name), recorder.now(),
				recorder.usesSystemClock(), metadata);
		this.rebuilt = null;
		this.state.created(recorder.queue());
		recorder.recentRuns().add(this);
	}

	private Run(RebuiltRun rebuilt) {
		this.recorder = null;
		this.state = null;
		this.rebuilt = rebuilt;
	}

	/**
	 * Checks a run, span or score name, and cuts it to {@value #MAX_NAME_LENGTH} characters: a name is a label, so
	 * one that is longer (say, a prompt passed by mistake) must not make its record, sent again on every change,
	 * large.
	 * @param name the name
	 * @return the name, cut when longer
	 * @throws IllegalArgumentException when the name is blank
	 */
	static String checkedName(@Nullable String name) {
		if (name == null || WireText.isBlank(name)) {
			throw new IllegalArgumentException("name must not be blank");
		}
		return WireText.truncate(name, MAX_NAME_LENGTH);
	}

	/**
	 * Rebuilds a run, its spans and its events from a flushed batch, so a run recorded yesterday can be replayed
	 * today. The rebuilt run is read-only: its recording methods throw {@link IllegalStateException}.
	 * @param batch the batch, such as {@link Northstar#lastFlushedBatch()}
	 * @param runId the id of the run
	 * @return the rebuilt run
	 * @throws IllegalArgumentException when the batch holds no such run
	 */
	public static Run fromBatch(Batch batch, UUID runId) {
		return new Run(RebuiltRun.from(batch, runId));
	}

	/**
	 * Rebuilds a run from the JSON text of a flushed batch; see {@link #fromBatch(Batch, UUID)}.
	 * @param json the batch JSON, as sent to NorthStar
	 * @param runId the id of the run
	 * @return the rebuilt run
	 * @throws IllegalArgumentException when the text is not a batch or holds no such run
	 */
	public static Run fromJson(String json, UUID runId) {
		return new Run(RebuiltRun.fromJson(json, runId));
	}

	/**
	 * Returns the run id, also the {@code trace_id} of its scores.
	 * @return the id
	 */
	public UUID id() {
		return (this.state != null) ? this.state.id() : rebuilt().data().id();
	}

	/**
	 * Returns the run name.
	 * @return the name
	 */
	public String name() {
		return (this.state != null) ? this.state.name() : rebuilt().data().name();
	}

	/**
	 * Returns the id of the session this run belongs to.
	 * @return the session id
	 */
	public UUID sessionId() {
		return (this.state != null) ? this.state.sessionId() : rebuilt().data().sessionId();
	}

	/**
	 * Returns when the run started.
	 * @return the start time
	 */
	public Instant startedAt() {
		return (this.state != null) ? this.state.startedAt() : rebuilt().data().startedAt();
	}

	/**
	 * Returns the current status.
	 * @return the status
	 */
	public RunStatus status() {
		return (this.state != null) ? this.state.status() : rebuilt().data().status();
	}

	/**
	 * Returns whether the run was closed.
	 * @return {@code true} when ended
	 */
	public boolean isEnded() {
		return (this.state != null) ? this.state.isEnded() : rebuilt().data().endedAt() != null;
	}

	/**
	 * Starts a span whose parent is the innermost span of this run that is open, or the run itself.
	 * @param name the span name, not blank; cut to 1,024 characters
	 * @param kind the span kind
	 * @return the open span
	 */
	public Span span(String name, SpanKind kind) {
		return span(name, kind, null, Map.of());
	}

	/**
	 * Starts a span whose parent is the innermost span of this run that is open, or the run itself.
	 * @param name the span name, not blank; cut to 1,024 characters
	 * @param kind the span kind
	 * @param iteration the agent iteration, if any
	 * @param attributes the span attributes
	 * @return the open span
	 */
	public Span span(String name, SpanKind kind, @Nullable Integer iteration, Map<String, ?> attributes) {
		return startSpan(null, true, name, kind, iteration, attributes);
	}

	/**
	 * Runs the body in a new span, which ends when the body returns ({@code ok}) or throws ({@code error}, with the
	 * error object; the exception is rethrown unchanged).
	 * @param <T> the body's result
	 * @param <E> the exception the body may throw
	 * @param name the span name, not blank; cut to 1,024 characters
	 * @param kind the span kind
	 * @param body the body
	 * @return the body's result
	 * @throws E when the body fails
	 */
	public <T, E extends Throwable> T span(String name, SpanKind kind, TraceCallback<Span, T, E> body) throws E {
		return Span.inSpan(span(name, kind), body);
	}

	/**
	 * Records the input that started the agent.
	 * @param content the content
	 * @return the event, or empty when user input is not captured
	 */
	public Optional<EventData> recordUserInput(@Nullable Object content) {
		return recordUserInput(content, Map.of());
	}

	/**
	 * Records the input that started the agent.
	 * @param content the content
	 * @param attributes the event attributes
	 * @return the event, or empty when user input is not captured
	 */
	public Optional<EventData> recordUserInput(@Nullable Object content, Map<String, ?> attributes) {
		return record(EventType.USER_INPUT, null, content, attributes);
	}

	/**
	 * Records a system message.
	 * @param content the content
	 * @return the event, or empty when system messages are not captured
	 */
	public Optional<EventData> recordSystemMessage(@Nullable Object content) {
		return recordSystemMessage(content, Map.of());
	}

	/**
	 * Records a system message.
	 * @param content the content
	 * @param attributes the event attributes
	 * @return the event, or empty when system messages are not captured
	 */
	public Optional<EventData> recordSystemMessage(@Nullable Object content, Map<String, ?> attributes) {
		return record(EventType.SYSTEM_MESSAGE, null, content, attributes);
	}

	/**
	 * Records an intermediate assistant message.
	 * @param content the content
	 * @return the event, or empty when assistant messages are not captured
	 */
	public Optional<EventData> recordAssistantMessage(@Nullable Object content) {
		return recordAssistantMessage(content, Map.of());
	}

	/**
	 * Records an intermediate assistant message.
	 * @param content the content
	 * @param attributes the event attributes
	 * @return the event, or empty when assistant messages are not captured
	 */
	public Optional<EventData> recordAssistantMessage(@Nullable Object content, Map<String, ?> attributes) {
		return record(EventType.ASSISTANT_MESSAGE, null, content, attributes);
	}

	/**
	 * Records the answer the agent delivered.
	 * @param content the content
	 * @return the event, or empty when final responses are not captured
	 */
	public Optional<EventData> recordFinalResponse(@Nullable Object content) {
		return recordFinalResponse(content, Map.of());
	}

	/**
	 * Records the answer the agent delivered.
	 * @param content the content
	 * @param attributes the event attributes
	 * @return the event, or empty when final responses are not captured
	 */
	public Optional<EventData> recordFinalResponse(@Nullable Object content, Map<String, ?> attributes) {
		return record(EventType.FINAL_RESPONSE, null, content, attributes);
	}

	/**
	 * Records a tool result on the run itself.
	 * @param content the content
	 * @return the event, or empty when tool results are not captured
	 */
	public Optional<EventData> recordToolResult(@Nullable Object content) {
		return recordToolResult(content, Map.of());
	}

	/**
	 * Records a tool result on the run itself.
	 * @param content the content
	 * @param attributes the event attributes
	 * @return the event, or empty when tool results are not captured
	 */
	public Optional<EventData> recordToolResult(@Nullable Object content, Map<String, ?> attributes) {
		return record(EventType.TOOL_RESULT, null, content, attributes);
	}

	/**
	 * Records a custom event; custom events are always captured.
	 * @param content the content
	 * @return the event
	 */
	public Optional<EventData> recordCustomEvent(@Nullable Object content) {
		return recordCustomEvent(content, Map.of());
	}

	/**
	 * Records a custom event; custom events are always captured.
	 * @param content the content
	 * @param attributes the event attributes
	 * @return the event
	 */
	public Optional<EventData> recordCustomEvent(@Nullable Object content, Map<String, ?> attributes) {
		return record(EventType.CUSTOM, null, content, attributes);
	}

	/**
	 * Marks the run failed: status {@code error} with the error object of the throwable. The run keeps this status
	 * when it is closed. Never throws: an exception whose message cannot be read is recorded with the message
	 * {@code <unavailable>}.
	 * @param error the error
	 */
	public void recordError(Throwable error) {
		RunState live = live();
		Recorder recorder = requireRecorder();
		live.error(recorder.errorInfo(error));
		live.changed(recorder.queue());
	}

	/**
	 * Adds or replaces a metadata entry; the value is snapshotted and redacted like content, and bounded: by the
	 * content cap, and by what the run's metadata has left of its bound ({@value Entries#MAX_RECORD_SIZE} bytes of
	 * JSON in all), beyond which values are truncated with the content envelope. Keys are always kept (cut at
	 * {@value Entries#MAX_KEY_LENGTH} characters).
	 * @param key the key
	 * @param value the value
	 */
	public void putMetadata(String key, @Nullable Object value) {
		RunState live = live();
		Recorder recorder = requireRecorder();
		String entry = Entries.key(key);
		JsonNode node = recorder.captureValue(entry, value, live.metadataLimit(recorder.contentCapture(), entry));
		live.putMetadata(entry, node);
		live.changed(recorder.queue());
	}

	/**
	 * Returns a snapshot of the run metadata.
	 * @return the metadata
	 */
	public Map<String, JsonNode> metadata() {
		return (this.state != null) ? this.state.metadataSnapshot() : rebuilt().data().metadata();
	}

	/**
	 * Ends the run: stamps {@code ended_at}, sets the status, aggregates model usage and queues the run again.
	 * Idempotent.
	 */
	@Override
	public void close() {
		RunState live = live();
		Recorder recorder = requireRecorder();
		if (live.end(nowNanos())) {
			live.changed(recorder.queue());
		}
	}

	/**
	 * Returns a replay of this run's recorded events, whose tool calls can be invoked again against a registry of
	 * tools keyed by span name. A live run replays the events it still retains: those not sent yet (see
	 * {@link #events()}); to replay a run that was sent, rebuild it from its batches with {@link #fromBatch}.
	 * @param tools the tools, by name
	 * @return the replay
	 */
	public Replay replay(Map<String, ? extends ReplayTool> tools) {
		if (this.state == null) {
			RebuiltRun data = rebuilt();
			return new Replay(data.events(), data.spans(), tools, Recorder.defaultContentCapture());
		}
		return new Replay(this.state.retainedEvents(), this.state.retainedSpans(), tools,
				requireRecorder().contentCapture());
	}

	/**
	 * Returns the events of this run and its spans, in order. A live run returns those it still retains: at most its
	 * first {@value #MAX_RETAINED_EVENTS}, and only until they are sent or dropped, so memory stays bounded by what
	 * is pending. A run rebuilt from a batch returns all of its events in the batch.
	 * @return the events
	 */
	public List<EventData> events() {
		return (this.state != null) ? this.state.retainedEvents() : rebuilt().events();
	}

	Optional<EventData> record(EventType type, @Nullable Span span, @Nullable Object content,
			@Nullable Map<String, ?> attributes) {
		Recorder recorder = requireRecorder();
		RunState live = live();
		if (!recorder.captureOptions().captures(type)) {
			return Optional.empty();
		}
		EventData event = new EventData(recorder.newId(), live.id(), (span != null) ? span.id() : null, type, now(),
				recorder.contentCapture().capture(content), recorder.captureEntries(attributes).map());
		EventRecord record = new EventRecord(event, (span != null) ? span.state() : live);
		// Queued first: created() requires that no other thread can see the record yet.
		record.created(recorder.queue());
		if (!record.isDroppedItself()) {
			live.retain(record);
		}
		return Optional.of(event);
	}

	/**
	 * Returns the time now for this run and its spans and events: from the run's monotonic anchor with the system
	 * clock, else from the client's clock. Like OpenTelemetry's spans of one trace, a long run drifts from the wall
	 * clock by whatever the wall clock was adjusted (or the machine suspended) since the run started.
	 */
	Instant now() {
		RunState live = live();
		return live.isAnchored() ? EpochNanos.instant(live.anchoredNow()) : requireRecorder().now();
	}

	/** The time now as {@link #now()} tells it, in nanoseconds since the epoch: what a start or an end keeps. */
	long nowNanos() {
		RunState live = live();
		return live.isAnchored() ? live.anchoredNow() : EpochNanos.of(requireRecorder().now());
	}

	/**
	 * Starts a span of this run and lists it as open. One lock of the run covers choosing the parent and listing the
	 * span; it is also the lock of every span's state, so closing a span takes one lock too.
	 * @param parent the parent span, or {@code null} for none (or the innermost open span, see below)
	 * @param innermostAsParent whether the parent is the innermost open span of the run instead
	 */
	Span startSpan(@Nullable Span parent, boolean innermostAsParent, String name, SpanKind kind,
			@Nullable Integer iteration, @Nullable Map<String, ?> attributes) {
		Recorder recorder = requireRecorder();
		RunState live = live();
		String checkedName = checkedName(name);
		if (kind == null) {
			throw new IllegalArgumentException("kind must not be null");
		}
		// Capturing runs the application's getters: never under the lock.
		Entries captured = recorder.captureEntries(attributes);
		long startedAt = nowNanos();
		synchronized (live) {
			Span parentSpan = innermostAsParent ? live.innermost() : parent;
			Span span = new Span(recorder, this, parentSpan, checkedName, kind, iteration, startedAt, captured);
			live.opened(span);
			return span;
		}
	}

	void addUsage(BigDecimal cost, long input, long output, boolean evaluation) {
		RunState live = live();
		if (live.addUsage(cost, input, output, evaluation)) {
			live.changed(requireRecorder().queue());
		}
	}

	RunState live() {
		if (this.state == null) {
			throw new IllegalStateException("Run " + id() + " was rebuilt from a batch and is read-only");
		}
		return this.state;
	}

	Recorder requireRecorder() {
		if (this.recorder == null) {
			throw new IllegalStateException("Run " + id() + " was rebuilt from a batch and is read-only");
		}
		return this.recorder;
	}

	boolean isDropped() {
		return this.state != null && this.state.isDropped();
	}

	private RebuiltRun rebuilt() {
		if (this.rebuilt == null) {
			throw new IllegalStateException("not a rebuilt run");
		}
		return this.rebuilt;
	}

	@Override
	public String toString() {
		return "Run[" + name() + ", " + id() + "]";
	}

	/** What replay needs to know of a span. */
	record SpanInfo(String name, SpanKind kind) {
	}

}
