package ai.northstar.internal.export;

/**
 * Observes the export pipeline, for metrics and wake-ups. Implementations must be fast; whatever they throw is
 * caught and ignored, so a listener can never fail the application or the pipeline. Not API: subject to change
 * without notice.
 *
 * @since 0.1.0
 */
public interface QueueListener {

	/** A listener that does nothing. */
	QueueListener NONE = new QueueListener() {
	};

	/**
	 * Called on the recording thread after a record was queued.
	 * @param pending the number of records now pending
	 */
	default void onQueued(int pending) {
	}

	/**
	 * Called when records were dropped on purpose.
	 * @param reason why
	 * @param count how many
	 */
	default void onDropped(DropReason reason, int count) {
	}

	/**
	 * Called when the backend accepted records.
	 * @param count how many
	 */
	default void onSent(int count) {
	}

	/**
	 * Called after each attempt to send a batch.
	 * @param outcome {@code success}, {@code retryable_failure}, {@code rejected} or {@code unauthorized}
	 * @param nanos how long the attempt took
	 * @param records the records in the batch
	 */
	default void onAttempt(String outcome, long nanos, int records) {
	}

	/**
	 * Called before an attempt that follows a failed one (unanswered, a retryable status, a refused key or endpoint):
	 * whether the round that failed goes on or a later round, of the worker or of a flush, makes it.
	 */
	default void onRetry() {
	}

	/**
	 * Returns a listener that calls both, each guarded so one failing cannot stop the other.
	 * @param first the first listener
	 * @param second the second listener
	 * @return the composite
	 */
	static QueueListener composite(QueueListener first, QueueListener second) {
		return new QueueListener() {

			@Override
			public void onQueued(int pending) {
				// Called on every recording: no lambda, so nothing is allocated.
				try {
					first.onQueued(pending);
				}
				catch (RuntimeException ex) {
					// Ignored: see the interface.
				}
				try {
					second.onQueued(pending);
				}
				catch (RuntimeException ex) {
					// Ignored: see the interface.
				}
			}

			@Override
			public void onDropped(DropReason reason, int count) {
				Guard.run(() -> first.onDropped(reason, count));
				Guard.run(() -> second.onDropped(reason, count));
			}

			@Override
			public void onSent(int count) {
				Guard.run(() -> first.onSent(count));
				Guard.run(() -> second.onSent(count));
			}

			@Override
			public void onAttempt(String outcome, long nanos, int records) {
				Guard.run(() -> first.onAttempt(outcome, nanos, records));
				Guard.run(() -> second.onAttempt(outcome, nanos, records));
			}

			@Override
			public void onRetry() {
				Guard.run(first::onRetry);
				Guard.run(second::onRetry);
			}

		};
	}

}
