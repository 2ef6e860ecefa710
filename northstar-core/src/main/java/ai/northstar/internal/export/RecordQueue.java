package ai.northstar.internal.export;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import ai.northstar.data.ScoreData;
import org.jspecify.annotations.Nullable;

/**
 * Where application threads put records, bounded by {@code maxQueueSize} distinct pending records, and the counts of
 * what became of them. Not API: subject to change without notice.
 * <p>
 * Admitting is a lock-free push onto an intrusive stack (the record is its own node); the one consumer takes the
 * whole stack at once. The pending count is the stack's size, which the record on top knows, plus what the consumer
 * holds: a recording thread reads both and pushes with one compare-and-set, and updates no counter. For the instant
 * between the consumer's take and its count, the pending count reads low by what it took. The bound applies to new
 * records: a new state of a record the backend already stores is always admitted (it replaces one the application
 * still holds, such as a run ending), and so is a session (there are few, and dropping one would orphan its runs).
 * <p>
 * Every record admitted is counted exactly once, when it leaves: sent, or dropped for a {@link DropReason}.
 *
 * @since 0.1.0
 */
public final class RecordQueue {

	private static final int MAX_REMEMBERED_DROPS = 10_000;

	private static final VarHandle INCOMING;

	static {
		try {
			INCOMING = MethodHandles.lookup().findVarHandle(RecordQueue.class, "incoming", ExportRecord.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final int maxQueueSize;

	private volatile QueueListener listener = QueueListener.NONE;

	/** The last record admitted and not yet taken by the consumer; each links to the one before. */
	private volatile @Nullable ExportRecord incoming;

	/** Records the consumer took from the stack and has not released; written by the consumer only. */
	private final AtomicLong held = new AtomicLong();

	private final EnumMap<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

	private final LongAdder sent = new LongAdder();

	private volatile @Nullable DropReason closedReason;

	private volatile boolean disabled;

	/**
	 * Whether any record was dropped yet. Until one is, no record can depend on a dropped one, and admitting skips
	 * walking up its parents. Set before the dropped record's state, so whoever sees that state sees this flag.
	 */
	private volatile boolean dropsSeen;

	/** Ids of runs and spans dropped lately, so scores that name them by id are dropped too. Bounded. */
	private final Map<UUID, DropReason> droppedIds = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<UUID, DropReason> eldest) {
			return size() > MAX_REMEMBERED_DROPS;
		}
	});

	/**
	 * Creates a queue.
	 * @param maxQueueSize the most records pending at once
	 */
	public RecordQueue(int maxQueueSize) {
		if (maxQueueSize <= 0) {
			throw new IllegalArgumentException("maxQueueSize must be > 0, was " + maxQueueSize);
		}
		this.maxQueueSize = maxQueueSize;
		for (DropReason reason : DropReason.values()) {
			this.dropped.put(reason, new LongAdder());
		}
	}

	/**
	 * Adds a listener, such as the pipeline's wake-up or a metrics binder.
	 * @param added the listener
	 */
	public synchronized void addListener(QueueListener added) {
		QueueListener current = this.listener;
		this.listener = (current == QueueListener.NONE) ? added : QueueListener.composite(current, added);
	}

	QueueListener listener() {
		return this.listener;
	}

	/**
	 * Returns the most records pending at once.
	 * @return the bound
	 */
	public int maxQueueSize() {
		return this.maxQueueSize;
	}

	/**
	 * Returns the number of records pending, in flight included.
	 * @return the pending count
	 */
	public int size() {
		long held = this.held.get();
		ExportRecord top = this.incoming;
		return (int) Math.max(0, held + ((top != null) ? top.incomingDepth : 0));
	}

	/**
	 * Returns how many records the backend accepted.
	 * @return the sent count
	 */
	public long sentCount() {
		return this.sent.sum();
	}

	/**
	 * Returns how many records were dropped, by reason.
	 * @return the counts, every reason present
	 */
	public Map<DropReason, Long> droppedCounts() {
		Map<DropReason, Long> counts = new LinkedHashMap<>();
		this.dropped.forEach((reason, adder) -> counts.put(reason, adder.sum()));
		return counts;
	}

	/**
	 * Returns how many records were dropped in all.
	 * @return the dropped count
	 */
	public long droppedTotal() {
		long total = 0;
		for (LongAdder adder : this.dropped.values()) {
			total += adder.sum();
		}
		return total;
	}

	/**
	 * Stops accepting records: from now on every record that arrives is dropped, and counted, as
	 * {@link DropReason#SHUTDOWN}.
	 */
	public void close() {
		this.closedReason = DropReason.SHUTDOWN;
	}

	/**
	 * Returns whether the queue was closed.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.closedReason != null;
	}

	/**
	 * Turns the queue off for good: records are discarded silently and not counted, as tracing is off.
	 */
	public void disable() {
		this.disabled = true;
	}

	/**
	 * Queues a score. A score that names a run or span dropped lately is dropped too: the backend would refuse the
	 * whole batch that carried it.
	 * @param score the score
	 */
	public void submitScore(ScoreData score) {
		new ScoreRecord(score).created(this);
	}

	void admit(ExportRecord record) {
		if (this.disabled) {
			record.setState(ExportRecord.DROPPED);
			return;
		}
		DropReason closed = this.closedReason;
		if (closed != null) {
			dropOnArrival(record, closed);
			return;
		}
		DropReason dependency = this.dropsSeen ? droppedDependency(record) : null;
		if (dependency != null) {
			dropOnArrival(record, dependency);
			return;
		}
		boolean bounded = !record.accepted && record.kind() != RecordKind.SESSION;
		int pendingNow;
		ExportRecord top;
		do {
			top = this.incoming;
			int depth = (top != null) ? top.incomingDepth + 1 : 1;
			pendingNow = (int) (this.held.get() + depth);
			if (bounded && pendingNow > this.maxQueueSize) {
				dropOnArrival(record, DropReason.QUEUE_FULL);
				return;
			}
			record.nextIncoming = top;
			record.incomingDepth = depth;
		}
		while (!INCOMING.compareAndSet(this, top, record));
		DropReason closedMeanwhile = this.closedReason;
		if (closedMeanwhile != null) {
			// Closed between the check and the push, maybe after the final drop took the stack: drop what is on it
			// now, this record included; the final drop would have counted it for the same reason.
			for (ExportRecord taken = take(false); taken != null;) {
				ExportRecord next = taken.nextIncoming;
				taken.nextIncoming = null;
				dropOnArrival(taken, closedMeanwhile);
				taken = next;
			}
			return;
		}
		try {
			this.listener.onQueued(pendingNow);
		}
		catch (RuntimeException ex) {
			// A listener must never fail the application.
		}
	}

	/**
	 * Takes every record admitted since the last take, oldest first, as a chain linked by
	 * {@link ExportRecord#nextIncoming}; they count as held until {@linkplain #released released}. Consumer only.
	 */
	@Nullable ExportRecord takeIncoming() {
		return take(true);
	}

	/**
	 * Takes the stack and reverses it; counts what it took as held when asked. The count comes from the walk, not
	 * from the top's depth, which a thread that pushed across a take and a new push of its top may have written
	 * from a stale read: such a depth only misjudges the bound until the next take, it never skews the count.
	 */
	private @Nullable ExportRecord take(boolean hold) {
		if (this.incoming == null) {
			// Nothing admitted: read, not swapped, so the recording threads keep the field's cache line.
			return null;
		}
		ExportRecord record = (ExportRecord) INCOMING.getAndSet(this, null);
		// Held at once by the top's depth, so the pending count reads low only between these two lines; the walk
		// then corrects it should the depth be off.
		int provisional = (hold && record != null) ? record.incomingDepth : 0;
		if (provisional > 0) {
			this.held.addAndGet(provisional);
		}
		ExportRecord oldestFirst = null;
		int count = 0;
		while (record != null) {
			ExportRecord older = record.nextIncoming;
			record.nextIncoming = oldestFirst;
			oldestFirst = record;
			record = older;
			count++;
		}
		if (hold && count != provisional) {
			this.held.addAndGet(count - provisional);
		}
		return oldestFirst;
	}

	/** Counts records that left the pending set. */
	void released(int count) {
		if (count > 0) {
			this.held.addAndGet(-count);
		}
	}

	/** Counts records the backend accepted. */
	void countSent(int count) {
		if (count > 0) {
			this.sent.add(count);
			QueueListener current = this.listener;
			Guard.run(() -> current.onSent(count));
		}
	}

	/** Whether any record was dropped for good since the queue was made: only then can a record be an orphan. */
	boolean hasDropped() {
		return this.dropsSeen;
	}

	/** Marks a record dropped (and remembers its id for scores that name it); the caller counts it. */
	void markDropped(ExportRecord record, DropReason reason) {
		if (!this.dropsSeen) {
			this.dropsSeen = true;
		}
		record.dropReason = reason;
		record.setState(ExportRecord.DROPPED);
		RecordKind kind = record.kind();
		if (kind == RecordKind.RUN || kind == RecordKind.SPAN) {
			this.droppedIds.put(record.id(), reason);
		}
	}

	/** Counts dropped records. */
	void countDropped(DropReason reason, int count) {
		if (count > 0) {
			this.dropped.get(reason).add(count);
			QueueListener current = this.listener;
			Guard.run(() -> current.onDropped(reason, count));
		}
	}

	private void dropOnArrival(ExportRecord record, DropReason reason) {
		markDropped(record, reason);
		record.settled();
		countDropped(reason, 1);
	}

	/**
	 * Returns why a record cannot be sent because something it depends on was dropped, or {@code null} when it can.
	 */
	@Nullable DropReason droppedDependency(ExportRecord record) {
		for (ExportRecord current = record; current != null; current = current.parent()) {
			if (current.state() == ExportRecord.DROPPED) {
				return (current.dropReason != null) ? current.dropReason : DropReason.QUEUE_FULL;
			}
		}
		if (record instanceof ScoreRecord score) {
			DropReason reason = this.droppedIds.get(score.score().traceId());
			if (reason == null && score.score().spanId() != null) {
				reason = this.droppedIds.get(score.score().spanId());
			}
			return reason;
		}
		return null;
	}

	/**
	 * A score queued by id of the run (and span) it scores.
	 */
	static final class ScoreRecord extends ExportRecord {

		private final ScoreData score;

		ScoreRecord(ScoreData score) {
			super(score.id());
			this.score = score;
		}

		ScoreData score() {
			return this.score;
		}

		@Override
		protected RecordKind kind() {
			return RecordKind.SCORE;
		}

		@Override
		protected @Nullable ExportRecord parent() {
			return null;
		}

		@Override
		protected Object snapshot() {
			return this.score;
		}

	}

}
