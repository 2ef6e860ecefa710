package ai.northstar.export;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A record that can be queued for export: a live session, run or span whose latest state is snapshotted when a batch
 * is built, or an immutable event or score. Not API: subject to change without notice.
 * <p>
 * The export state machine is lock-free: a change bumps {@link #version} and, when the record is not queued yet,
 * queues it once. A record that changed while its batch was in flight stays queued, so its newer state is sent after
 * the older one, never before.
 *
 * @since 0.1.0
 */
public abstract class ExportableRecord {

	static final int IDLE = 0;

	static final int QUEUED = 1;

	static final int DROPPED = 2;

	private static final VarHandle STATE;

	private static final VarHandle VERSION;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			STATE = lookup.findVarHandle(ExportableRecord.class, "state", int.class);
			VERSION = lookup.findVarHandle(ExportableRecord.class, "version", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final UUID id;

	private volatile int state;

	private volatile int version;

	/** Whether a state of this record has been accepted by the backend. Written by the exporting thread only. */
	volatile boolean accepted;

	/**
	 * The record admitted before this one, while both wait on the buffer's incoming stack. Written before the push
	 * that publishes it, and by the exporting thread after it took the stack.
	 */
	@Nullable ExportableRecord nextIncoming;

	/** The serial number of the last batch that took this record. Used by the exporting thread only. */
	long batchSerial;

	/** Why this record was dropped, once it is. */
	volatile @Nullable DropReason dropReason;

	/**
	 * Creates a record.
	 * @param id the record id
	 */
	protected ExportableRecord(UUID id) {
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
	protected abstract RecordKind recordKind();

	/**
	 * Returns the record this one needs on the server before it can be stored: the session of a run, the parent
	 * span or run of a span, the span or run of an event or score. {@code null} when none is known in this process.
	 * @return the parent record, if any
	 */
	protected abstract @Nullable ExportableRecord parentRecord();

	/**
	 * Returns an immutable snapshot of the latest state, as sent on the wire. Called on the exporting thread.
	 * @return the snapshot
	 */
	protected abstract Object snapshot();

	/**
	 * Returns whether this record, or a record it depends on, was dropped: such a record is never sent.
	 * @return {@code true} when dropped
	 */
	public final boolean isDropped() {
		for (ExportableRecord record = this; record != null; record = record.parentRecord()) {
			if (record.state == DROPPED) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Marks a change of this record's state and queues it in the given buffer unless it is queued already.
	 * @param buffer the buffer
	 */
	protected final void changed(RecordBuffer buffer) {
		VERSION.getAndAdd(this, 1);
		// Read first: a record still queued (the usual case for a short-lived one) needs no compare-and-set.
		if (this.state == IDLE && STATE.compareAndSet(this, IDLE, QUEUED)) {
			buffer.admit(this);
		}
	}

	/**
	 * Queues a record just created, in its first state. Call it before the record is visible to any other thread,
	 * which is what lets it go without atomic operations: the buffer's queue publishes it.
	 * @param buffer the buffer
	 */
	protected final void created(RecordBuffer buffer) {
		VERSION.set(this, 1);
		STATE.set(this, QUEUED);
		buffer.admit(this);
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
