package ai.northstar.internal.export;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ai.northstar.data.Batch;
import org.jspecify.annotations.Nullable;

/**
 * A request to send what is pending now: it completes once every record pending when the consumer took it has left
 * the queue (stored, or dropped), or as soon as a send fails. Records that arrive later, or change later, are not
 * waited for; a record that changed while its older state was in flight is, since its pending state is newer.
 */
final class FlushWatch {

	private final boolean collectBatches;

	private final CompletableFuture<FlushOutcome> future = new CompletableFuture<>();

	/** The sequence number of the last record the request waits for; set when the consumer takes it. */
	private long lastSequence = -1;

	private int remaining;

	private long dropped;

	private long rejected;

	private final List<Batch> batches = new ArrayList<>(1);

	FlushWatch(boolean collectBatches) {
		this.collectBatches = collectBatches;
	}

	CompletableFuture<FlushOutcome> future() {
		return this.future;
	}

	boolean isDone() {
		return this.future.isDone();
	}

	/** Starts watching the records pending now. Consumer only. */
	void start(PendingRecords pending) {
		this.lastSequence = pending.lastSequence();
		this.remaining = pending.size();
	}

	boolean isStarted() {
		return this.lastSequence >= 0;
	}

	/** Counts a record that left, when it is one this request waits for. Consumer only. */
	void left(ExportRecord record, @Nullable DropReason reason) {
		if (record.sequence > this.lastSequence || this.remaining <= 0) {
			return;
		}
		this.remaining--;
		if (reason != null) {
			this.dropped++;
			if (reason == DropReason.REJECTED) {
				this.rejected++;
			}
		}
	}

	/** Keeps a batch the backend stored while this request waited, for callers that return it. */
	void stored(Batch batch) {
		if (this.collectBatches) {
			this.batches.add(batch);
		}
	}

	/** Completes the request when everything it waits for has left. */
	boolean completeIfSettled(@Nullable AttemptResult lastFailure, int pendingNow) {
		if (!isStarted() || this.remaining > 0) {
			return false;
		}
		complete(true, lastFailure, pendingNow);
		return true;
	}

	/**
	 * Completes the request, whatever is left.
	 * @param settled whether the pipeline settled what it waited for (else an attempt failed)
	 * @param lastFailure the last failed attempt, if any
	 * @param pendingNow the records pending now
	 */
	void complete(boolean settled, @Nullable AttemptResult lastFailure, int pendingNow) {
		boolean completed = settled && this.remaining <= 0 && this.dropped == 0;
		boolean failed = !completed && lastFailure != null;
		this.future.complete(new FlushOutcome(completed, pendingNow, failed ? lastFailure.describe() : null,
				this.dropped, this.rejected, List.copyOf(this.batches), failed ? lastFailure.status() : 0,
				failed ? lastFailure.error() : null));
	}

}
