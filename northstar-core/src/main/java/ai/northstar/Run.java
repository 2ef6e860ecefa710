package ai.northstar;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ai.northstar.data.Batch;
import ai.northstar.data.ErrorInfo;
import ai.northstar.data.EventData;
import ai.northstar.data.RunData;
import ai.northstar.data.SpanData;
import ai.northstar.export.ExportableRecord;
import ai.northstar.export.RecordKind;
import ai.northstar.export.WireFormat;
import ai.northstar.internal.WireText;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A run, also called a trace: one agent execution inside a {@link Session}. Queued with status {@code running} when
 * it starts; {@link #close()} stamps {@code ended_at}, sets status {@code ok} (or {@code error} after
 * {@link #recordError(Throwable)}), adds the model usage of its spans to its metadata ({@code cost_usd},
 * {@code total_input_tokens}, {@code total_output_tokens}) and queues it again.
 * <p>
 * The typed {@code record*} methods respect the client's {@link CaptureOptions}: when the flag of the type is off,
 * nothing is written and an empty {@link Optional} is returned. Content is snapshotted, redacted and bounded when it
 * is recorded. Thread-safe.
 *
 * @since 0.1.0
 */
public final class Run extends ExportableRecord implements AutoCloseable {

	/** The most events a run keeps in memory for {@link #replay}; later ones are still sent. */
	public static final int MAX_RETAINED_EVENTS = 1000;

	private final @Nullable Northstar client;

	private final @Nullable Session session;

	private final UUID sessionId;

	private final String name;

	private final Instant startedAt;

	/** The captured metadata, immutable until the first write copies it. Guarded by this. */
	private Map<String, JsonNode> metadata;

	private @Nullable Instant endedAt;

	private RunStatus status = RunStatus.RUNNING;

	private @Nullable ErrorInfo error;

	private @Nullable List<Span> openSpans;

	/** The events of a run rebuilt from a batch; {@code null} on a live run, which chains them instead. */
	private final @Nullable List<EventData> rebuiltEvents;

	/**
	 * The last event retained by this live run, linked to the ones before: appended with one compare-and-set, as
	 * recording an event is the most frequent call on the recording path.
	 */
	private volatile @Nullable EventRecord lastEvent;

	/** The spans opened on this live run, for replay. */
	private @Nullable List<Span> spans;

	/** The spans of a run rebuilt from a batch, for replay. */
	private final Map<UUID, SpanInfo> rebuiltSpans;

	private @Nullable BigDecimal costUsd;

	private long inputTokens;

	private long outputTokens;

	private static final VarHandle LAST_EVENT;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	/**
	 * The run's start in nanoseconds since the epoch, and {@link System#nanoTime()} when it was read. With the system
	 * clock, the run, its spans and its events read their times from this anchor, as OpenTelemetry does for the spans
	 * of one trace: one wall-clock read per run, and durations that a wall-clock step cannot make negative.
	 */
	private final long anchorEpochNanos;

	private final long anchorNanoTime;

	private final boolean anchored;

	static {
		try {
			LAST_EVENT = MethodHandles.lookup().findVarHandle(Run.class, "lastEvent", EventRecord.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	Run(Northstar client, Session session, String name, Map<String, JsonNode> metadata) {
		super(client.newId());
		requireName(name);
		this.client = client;
		this.session = session;
		this.sessionId = session.id();
		this.name = name;
		this.startedAt = client.now();
		this.anchored = client.usesSystemClock();
		this.anchorNanoTime = this.anchored ? System.nanoTime() : 0;
		this.anchorEpochNanos = this.startedAt.getEpochSecond() * NANOS_PER_SECOND + this.startedAt.getNano();
		this.metadata = metadata;
		this.rebuiltSpans = Map.of();
		this.rebuiltEvents = null;
		created(client.buffer());
	}

	private Run(RunData data, List<SpanData> spans, List<EventData> events) {
		super(data.id());
		this.client = null;
		this.session = null;
		this.sessionId = data.sessionId();
		this.name = data.name();
		this.startedAt = data.startedAt();
		this.anchored = false;
		this.anchorNanoTime = 0;
		this.anchorEpochNanos = 0;
		this.endedAt = data.endedAt();
		this.status = data.status();
		this.error = data.error();
		this.metadata = new LinkedHashMap<>(data.metadata());
		this.rebuiltEvents = List.copyOf(events);
		Map<UUID, SpanInfo> rebuilt = new LinkedHashMap<>();
		spans.forEach((span) -> rebuilt.put(span.id(), new SpanInfo(span.name(), span.kind())));
		this.rebuiltSpans = rebuilt;
	}

	static void requireName(String name) {
		if (name == null || WireText.isBlank(name)) {
			throw new IllegalArgumentException("name must not be blank");
		}
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
		RunData data = batch.runs()
			.stream()
			.filter((run) -> run.id().equals(runId))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new IllegalArgumentException("The batch holds no run with id " + runId));
		List<SpanData> spans = batch.spans().stream().filter((span) -> span.runId().equals(runId)).toList();
		List<EventData> events = batch.events().stream().filter((event) -> event.runId().equals(runId)).toList();
		return new Run(data, spans, events);
	}

	/**
	 * Rebuilds a run from the JSON text of a flushed batch; see {@link #fromBatch(Batch, UUID)}.
	 * @param json the batch JSON, as sent to NorthStar
	 * @param runId the id of the run
	 * @return the rebuilt run
	 * @throws IllegalArgumentException when the text is not a batch or holds no such run
	 */
	public static Run fromJson(String json, UUID runId) {
		Batch batch;
		try {
			batch = WireFormat.read(json);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a NorthStar batch: " + ex.getMessage(), ex);
		}
		return fromBatch(batch, runId);
	}

	/**
	 * Returns the run name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the id of the session this run belongs to.
	 * @return the session id
	 */
	public UUID sessionId() {
		return this.sessionId;
	}

	/**
	 * Returns when the run started.
	 * @return the start time
	 */
	public Instant startedAt() {
		return this.startedAt;
	}

	/**
	 * Returns the current status.
	 * @return the status
	 */
	public synchronized RunStatus status() {
		return this.status;
	}

	/**
	 * Returns whether the run was closed.
	 * @return {@code true} when ended
	 */
	public synchronized boolean isEnded() {
		return this.endedAt != null;
	}

	/**
	 * Starts a span whose parent is the innermost span of this run that is open, or the run itself.
	 * @param name the span name, not blank
	 * @param kind the span kind
	 * @return the open span
	 */
	public Span span(String name, SpanKind kind) {
		return span(name, kind, null, Map.of());
	}

	/**
	 * Starts a span whose parent is the innermost span of this run that is open, or the run itself.
	 * @param name the span name, not blank
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
	 * @param name the span name, not blank
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
	 * when it is closed.
	 * @param error the error
	 */
	public void recordError(Throwable error) {
		Northstar client = requireClient();
		ErrorInfo info = client.errorInfo(error);
		synchronized (this) {
			this.error = info;
			this.status = RunStatus.ERROR;
		}
		changed(client.buffer());
	}

	/**
	 * Adds or replaces a metadata entry; the value is snapshotted and redacted like content.
	 * @param key the key
	 * @param value the value
	 */
	public void putMetadata(String key, @Nullable Object value) {
		Northstar client = requireClient();
		JsonNode node = client.captureValue(key, value);
		synchronized (this) {
			writableMetadata().put(key, node);
		}
		changed(client.buffer());
	}

	/**
	 * Returns a snapshot of the run metadata.
	 * @return the metadata
	 */
	public synchronized Map<String, JsonNode> metadata() {
		return Map.copyOf(this.metadata);
	}

	/**
	 * Ends the run: stamps {@code ended_at}, sets the status, aggregates model usage and queues the run again.
	 * Idempotent.
	 */
	@Override
	public void close() {
		Northstar client = requireClient();
		synchronized (this) {
			if (this.endedAt != null) {
				return;
			}
			this.endedAt = now();
			if (this.status == RunStatus.RUNNING) {
				this.status = RunStatus.OK;
			}
			if (this.costUsd != null) {
				JsonNodeFactory nodes = JsonNodeFactory.instance;
				Map<String, JsonNode> writable = writableMetadata();
				writable.put("cost_usd", nodes.numberNode(this.costUsd));
				writable.put("total_input_tokens", nodes.numberNode(this.inputTokens));
				writable.put("total_output_tokens", nodes.numberNode(this.outputTokens));
			}
		}
		changed(client.buffer());
	}

	/**
	 * Returns a replay of this run's recorded events, whose tool calls can be invoked again against a registry of
	 * tools keyed by span name.
	 * @param tools the tools, by name
	 * @return the replay
	 */
	public Replay replay(Map<String, ? extends ReplayTool> tools) {
		List<EventData> recorded;
		Map<UUID, SpanInfo> spans;
		synchronized (this) {
			recorded = events();
			if (this.client == null) {
				spans = this.rebuiltSpans;
			}
			else {
				spans = new LinkedHashMap<>();
				if (this.spans != null) {
					for (Span span : this.spans) {
						spans.put(span.id(), new SpanInfo(span.name(), span.kind()));
					}
				}
			}
		}
		return new Replay(recorded, spans, tools,
				(this.client != null) ? this.client.contentCapture() : Northstar.defaultContentCapture());
	}

	/**
	 * Returns the events recorded on this run and its spans, in order (at most {@value #MAX_RETAINED_EVENTS}).
	 * @return the events
	 */
	public List<EventData> events() {
		if (this.rebuiltEvents != null) {
			return this.rebuiltEvents;
		}
		EventRecord last = this.lastEvent;
		if (last == null) {
			return List.of();
		}
		EventData[] events = new EventData[last.indexInRun + 1];
		for (EventRecord record = last; record != null; record = record.previousInRun) {
			events[record.indexInRun] = record.data();
		}
		return List.of(events);
	}

	Optional<EventData> record(EventType type, @Nullable Span span, @Nullable Object content,
			@Nullable Map<String, ?> attributes) {
		Northstar client = requireClient();
		if (!client.captureOptions().captures(type)) {
			return Optional.empty();
		}
		EventData event = new EventData(client.newId(), id(), (span != null) ? span.id() : null, type, now(),
				client.contentCapture().capture(content), client.captureMap(attributes));
		EventRecord record = new EventRecord(event, (span != null) ? span : this);
		// Queued first: created() requires that no other thread can see the record yet.
		record.submit(client.buffer());
		retain(record);
		return Optional.of(event);
	}

	/**
	 * Returns the time now for this run and its spans and events: from the run's monotonic anchor with the system
	 * clock, else from the client's clock. Like OpenTelemetry's spans of one trace, a long run drifts from the wall
	 * clock by whatever the wall clock was adjusted (or the machine suspended) since the run started.
	 */
	Instant now() {
		if (!this.anchored) {
			return requireClient().now();
		}
		long epochNanos = this.anchorEpochNanos + (System.nanoTime() - this.anchorNanoTime);
		return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
				Math.floorMod(epochNanos, NANOS_PER_SECOND));
	}

	private void retain(EventRecord record) {
		EventRecord last;
		do {
			last = this.lastEvent;
			int index = (last != null) ? last.indexInRun + 1 : 0;
			if (index >= MAX_RETAINED_EVENTS) {
				return;
			}
			record.previousInRun = last;
			record.indexInRun = index;
		}
		while (!LAST_EVENT.compareAndSet(this, last, record));
	}

	/**
	 * Starts a span of this run and lists it as open. One lock of the run covers choosing the parent and listing the
	 * span; it is also the lock of every span's state, so closing a span takes one lock too.
	 * @param parent the parent span, or {@code null} for none (or the innermost open span, see below)
	 * @param innermostAsParent whether the parent is the innermost open span of the run instead
	 */
	Span startSpan(@Nullable Span parent, boolean innermostAsParent, String name, SpanKind kind,
			@Nullable Integer iteration, @Nullable Map<String, ?> attributes) {
		Northstar client = requireClient();
		// Capturing runs the application's getters: never under the lock.
		Map<String, JsonNode> captured = client.captureMap(attributes);
		synchronized (this) {
			Span parentSpan = innermostAsParent ? innermost() : parent;
			Span span = new Span(client, this, parentSpan, name, kind, iteration, captured);
			if (this.openSpans == null) {
				this.openSpans = new ArrayList<>(4);
				this.spans = new ArrayList<>(4);
			}
			this.openSpans.add(span);
			this.spans.add(span);
			return span;
		}
	}

	/** Takes a closing span off the open ones; the caller holds this run's lock. */
	void spanClosed(Span span) {
		if (this.openSpans == null) {
			return;
		}
		for (int i = this.openSpans.size() - 1; i >= 0; i--) {
			if (this.openSpans.get(i) == span) {
				this.openSpans.remove(i);
				return;
			}
		}
	}

	private @Nullable Span innermost() {
		return (this.openSpans == null || this.openSpans.isEmpty()) ? null
				: this.openSpans.get(this.openSpans.size() - 1);
	}

	synchronized void addUsage(BigDecimal cost, long input, long output) {
		this.costUsd = (this.costUsd != null) ? this.costUsd.add(cost) : cost;
		this.inputTokens += input;
		this.outputTokens += output;
	}

	private Map<String, JsonNode> writableMetadata() {
		if (!(this.metadata instanceof LinkedHashMap)) {
			this.metadata = new LinkedHashMap<>(this.metadata);
		}
		return this.metadata;
	}

	Northstar requireClient() {
		if (this.client == null) {
			throw new IllegalStateException("Run " + id() + " was rebuilt from a batch and is read-only");
		}
		return this.client;
	}

	@Override
	protected RecordKind recordKind() {
		return RecordKind.RUN;
	}

	@Override
	protected @Nullable ExportableRecord parentRecord() {
		return this.session;
	}

	@Override
	protected synchronized Object snapshot() {
		return new RunData(id(), this.sessionId, this.name, this.startedAt, this.endedAt, this.status, this.error,
				this.metadata);
	}

	@Override
	public String toString() {
		return "Run[" + this.name + ", " + id() + "]";
	}

	/** What replay needs to know of a span. */
	record SpanInfo(String name, SpanKind kind) {
	}

}
