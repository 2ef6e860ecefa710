package ai.northstar.export;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import ai.northstar.data.Batch;
import ai.northstar.data.EventData;
import ai.northstar.data.RunData;
import ai.northstar.data.ScoreData;
import ai.northstar.data.SessionData;
import ai.northstar.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * The bounded set of records waiting to be sent, in the order they first appeared. Not API: subject to change
 * without notice.
 * <p>
 * Recording threads only {@link #admit admit} records: a lock-free push onto an intrusive stack (the record is its
 * own node, so nothing is allocated), bounded by {@code maxQueueSize} distinct pending records. The exporting thread
 * takes the whole stack at once and reverses it into arrival order. Per record, recording threads and the
 * exporting thread share no memory they both write but that stack: the pending count is what recording threads
 * admitted minus what the exporting thread released, two counters on separate cache lines, the second written once
 * per batch (and by an application thread that drops what arrives just as the buffer closes).
 * <p>
 * Exactly one exporting thread at a time (callers serialize on {@link #exportLock()}) builds batches with
 * {@link #prepare} (and {@link #prepareAfter} for the batch behind one in flight), and settles them with
 * {@link #acknowledge} or {@link #discard}. Because a record is always first queued after the record it depends
 * on, every batch cut from the oldest pending records carries each record's parent, or the parent was accepted in
 * an earlier batch (for a batch cut behind one in flight: in that one, which must be accepted before it is sent).
 * A record is removed only when the backend accepted the exact state that was sent; a newer state stays pending.
 * <p>
 * The bound applies to new records. A new state of a record the backend already stored is always admitted: it
 * adds no record, only replaces one the application still holds (a run ending), and losing it would leave the
 * dashboard showing a finished run as running. Sessions are exempt too: there are few of them, and dropping one
 * would orphan every run in it.
 *
 * @since 0.1.0
 */
public final class RecordBuffer {

	private static final int MAX_REMEMBERED_DROPS = 10_000;

	/** Longs between the two counters, so they sit on different cache lines (128 bytes apart). */
	private static final int PADDING = 16;

	private static final int ADMITTED = PADDING;

	private static final int RELEASED = 2 * PADDING;

	private static final VarHandle INCOMING;

	static {
		try {
			INCOMING = MethodHandles.lookup().findVarHandle(RecordBuffer.class, "incoming", ExportableRecord.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final int maxQueueSize;

	private volatile ExportListener listener;

	/** The last record admitted and not yet taken by the exporting thread; each links to the one before. */
	private volatile @Nullable ExportableRecord incoming;

	/** Records admitted, written by recording threads, and records released, written by the exporting thread. */
	private final AtomicLongArray counters = new AtomicLongArray(3 * PADDING);

	private final Object exportLock = new Object();

	/**
	 * Whether a pending record may depend on a dropped one. Only refusing a batch drops records that others may
	 * already depend on (a record dropped on arrival never had pending children), so the buffer is scanned only
	 * after that, not before every batch. Guarded by {@link #exportLock}.
	 */
	private boolean orphansPossible;

	/**
	 * The serial number of the last batch cut, also advanced when a batch is discarded. Written while holding
	 * {@link #exportLock}.
	 */
	private volatile long batchSerial;

	/** Pending records by id, in first-appearance order. Guarded by {@link #exportLock}. */
	private final LinkedHashMap<UUID, ExportableRecord> pending = new LinkedHashMap<>();

	private final EnumMap<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

	private final LongAdder sent = new LongAdder();

	private volatile @Nullable DropReason closedReason;

	private volatile boolean disabled;

	/**
	 * Whether any record was dropped yet. Until one is, no record can depend on a dropped one, and admitting a
	 * record skips walking up its parents. Set before the dropped record's state, so whoever sees that state sees
	 * this flag too.
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
	 * Creates a buffer.
	 * @param maxQueueSize the most records pending at once
	 * @param listener the listener
	 */
	public RecordBuffer(int maxQueueSize, ExportListener listener) {
		if (maxQueueSize <= 0) {
			throw new IllegalArgumentException("maxQueueSize must be > 0, was " + maxQueueSize);
		}
		this.maxQueueSize = maxQueueSize;
		this.listener = listener;
		for (DropReason reason : DropReason.values()) {
			this.dropped.put(reason, new LongAdder());
		}
	}

	/**
	 * Adds a listener after construction, such as the background flusher's wake-up or a metrics binder.
	 * @param added the listener
	 */
	public synchronized void addListener(ExportListener added) {
		ExportListener current = this.listener;
		this.listener = (current == ExportListener.NONE) ? added : ExportListener.composite(current, added);
	}

	/**
	 * Returns the current listener, for components that report flush outcomes.
	 * @return the listener
	 */
	public ExportListener listener() {
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
		long released = this.counters.get(RELEASED);
		return (int) (this.counters.get(ADMITTED) - released);
	}

	/**
	 * Returns how many records the backend accepted.
	 * @return the sent count
	 */
	public long sentCount() {
		return this.sent.sum();
	}

	/**
	 * Returns how many records were dropped for the given reason.
	 * @param reason the reason
	 * @return the dropped count
	 */
	public long droppedCount(DropReason reason) {
		return this.dropped.get(reason).sum();
	}

	/**
	 * Returns the lock that exporting threads hold while they prepare and settle a batch.
	 * @return the lock object
	 */
	public Object exportLock() {
		return this.exportLock;
	}

	/**
	 * Stops accepting records: from now on, every record that arrives is dropped for the given reason.
	 * @param reason the reason counted for each dropped record
	 */
	public void close(DropReason reason) {
		this.closedReason = reason;
	}

	/**
	 * Returns whether the buffer was closed, and why.
	 * @return the reason, or {@code null} while open
	 */
	public @Nullable DropReason closedReason() {
		return this.closedReason;
	}

	/**
	 * Turns the buffer off for good: records are discarded silently and not counted, as tracing is off.
	 */
	public void disable() {
		this.disabled = true;
	}

	void admit(ExportableRecord record) {
		if (this.disabled) {
			record.setState(ExportableRecord.DROPPED);
			return;
		}
		DropReason closed = this.closedReason;
		if (closed != null) {
			drop(record, closed);
			return;
		}
		DropReason dependency = this.dropsSeen ? droppedDependency(record) : null;
		if (dependency != null) {
			drop(record, dependency);
			return;
		}
		int pendingNow = (int) (this.counters.incrementAndGet(ADMITTED) - this.counters.get(RELEASED));
		if (pendingNow > this.maxQueueSize && !record.accepted && record.recordKind() != RecordKind.SESSION) {
			this.counters.decrementAndGet(ADMITTED);
			drop(record, DropReason.QUEUE_FULL);
			return;
		}
		ExportableRecord top;
		do {
			top = this.incoming;
			record.nextIncoming = top;
		}
		while (!INCOMING.compareAndSet(this, top, record));
		DropReason closedMeanwhile = this.closedReason;
		if (closedMeanwhile != null) {
			// Closed between the check and the push, maybe after the final discard took the stack: drop what is on
			// it now, this record included; the final discard would have dropped it for the same reason.
			dropTaken(takeIncoming(), closedMeanwhile);
			return;
		}
		this.listener.onQueued(pendingNow);
	}

	/**
	 * Takes every record admitted since the last take, oldest first, as a chain linked by
	 * {@link ExportableRecord#nextIncoming}.
	 */
	private @Nullable ExportableRecord takeIncoming() {
		ExportableRecord record = (ExportableRecord) INCOMING.getAndSet(this, null);
		ExportableRecord oldestFirst = null;
		while (record != null) {
			ExportableRecord older = record.nextIncoming;
			record.nextIncoming = oldestFirst;
			oldestFirst = record;
			record = older;
		}
		return oldestFirst;
	}

	private void dropTaken(@Nullable ExportableRecord taken, DropReason reason) {
		int count = 0;
		for (ExportableRecord record = taken; record != null;) {
			ExportableRecord next = record.nextIncoming;
			record.nextIncoming = null;
			markDropped(record, reason);
			count++;
			record = next;
		}
		released(count);
		count(reason, count);
	}

	private void released(int count) {
		if (count > 0) {
			this.counters.addAndGet(RELEASED, count);
		}
	}

	/**
	 * Returns why a record cannot be sent because something it depends on was dropped, or {@code null} when it can.
	 */
	private @Nullable DropReason droppedDependency(ExportableRecord record) {
		for (ExportableRecord current = record; current != null; current = current.parentRecord()) {
			if (current.state() == ExportableRecord.DROPPED) {
				return (current.dropReason != null) ? current.dropReason : DropReason.QUEUE_FULL;
			}
		}
		if (record instanceof ScoreRecord scoreRecord) {
			DropReason reason = this.droppedIds.get(scoreRecord.score.traceId());
			if (reason == null && scoreRecord.score.spanId() != null) {
				reason = this.droppedIds.get(scoreRecord.score.spanId());
			}
			return reason;
		}
		return null;
	}

	/**
	 * Queues a score. A score that names a run or span dropped lately is dropped too: the backend would refuse the
	 * whole batch that carried it.
	 * @param score the score
	 */
	public void submitScore(ScoreData score) {
		new ScoreRecord(score).created(this);
	}

	private void drop(ExportableRecord record, DropReason reason) {
		markDropped(record, reason);
		count(reason, 1);
	}

	private void markDropped(ExportableRecord record, DropReason reason) {
		if (!this.dropsSeen) {
			this.dropsSeen = true;
		}
		record.dropReason = reason;
		record.setState(ExportableRecord.DROPPED);
		RecordKind kind = record.recordKind();
		if (kind == RecordKind.RUN || kind == RecordKind.SPAN) {
			this.droppedIds.put(record.id(), reason);
		}
	}

	private void count(DropReason reason, int count) {
		if (count > 0) {
			this.dropped.get(reason).add(count);
			this.listener.onDropped(reason, count);
		}
	}

	/**
	 * Builds the next batch from the oldest pending records. Call while holding {@link #exportLock()}.
	 * @param maxRecords the most records in the batch
	 * @return the prepared batch, empty when nothing is pending
	 */
	public PreparedBatch prepare(int maxRecords) {
		if (this.orphansPossible) {
			purgeOrphans();
			this.orphansPossible = false;
		}
		else {
			drainIncoming();
		}
		return cut(0, maxRecords);
	}

	/**
	 * Builds the batch that follows one in flight, from the oldest pending records that are not in it, so it can be
	 * serialized while the first is on the wire. Send it only once the first was accepted: it may hold children of
	 * the first's records. Call while holding {@link #exportLock()}, before the batch in flight is settled.
	 * @param inFlight the batch in flight
	 * @param maxRecords the most records in the batch
	 * @return the prepared batch, empty when nothing else is pending
	 */
	public PreparedBatch prepareAfter(PreparedBatch inFlight, int maxRecords) {
		drainIncoming();
		return cut(inFlight.serial(), maxRecords);
	}

	/**
	 * Returns whether no batch was cut or discarded since the given one was cut. A batch cut ahead by
	 * {@link #prepareAfter} may be sent only while this holds: another exporter (an application thread's explicit
	 * flush) may have sent a newer state of its records meanwhile. Call while holding {@link #exportLock()}.
	 * @param batch the batch
	 * @return {@code true} when it is the last one cut and nothing was discarded since
	 */
	public boolean isLastCut(PreparedBatch batch) {
		return batch.serial() == this.batchSerial;
	}

	/**
	 * Cuts a batch from the oldest pending records, leaving out those of the batch with the given serial number
	 * (the batch in flight), and marks the records taken with the new batch's serial number.
	 */
	private PreparedBatch cut(long skipSerial, int maxRecords) {
		long serial = this.batchSerial + 1;
		this.batchSerial = serial;
		int available = this.pending.size();
		List<ExportableRecord> records = new ArrayList<>(Math.min(maxRecords, available));
		int[] versions = new int[Math.min(maxRecords, available)];
		List<SessionData> sessions = new ArrayList<>();
		List<RunData> runs = new ArrayList<>();
		List<SpanData> spans = new ArrayList<>();
		List<EventData> events = new ArrayList<>();
		List<ScoreData> scores = new ArrayList<>();
		Iterator<ExportableRecord> iterator = this.pending.values().iterator();
		while (iterator.hasNext() && records.size() < maxRecords) {
			ExportableRecord record = iterator.next();
			if (skipSerial != 0 && record.batchSerial == skipSerial) {
				continue;
			}
			if (record.recordKind() == RecordKind.SCORE && scores.size() >= Batch.MAX_SCORES) {
				break;
			}
			record.batchSerial = serial;
			versions[records.size()] = record.version();
			records.add(record);
			Object snapshot = record.snapshot();
			switch (record.recordKind()) {
				case SESSION -> sessions.add((SessionData) snapshot);
				case RUN -> runs.add((RunData) snapshot);
				case SPAN -> spans.add((SpanData) snapshot);
				case EVENT -> events.add((EventData) snapshot);
				case SCORE -> scores.add((ScoreData) snapshot);
			}
		}
		Batch batch = new Batch(Batch.SCHEMA_VERSION, sessions, runs, spans, events, scores);
		return new PreparedBatch(batch, records, versions, serial);
	}

	private void drainIncoming() {
		int duplicates = 0;
		for (ExportableRecord record = takeIncoming(); record != null;) {
			ExportableRecord next = record.nextIncoming;
			record.nextIncoming = null;
			ExportableRecord previous = this.pending.putIfAbsent(record.id(), record);
			if (previous != null && previous != record) {
				// Two records with one id cannot happen with random ids; keep the first and release the count.
				duplicates++;
			}
			record = next;
		}
		released(duplicates);
	}

	/**
	 * Settles a batch the backend accepted: its records leave the buffer unless they changed since they were
	 * snapshotted, in which case their newer state stays pending. Call while holding {@link #exportLock()}.
	 * @param batch the accepted batch
	 */
	public void acknowledge(PreparedBatch batch) {
		List<ExportableRecord> records = batch.records();
		int left = 0;
		for (int i = 0; i < records.size(); i++) {
			ExportableRecord record = records.get(i);
			record.accepted = true;
			if (record.version() == batch.version(i) && release(record, batch.version(i))) {
				left++;
			}
		}
		released(left);
		this.sent.add(records.size());
		this.listener.onSent(records.size());
	}

	/**
	 * Takes a settled record out of the buffer, unless it changed since the state that was sent: then it stays
	 * pending, behind the records queued since, so its newer state is sent next. The caller counts what left.
	 * @return whether the record left the buffer
	 */
	private boolean release(ExportableRecord record, int sentVersion) {
		if (this.pending.remove(record.id()) == null) {
			// Settled already (a batch never holds a record twice): counting it again would undercount the pending.
			return false;
		}
		record.setState(ExportableRecord.IDLE);
		if (record.version() != sentVersion
				&& record.compareAndSetState(ExportableRecord.IDLE, ExportableRecord.QUEUED)) {
			// Changed between the check and the release: an application thread saw it queued and did not queue it.
			this.pending.put(record.id(), record);
			return false;
		}
		return true;
	}

	/**
	 * Settles a batch that will never be accepted: its records are dropped, and so is every pending record that
	 * depends on one of them. Call while holding {@link #exportLock()}.
	 * @param batch the refused batch
	 * @param reason why it is dropped
	 * @return how many records were dropped
	 */
	public int discard(PreparedBatch batch, DropReason reason) {
		this.batchSerial++;
		List<ExportableRecord> records = batch.records();
		int left = 0;
		for (int i = 0; i < records.size(); i++) {
			ExportableRecord record = records.get(i);
			if (record.accepted) {
				// The backend holds an earlier state: its children can still be stored. Only this state is lost;
				// a newer one, if any, is queued again.
				if (release(record, batch.version(i))) {
					left++;
				}
			}
			else {
				if (this.pending.remove(record.id()) != null) {
					left++;
				}
				markDropped(record, reason);
			}
		}
		released(left);
		int count = records.size() + purgeOrphans();
		// A record that passed its check on arrival while this batch was being dropped may still be on its way in.
		this.orphansPossible = true;
		count(reason, records.size());
		return count;
	}

	/**
	 * Drops every pending record. Call while holding {@link #exportLock()}.
	 * @param reason why
	 * @return how many records were dropped
	 */
	public int discardAll(DropReason reason) {
		this.batchSerial++;
		drainIncoming();
		int count = 0;
		for (ExportableRecord record : this.pending.values()) {
			markDropped(record, reason);
			count++;
		}
		this.pending.clear();
		released(count);
		count(reason, count);
		return count;
	}

	/**
	 * Drops every pending record that depends on a dropped one.
	 * @return how many records were dropped
	 */
	private int purgeOrphans() {
		drainIncoming();
		int count = 0;
		int left = 0;
		Iterator<ExportableRecord> iterator = this.pending.values().iterator();
		while (iterator.hasNext()) {
			ExportableRecord record = iterator.next();
			DropReason dependency = droppedDependency(record);
			if (dependency != null) {
				iterator.remove();
				left++;
				if (record.state() != ExportableRecord.DROPPED) {
					markDropped(record, dependency);
					count(dependency, 1);
					count++;
				}
			}
		}
		released(left);
		return count;
	}

	private static final class ScoreRecord extends ExportableRecord {

		private final ScoreData score;

		ScoreRecord(ScoreData score) {
			super(score.id());
			this.score = score;
		}

		@Override
		protected RecordKind recordKind() {
			return RecordKind.SCORE;
		}

		@Override
		protected @Nullable ExportableRecord parentRecord() {
			return null;
		}

		@Override
		protected Object snapshot() {
			return this.score;
		}

	}

	/**
	 * Returns a count of dropped records by reason.
	 * @return the counts, every reason present
	 */
	public Map<DropReason, Long> droppedCounts() {
		Map<DropReason, Long> counts = new LinkedHashMap<>();
		this.dropped.forEach((reason, adder) -> counts.put(reason, adder.sum()));
		return counts;
	}

}
