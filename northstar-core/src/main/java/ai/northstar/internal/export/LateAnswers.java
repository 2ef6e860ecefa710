package ai.northstar.internal.export;

import java.util.PriorityQueue;

/**
 * Records whose state travelled in an attempt that ended without an answer: the backend may still apply that attempt
 * later, over a newer state. Each such record is watched until the late-answer window has passed, then sent once
 * more in its latest state, so the stored state ends equal to the recorded one. At most {@code maxQueueSize}
 * records are watched, so that the application's records are not kept alive beyond the queue's bound: past it, the
 * record watched longest is sent again at once, before its window ends. Consumer only.
 */
final class LateAnswers {

	private final RecordQueue queue;

	private final PriorityQueue<ExportRecord> watched = new PriorityQueue<>(
			(a, b) -> Long.compare(a.lateUntilNanos, b.lateUntilNanos));

	LateAnswers(RecordQueue queue) {
		this.queue = queue;
	}

	/**
	 * Marks the mutable records of an attempt that got no answer as possibly applied until the window ends.
	 * @param batch the batch of the attempt
	 * @param result its result
	 * @param windowNanos how long the backend may still apply it
	 */
	void attemptUnanswered(OutgoingBatch batch, AttemptResult result, long windowNanos) {
		if (result.answered()) {
			return;
		}
		long until = System.nanoTime() + windowNanos;
		for (ExportRecord record : batch.records()) {
			if (record.kind().isMutable()) {
				if (record.lateWatched) {
					// Its key changes: out of the heap now, back in when this state is stored.
					this.watched.remove(record);
					record.lateWatched = false;
				}
				record.lateUntilNanos = until;
			}
		}
	}

	/**
	 * Called for each mutable record of a stored batch: sends it again when it changed while an attempt without an
	 * answer was in flight, or watches it while an earlier attempt may still land.
	 * @param record the record
	 * @param now {@link System#nanoTime()}
	 */
	void stored(ExportRecord record, long now) {
		if (record.resendWhenStored) {
			record.resendWhenStored = false;
			record.changed(this.queue);
		}
		else if (record.lateUntilNanos != 0 && record.lateUntilNanos - now > 0 && !record.lateWatched) {
			record.lateWatched = true;
			this.watched.add(record);
			if (this.watched.size() > this.queue.maxQueueSize()) {
				resend(this.watched.poll());
			}
		}
	}

	/**
	 * Re-queues the records whose window has passed, or marks them to be sent again once the attempt carrying them
	 * now is stored.
	 * @param now {@link System#nanoTime()}
	 */
	void resendDue(long now) {
		while (!this.watched.isEmpty() && this.watched.peek().lateUntilNanos - now <= 0) {
			resend(this.watched.poll());
		}
	}

	private void resend(ExportRecord record) {
		record.lateUntilNanos = 0;
		record.lateWatched = false;
		if (record.state() == ExportRecord.IDLE) {
			record.changed(this.queue);
		}
		else if (record.inFlightSerial != 0) {
			record.resendWhenStored = true;
		}
	}

	/** When the earliest window ends, or {@code Long.MAX_VALUE}. */
	long nextCheckNanos() {
		ExportRecord first = this.watched.peek();
		return (first != null) ? first.lateUntilNanos : Long.MAX_VALUE;
	}

	void clear() {
		this.watched.clear();
	}

}
