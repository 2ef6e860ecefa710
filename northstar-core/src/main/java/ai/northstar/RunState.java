package ai.northstar;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.northstar.data.ErrorInfo;
import ai.northstar.data.EventData;
import ai.northstar.data.RunData;
import ai.northstar.internal.export.ExportRecord;
import ai.northstar.internal.export.RecordKind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The state of a live {@link Run}, queued for export. Its monitor guards it and the state of every span of the run;
 * users cannot reach it. It keeps the events it recorded for replay only until they are sent or dropped, so a run
 * holds no content that left the queue.
 */
final class RunState extends ExportRecord {

	private static final VarHandle LAST_EVENT;

	static {
		try {
			LAST_EVENT = MethodHandles.lookup().findVarHandle(RunState.class, "lastEvent", EventRecord.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final SessionState session;

	private final String name;

	private final Instant startedAt;

	/**
	 * The run's start in nanoseconds since the epoch, and {@link System#nanoTime()} when it was read. With the system
	 * clock, the run, its spans and its events read their times from this anchor, as OpenTelemetry does for the spans
	 * of one trace: one wall-clock read per run, and durations that a wall-clock step cannot make negative.
	 */
	private final long anchorEpochNanos;

	private final long anchorNanoTime;

	private final boolean anchored;

	private final Entries metadata;

	/** When it ended, {@link EpochNanos#NONE} until then. */
	private long endedAtNanos = EpochNanos.NONE;

	private RunStatus status = RunStatus.RUNNING;

	private @Nullable ErrorInfo error;

	private @Nullable List<Span> openSpans;

	private @Nullable BigDecimal costUsd;

	private long inputTokens;

	private long outputTokens;

	private @Nullable BigDecimal evaluationCostUsd;

	/** The last event retained for replay, linked to the ones before; appended with one compare-and-set. */
	private volatile @Nullable EventRecord lastEvent;

	RunState(UUID id, SessionState session, String name, Instant startedAt, boolean anchored, Entries metadata) {
		super(id);
		this.session = session;
		this.name = name;
		this.startedAt = startedAt;
		this.anchored = anchored;
		this.anchorNanoTime = anchored ? System.nanoTime() : 0;
		this.anchorEpochNanos = EpochNanos.of(startedAt);
		this.metadata = metadata;
	}

	String name() {
		return this.name;
	}

	Instant startedAt() {
		return this.startedAt;
	}

	UUID sessionId() {
		return this.session.id();
	}

	boolean isAnchored() {
		return this.anchored;
	}

	/** The time now from the run's monotonic anchor, in nanoseconds since the epoch; only when {@link #isAnchored()}. */
	long anchoredNow() {
		return this.anchorEpochNanos + (System.nanoTime() - this.anchorNanoTime);
	}

	synchronized RunStatus status() {
		return this.status;
	}

	synchronized boolean isEnded() {
		return this.endedAtNanos != EpochNanos.NONE;
	}

	synchronized void error(ErrorInfo info) {
		this.error = info;
		this.status = RunStatus.ERROR;
	}

	synchronized Map<String, JsonNode> metadataSnapshot() {
		return Map.copyOf(this.metadata.map());
	}

	/** The most bytes a new metadata value of the key may take. */
	synchronized int metadataLimit(ai.northstar.capture.ContentCapture capture, String key) {
		return this.metadata.limitFor(capture, key);
	}

	synchronized void putMetadata(String key, JsonNode value) {
		this.metadata.put(key, value);
	}

	/** Stamps the end and adds the model usage to the metadata; {@code false} when it had ended already. */
	synchronized boolean end(long nowNanos) {
		if (this.endedAtNanos != EpochNanos.NONE) {
			return false;
		}
		this.endedAtNanos = nowNanos;
		if (this.status == RunStatus.RUNNING) {
			this.status = RunStatus.OK;
		}
		writeUsage();
		return true;
	}

	/** Puts the usage totals in the metadata; the caller holds this monitor. */
	private void writeUsage() {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		if (this.costUsd != null) {
			this.metadata.put("cost_usd", nodes.numberNode(this.costUsd));
			this.metadata.put("total_input_tokens", nodes.numberNode(this.inputTokens));
			this.metadata.put("total_output_tokens", nodes.numberNode(this.outputTokens));
		}
		if (this.evaluationCostUsd != null) {
			this.metadata.put("evaluation_cost_usd", nodes.numberNode(this.evaluationCostUsd));
		}
	}

	/**
	 * Adds the usage of a model span; on a run that ended already (an evaluation after the fact), its metadata is
	 * updated at once.
	 * @return whether the run ended already, so its new state must be queued
	 */
	synchronized boolean addUsage(BigDecimal cost, long input, long output, boolean evaluation) {
		if (evaluation) {
			this.evaluationCostUsd = (this.evaluationCostUsd != null) ? this.evaluationCostUsd.add(cost) : cost;
		}
		else {
			this.costUsd = (this.costUsd != null) ? this.costUsd.add(cost) : cost;
			this.inputTokens += input;
			this.outputTokens += output;
		}
		if (this.endedAtNanos != EpochNanos.NONE) {
			writeUsage();
			return true;
		}
		return false;
	}

	/** Lists a span as open; the caller holds this monitor. */
	void opened(Span span) {
		if (this.openSpans == null) {
			this.openSpans = new ArrayList<>(4);
		}
		this.openSpans.add(span);
	}

	/** Takes a closing span off the open ones; the caller holds this monitor. */
	void closed(Span span) {
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

	/** The innermost open span; the caller holds this monitor. */
	@Nullable Span innermost() {
		return (this.openSpans == null || this.openSpans.isEmpty()) ? null
				: this.openSpans.get(this.openSpans.size() - 1);
	}

	/** Retains an event for replay, unless the run retains {@value Run#MAX_RETAINED_EVENTS} already. */
	void retain(EventRecord record) {
		EventRecord last;
		do {
			last = this.lastEvent;
			int index = (last != null) ? last.indexInRun + 1 : 0;
			if (index >= Run.MAX_RETAINED_EVENTS) {
				return;
			}
			record.previousInRun = last;
			record.indexInRun = index;
		}
		while (!LAST_EVENT.compareAndSet(this, last, record));
	}

	/** The events still retained (recorded, not yet sent or dropped), oldest first. */
	List<EventData> retainedEvents() {
		List<EventData> newestFirst = new ArrayList<>();
		for (EventRecord record = this.lastEvent; record != null; record = record.previousInRun) {
			EventData data = record.dataOrNull();
			if (data != null) {
				newestFirst.add(data);
			}
		}
		List<EventData> events = new ArrayList<>(newestFirst.size());
		for (int i = newestFirst.size() - 1; i >= 0; i--) {
			events.add(newestFirst.get(i));
		}
		return List.copyOf(events);
	}

	/** What replay needs to know of the spans of the retained events. */
	Map<UUID, Run.SpanInfo> retainedSpans() {
		Map<UUID, Run.SpanInfo> spans = new LinkedHashMap<>();
		for (EventRecord record = this.lastEvent; record != null; record = record.previousInRun) {
			if (record.parentRecord() instanceof SpanState span) {
				spans.putIfAbsent(span.id(), new Run.SpanInfo(span.name(), span.spanKind()));
			}
		}
		return spans;
	}

	@Override
	protected RecordKind kind() {
		return RecordKind.RUN;
	}

	@Override
	protected ExportRecord parent() {
		return this.session;
	}

	@Override
	protected synchronized Object snapshot() {
		return new RunData(id(), this.session.id(), this.name, this.startedAt, EpochNanos.orNull(this.endedAtNanos),
				this.status, this.error, this.metadata.map());
	}

}
