package ai.northstar.internal.export;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;

/**
 * The records waiting to be sent, in the order they first appeared, owned by the one consumer of a
 * {@link RecordQueue}. Not thread-safe: only the consumer touches it.
 * <p>
 * Because a record is always first queued after the record it depends on, the oldest pending records always carry
 * each record's parent, or the parent is stored already. A record whose new state is queued again after its older
 * one was stored goes to the end: its parent is stored, so the order still holds. Records also enter in the order of
 * {@link ExportRecord#pendingSinceNanos}, which lets {@link #expire} look only at the oldest.
 * <p>
 * Every record that leaves is reported to the {@link Observer} exactly once, with the reason when it was dropped.
 * <p>
 * The set is a list linked through the records' own consumer fields ({@link ExportRecord#pendingPrev},
 * {@link ExportRecord#pendingNext}): entering and leaving cost no hashing and no allocation. A record object enters
 * at most once at a time, since it is queued only from {@link ExportRecord#IDLE}, and its id is random, so no two
 * pending records share one.
 */
final class PendingRecords {

	/** Told about each record that leaves the pending set. */
	interface Observer {

		/**
		 * Called once per record that left.
		 * @param record the record
		 * @param dropped why it was dropped, or {@code null} when its state was stored
		 */
		void left(ExportRecord record, @Nullable DropReason dropped);

	}

	private final RecordQueue queue;

	private final Observer observer;

	private @Nullable ExportRecord oldest;

	private @Nullable ExportRecord newest;

	private int size;

	private final Collection<ExportRecord> inOrder = new InOrder();

	private long lastSequence;

	/** Whether a pending record may depend on one dropped since the last purge. */
	private boolean orphansPossible;

	PendingRecords(RecordQueue queue, Observer observer) {
		this.queue = queue;
		this.observer = observer;
	}

	/**
	 * Moves every record admitted since the last call into the pending set.
	 * @param nowNanos the current {@link System#nanoTime()}
	 */
	void drain(long nowNanos) {
		int duplicates = 0;
		List<ExportRecord> orphans = null;
		for (ExportRecord record = this.queue.takeIncoming(); record != null;) {
			ExportRecord next = record.nextIncoming;
			record.nextIncoming = null;
			if (add(record)) {
				record.sequence = ++this.lastSequence;
				record.pendingSinceNanos = nowNanos;
				record.inFlightSerial = 0;
				// Admitted while its parent was being dropped, maybe after the purge that followed: dropped here.
				if (this.queue.hasDropped() && this.queue.droppedDependency(record) != null) {
					if (orphans == null) {
						orphans = new ArrayList<>();
					}
					orphans.add(record);
				}
			}
			else {
				// Queued twice while pending cannot happen (queued only when idle); keep it once, release the count.
				duplicates++;
			}
			record = next;
		}
		this.queue.released(duplicates);
		if (orphans != null) {
			dropOrphans(orphans);
		}
		if (this.orphansPossible) {
			this.orphansPossible = false;
			purgeOrphans();
		}
	}

	int size() {
		return this.size;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/** The sequence number of the last record that entered. */
	long lastSequence() {
		return this.lastSequence;
	}

	/** The pending records, oldest first; the caller does not modify them. */
	Collection<ExportRecord> inOrder() {
		return this.inOrder;
	}

	/**
	 * Settles a record whose state the backend stored: it leaves, unless it changed since the state that was sent,
	 * in which case its newer state stays pending, at the end.
	 * @param record the record
	 * @param sentVersion the version that was sent
	 * @return whether the record left
	 */
	boolean accepted(ExportRecord record, int sentVersion) {
		record.accepted = true;
		record.inFlightSerial = 0;
		if (record.version() != sentVersion || !remove(record)) {
			return false;
		}
		record.setState(ExportRecord.IDLE);
		if (record.version() != sentVersion
				&& record.compareAndSetState(ExportRecord.IDLE, ExportRecord.QUEUED)) {
			// Changed between the check and the release: an application thread saw it queued and did not queue it.
			add(record);
			return false;
		}
		this.queue.released(1);
		leave(record, null);
		return true;
	}

	/**
	 * Drops a pending record for good, and, later, every pending record that depends on it.
	 * @param record the record
	 * @param reason why
	 */
	void drop(ExportRecord record, DropReason reason) {
		if (!remove(record)) {
			return;
		}
		this.queue.released(1);
		this.queue.countDropped(reason, 1);
		record.inFlightSerial = 0;
		if (record.accepted) {
			// The backend stores an earlier state: the records that depend on it can still be stored. Only this
			// state is lost; a later change queues the record again.
			record.setState(ExportRecord.IDLE);
			leave(record, reason);
			return;
		}
		this.queue.markDropped(record, reason);
		leave(record, reason);
		this.orphansPossible = true;
	}

	/**
	 * Drops the records that have been pending longer than the retention allows, oldest first, and those that
	 * depend on them. A record in flight is left to its attempt: stored, it is sent; failed, it expires next time.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @param retentionNanos the longest a record may wait
	 * @return how many were dropped
	 */
	int expire(long nowNanos, long retentionNanos) {
		List<ExportRecord> expired = new ArrayList<>();
		for (ExportRecord record = this.oldest; record != null; record = record.pendingNext) {
			if (nowNanos - record.pendingSinceNanos < retentionNanos) {
				break;
			}
			if (record.inFlightSerial == 0) {
				expired.add(record);
			}
		}
		if (expired.isEmpty()) {
			return 0;
		}
		expired.forEach((record) -> drop(record, DropReason.EXPIRED));
		return expired.size() + purgeOrphans();
	}

	/**
	 * Drops every pending record.
	 * @param reason why
	 * @return how many were dropped
	 */
	int dropAll(DropReason reason) {
		List<ExportRecord> all = new ArrayList<>(this.inOrder);
		all.forEach((record) -> drop(record, reason));
		this.orphansPossible = false;
		return all.size();
	}

	/**
	 * Drops every pending record that depends on a dropped one, with the dropped one's reason.
	 * @return how many were dropped
	 */
	int purgeOrphans() {
		int count = 0;
		List<ExportRecord> orphans = null;
		for (ExportRecord record = this.oldest; record != null; record = record.pendingNext) {
			if (this.queue.droppedDependency(record) != null) {
				if (orphans == null) {
					orphans = new ArrayList<>();
				}
				orphans.add(record);
			}
		}
		if (orphans != null) {
			dropOrphans(orphans);
			count = orphans.size();
		}
		this.orphansPossible = false;
		return count;
	}

	/** Drops records that depend on a dropped one, each with that one's reason. */
	private void dropOrphans(List<ExportRecord> orphans) {
		for (ExportRecord orphan : orphans) {
			DropReason reason = this.queue.droppedDependency(orphan);
			drop(orphan, (reason != null) ? reason : DropReason.REJECTED);
		}
	}

	/** Appends a record that is not pending; {@code false} when it is already. */
	private boolean add(ExportRecord record) {
		if (record.pendingMember) {
			return false;
		}
		record.pendingMember = true;
		record.pendingPrev = this.newest;
		record.pendingNext = null;
		if (this.newest != null) {
			this.newest.pendingNext = record;
		}
		else {
			this.oldest = record;
		}
		this.newest = record;
		this.size++;
		return true;
	}

	/** Unlinks a pending record; {@code false} when it is not pending. */
	private boolean remove(ExportRecord record) {
		if (!record.pendingMember) {
			return false;
		}
		ExportRecord prev = record.pendingPrev;
		ExportRecord next = record.pendingNext;
		if (prev != null) {
			prev.pendingNext = next;
		}
		else {
			this.oldest = next;
		}
		if (next != null) {
			next.pendingPrev = prev;
		}
		else {
			this.newest = prev;
		}
		record.pendingMember = false;
		record.pendingPrev = null;
		record.pendingNext = null;
		this.size--;
		return true;
	}

	private void leave(ExportRecord record, @Nullable DropReason reason) {
		try {
			this.observer.left(record, reason);
		}
		finally {
			if (reason != null || !record.kind().isMutable()) {
				record.settled();
			}
		}
	}

	/** The pending records, oldest first: a read-only view over the links. */
	private final class InOrder extends AbstractCollection<ExportRecord> {

		@Override
		public Iterator<ExportRecord> iterator() {
			return new Iterator<>() {

				private @Nullable ExportRecord next = PendingRecords.this.oldest;

				@Override
				public boolean hasNext() {
					return this.next != null;
				}

				@Override
				public ExportRecord next() {
					ExportRecord record = this.next;
					if (record == null) {
						throw new NoSuchElementException();
					}
					this.next = record.pendingNext;
					return record;
				}

			};
		}

		@Override
		public int size() {
			return PendingRecords.this.size;
		}

	}

}
