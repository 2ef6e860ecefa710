package ai.northstar.internal.export;

import java.util.ArrayList;
import java.util.List;

import ai.northstar.data.Batch;
import org.jspecify.annotations.Nullable;

/**
 * The flush requests the consumer took and is working on: each is told of every record that leaves the queue and
 * of every batch stored, and completed once what it waits for has left, when an attempt fails, or at shutdown.
 * Consumer only.
 */
final class FlushWatches {

	private final RecordQueue queue;

	private final DeliveryHealth health;

	private final List<FlushWatch> watches = new ArrayList<>();

	FlushWatches(RecordQueue queue, DeliveryHealth health) {
		this.queue = queue;
		this.health = health;
	}

	/** Takes a request: it waits for the records pending now. */
	void add(FlushWatch watch, PendingRecords pending) {
		watch.start(pending);
		this.watches.add(watch);
		completeSettled();
	}

	/** Tells every request that a record left the queue (stored, or dropped for the reason given). */
	void left(ExportRecord record, @Nullable DropReason dropped) {
		for (FlushWatch watch : this.watches) {
			watch.left(record, dropped);
		}
	}

	/** Tells every request that a batch was stored. */
	void stored(Batch batch) {
		for (FlushWatch watch : this.watches) {
			watch.stored(batch);
		}
	}

	/** Completes the requests whose records have all left. */
	void completeSettled() {
		if (this.watches.isEmpty()) {
			return;
		}
		int pendingNow = this.queue.size();
		this.watches.removeIf((watch) -> watch.completeIfSettled(this.health.lastFailedAttempt(), pendingNow));
	}

	/**
	 * Completes every request, whatever is left.
	 * @param settled {@code true} at shutdown (what is left was dropped), {@code false} when an attempt failed (the
	 * records are kept, and retried)
	 */
	void completeAll(boolean settled) {
		int pendingNow = this.queue.size();
		for (FlushWatch watch : this.watches) {
			watch.complete(settled, this.health.lastFailedAttempt(), pendingNow);
		}
		this.watches.clear();
	}

}
