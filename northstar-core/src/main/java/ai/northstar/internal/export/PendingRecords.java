package ai.northstar.internal.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

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

	private final LinkedHashMap<UUID, ExportRecord> records = new LinkedHashMap<>();

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
			if (this.records.putIfAbsent(record.id(), record) == null) {
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
				// Two records with one id cannot happen with random ids; keep the first and release the count.
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
		return this.records.size();
	}

	boolean isEmpty() {
		return this.records.isEmpty();
	}

	/** The sequence number of the last record that entered. */
	long lastSequence() {
		return this.lastSequence;
	}

	/** The pending records, oldest first; the caller does not modify them. */
	Collection<ExportRecord> inOrder() {
		return this.records.values();
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
		if (record.version() != sentVersion || this.records.remove(record.id()) == null) {
			return false;
		}
		record.setState(ExportRecord.IDLE);
		if (record.version() != sentVersion
				&& record.compareAndSetState(ExportRecord.IDLE, ExportRecord.QUEUED)) {
			// Changed between the check and the release: an application thread saw it queued and did not queue it.
			this.records.put(record.id(), record);
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
		if (this.records.remove(record.id()) == null) {
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
		for (ExportRecord record : this.records.values()) {
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
		List<ExportRecord> all = new ArrayList<>(this.records.values());
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
		Iterator<ExportRecord> iterator = this.records.values().iterator();
		List<ExportRecord> orphans = null;
		while (iterator.hasNext()) {
			ExportRecord record = iterator.next();
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

}
