package ai.northstar.internal.export;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The flush requests posted by any thread and not yet taken by the consumer: posting is lock-free, the consumer
 * hands them over to the {@link Delivery} at the start of a round, and whatever is left at shutdown completes as
 * failed.
 */
final class FlushRequests {

	private final RecordQueue queue;

	private final Delivery delivery;

	private final DeliveryHealth health;

	private final ConcurrentLinkedQueue<FlushWatch> posted = new ConcurrentLinkedQueue<>();

	FlushRequests(RecordQueue queue, Delivery delivery, DeliveryHealth health) {
		this.queue = queue;
		this.delivery = delivery;
		this.health = health;
	}

	/** Posts a request. Any thread. */
	void post(FlushWatch watch) {
		this.posted.add(watch);
	}

	/**
	 * Takes back a request nobody will take any more (the worker ended), completing it as failed. Any thread.
	 * @param watch the request
	 */
	void withdraw(FlushWatch watch) {
		this.posted.remove(watch);
		watch.complete(false, this.health.lastFailedAttempt(), this.queue.size());
	}

	boolean isEmpty() {
		return this.posted.isEmpty();
	}

	/**
	 * Hands the requests posted since the last round over to the delivery. While sending is paused they complete at
	 * once, as failed: waiting would only hold their callers. Consumer only.
	 * @return whether there was any
	 */
	boolean handOver() {
		boolean any = false;
		for (FlushWatch watch = this.posted.poll(); watch != null; watch = this.posted.poll()) {
			any = true;
			this.delivery.watch(watch);
		}
		if (any && this.health.isPaused() && System.nanoTime() - this.delivery.pausedUntilNanos() < 0) {
			this.delivery.failWatches();
		}
		return any;
	}

	/** Completes, as failed, every request not taken. */
	void failAll() {
		for (FlushWatch watch = this.posted.poll(); watch != null; watch = this.posted.poll()) {
			watch.complete(false, this.health.lastFailedAttempt(), this.queue.size());
		}
	}

	/** The requests not taken yet, for tests and diagnostics. */
	List<FlushWatch> list() {
		return new ArrayList<>(this.posted);
	}

}
