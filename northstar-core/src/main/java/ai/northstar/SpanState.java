package ai.northstar;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import ai.northstar.data.ErrorInfo;
import ai.northstar.data.SpanData;
import ai.northstar.internal.export.ExportRecord;
import ai.northstar.internal.export.RecordKind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The state of a {@link Span}, queued for export. Guarded by its run's state, so starting and closing a span take
 * one lock; users cannot reach either.
 */
final class SpanState extends ExportRecord {

	private final RunState run;

	private final @Nullable SpanState parent;

	private final SpanKind kind;

	private final String name;

	private final @Nullable Integer iteration;

	/** When it started, in nanoseconds since the epoch. */
	private final long startedAtNanos;

	private final Entries attributes;

	/** When it ended, {@link EpochNanos#NONE} until then. */
	private long endedAtNanos = EpochNanos.NONE;

	private RunStatus status = RunStatus.RUNNING;

	private @Nullable ErrorInfo error;

	private @Nullable BigDecimal usageCost;

	private long usageInput;

	private long usageOutput;

	/** Whether it is an evaluation, whose model calls' cost is the run's evaluation cost. Written before use. */
	private volatile boolean evaluation;

	SpanState(UUID id, RunState run, @Nullable SpanState parent, String name, SpanKind kind,
			@Nullable Integer iteration, long startedAtNanos, Entries attributes) {
		super(id);
		this.run = run;
		this.parent = parent;
		this.name = name;
		this.kind = kind;
		this.iteration = iteration;
		this.startedAtNanos = startedAtNanos;
		this.attributes = attributes;
	}

	String name() {
		return this.name;
	}

	void markEvaluation() {
		this.evaluation = true;
	}

	/** Whether it, or a span it is nested in, is an evaluation. */
	boolean inEvaluation() {
		for (SpanState span = this; span != null; span = span.parent) {
			if (span.evaluation) {
				return true;
			}
		}
		return false;
	}

	SpanKind spanKind() {
		return this.kind;
	}

	RunState run() {
		return this.run;
	}

	RunStatus status() {
		synchronized (this.run) {
			return this.status;
		}
	}

	boolean isEnded() {
		synchronized (this.run) {
			return this.endedAtNanos != EpochNanos.NONE;
		}
	}

	void error(ErrorInfo info) {
		synchronized (this.run) {
			this.error = info;
			this.status = RunStatus.ERROR;
		}
	}

	int attributeLimit(ai.northstar.capture.ContentCapture capture, String key) {
		synchronized (this.run) {
			return this.attributes.limitFor(capture, key);
		}
	}

	void putAttribute(String key, JsonNode value) {
		synchronized (this.run) {
			this.attributes.put(key, value);
		}
	}

	void putAttributes(Entries entries) {
		synchronized (this.run) {
			this.attributes.putAll(entries);
		}
	}

	Map<String, JsonNode> attributesSnapshot() {
		synchronized (this.run) {
			return Map.copyOf(this.attributes.map());
		}
	}

	/**
	 * Replaces the span's usage and returns the difference to add to the run's.
	 * @return the change of cost and tokens
	 */
	Usage replaceUsage(Map<String, JsonNode> attributes, Usage usage) {
		synchronized (this.run) {
			attributes.forEach(this.attributes::put);
			BigDecimal previousCost = (this.usageCost != null) ? this.usageCost : BigDecimal.ZERO;
			Usage delta = new Usage(usage.cost().subtract(previousCost), usage.input() - this.usageInput,
					usage.output() - this.usageOutput);
			this.usageCost = usage.cost();
			this.usageInput = usage.input();
			this.usageOutput = usage.output();
			return delta;
		}
	}

	/** The cost and tokens of a model call, or a change of them. */
	record Usage(BigDecimal cost, long input, long output) {
	}

	/** Stamps the end and takes the span off the run's open spans; {@code false} when it had ended already. */
	boolean end(Span facade, long nowNanos) {
		synchronized (this.run) {
			if (this.endedAtNanos != EpochNanos.NONE) {
				return false;
			}
			this.endedAtNanos = nowNanos;
			if (this.status == RunStatus.RUNNING) {
				this.status = RunStatus.OK;
			}
			this.run.closed(facade);
			return true;
		}
	}

	@Override
	protected RecordKind kind() {
		return RecordKind.SPAN;
	}

	@Override
	protected ExportRecord parent() {
		return (this.parent != null) ? this.parent : this.run;
	}

	@Override
	protected Object snapshot() {
		synchronized (this.run) {
			return new SpanData(id(), this.run.id(), (this.parent != null) ? this.parent.id() : null, this.kind,
					this.name, EpochNanos.instant(this.startedAtNanos), EpochNanos.orNull(this.endedAtNanos),
					this.status, this.error, this.iteration, this.attributes.map());
		}
	}

}
