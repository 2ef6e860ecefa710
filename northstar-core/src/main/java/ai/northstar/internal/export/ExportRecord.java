package ai.northstar.internal.export;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A record that can be queued for export: the state of a live session, run or span, snapshotted when a batch is
 * cut, or an immutable event, score or prompt link. It is its own queue node, so queueing allocates nothing. Not
 * API: subject to change without notice.
 * <p>
 * Application threads only call {@link #created} and {@link #changed}: a change bumps the version and, unless the
 * record is queued already, queues it once (lock-free). Every other field belongs to the one consumer of the
 * queue, the {@link ExportPipeline}.
 *
 * @since 0.1.0
 */
public abstract class ExportRecord {

	static final int IDLE = 0;

	static final int QUEUED = 1;

	static final int DROPPED = 2;

	private static final VarHandle STATE;

	private static final VarHandle VERSION;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			STATE = lookup.findVarHandle(ExportRecord.class, "state", int.class);
			VERSION = lookup.findVarHandle(ExportRecord.class, "version", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final UUID id;

	private volatile int state;

	private volatile int version;

	/** Whether a state of this record is stored by the backend. Written by the consumer; read on admission. */
	volatile boolean accepted;

	/** Why this record was dropped, once it is. */
	volatile @Nullable DropReason dropReason;

	/**
	 * The record admitted before this one while both wait on the queue's incoming stack. Written before the push that
	 * publishes it, and by the consumer after it took the stack.
	 */
	@Nullable ExportRecord nextIncoming;

	/**
	 * How many records the incoming stack holds with this one on top, this one included: the stack's size, read by
	 * the next thread that pushes. Written before the push that publishes it.
	 */
	int incomingDepth;

	// Consumer-only fields.

	/** Its position among the records that entered the pending set, kept when a newer state is queued again. */
	long sequence;

	/** When it entered the pending set, for the retention limit ({@link System#nanoTime()}). */
	long pendingSinceNanos;

	/** The serial number of the batch that carries it now, {@code 0} when none does. */
	long inFlightSerial;

	/**
	 * Until when an older state of it may still be applied by the backend: a state of it travelled in an attempt
	 * that ended without an answer. {@code 0} when none did.
	 */
	long lateUntilNanos;

	/** Whether it waits in the late-answer watch. */
	boolean lateWatched;

	/** Whether its state must be sent once more as soon as the state in flight is stored (a late answer). */
	boolean resendWhenStored;

	/** Whether it is in the pending set, which links its records through the two fields below. */
	boolean pendingMember;

	/** The record before it in the pending set, {@code null} for the oldest. */
	@Nullable ExportRecord pendingPrev;

	/** The record after it in the pending set, {@code null} for the newest. */
	@Nullable ExportRecord pendingNext;

	/**
	 * Creates a record.
	 * @param id the record id
	 */
	protected ExportRecord(UUID id) {
		this.id = id;
	}

	/**
	 * Returns the record id.
	 * @return the id
	 */
	public final UUID id() {
		return this.id;
	}

	/**
	 * Returns the kind of record, which decides the batch array it goes in.
	 * @return the kind
	 */
	protected abstract RecordKind kind();

	/**
	 * Returns the record this one needs on the server before it can be stored: the session of a run, the parent span
	 * or run of a span, the span or run of an event, the span of a prompt link. {@code null} when none is known.
	 * @return the parent record, if any
	 */
	protected abstract @Nullable ExportRecord parent();

	/**
	 * Returns an immutable snapshot of the latest state, as sent on the wire. Called by the consumer only; must not
	 * throw.
	 * @return the snapshot: a {@code SessionData}, {@code RunData}, {@code SpanData}, {@code EventData},
	 * {@code ScoreData} or {@code PromptLinkData}
	 */
	protected abstract Object snapshot();

	/**
	 * Called by the consumer once this record left the queue for good: its state was stored, or it was dropped.
	 * An immutable record lets go of its content here, so memory stays bounded by what is pending. Must not throw.
	 */
	protected void settled() {
	}

	/**
	 * Returns whether this record, or a record it depends on, was dropped: such a record is never sent.
	 * @return {@code true} when dropped
	 */
	public final boolean isDropped() {
		for (ExportRecord record = this; record != null; record = record.parent()) {
			if (record.state == DROPPED) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether this record itself was dropped, leaving out the records it depends on. Right after
	 * {@link #created}, it answers as {@link #isDropped()} does without walking up the parents: admitting drops a
	 * record whose parent was dropped.
	 * @return {@code true} when this record was dropped
	 */
	public final boolean isDroppedItself() {
		return this.state == DROPPED;
	}

	/**
	 * Marks a change of this record's state and queues it unless it is queued already.
	 * @param queue the queue
	 */
	public final void changed(RecordQueue queue) {
		VERSION.getAndAdd(this, 1);
		// Read first: a record still queued (the usual case for a short-lived one) needs no compare-and-set.
		if (this.state == IDLE && STATE.compareAndSet(this, IDLE, QUEUED)) {
			queue.admit(this);
		}
	}

	/**
	 * Queues a record just created, in its first state. Call it before the record is visible to any other thread,
	 * which is what lets it go without atomic operations: the queue's push publishes it.
	 * @param queue the queue
	 */
	public final void created(RecordQueue queue) {
		VERSION.set(this, 1);
		STATE.set(this, QUEUED);
		queue.admit(this);
	}

	final int version() {
		return this.version;
	}

	final int state() {
		return this.state;
	}

	final void setState(int state) {
		this.state = state;
	}

	final boolean compareAndSetState(int expected, int next) {
		return STATE.compareAndSet(this, expected, next);
	}

}
