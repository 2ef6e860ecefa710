package ai.northstar.export;

/**
 * Observes the export pipeline, for metrics and wake-ups. Implementations must be fast and must not throw.
 * Not API: subject to change without notice.
 *
 * @since 0.1.0
 */
public interface ExportListener {

	/** A listener that does nothing. */
	ExportListener NONE = new ExportListener() {
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
	 * Called after each batch send, whatever its outcome.
	 * @param outcome the outcome: {@code success}, {@code retryable_failure}, {@code rejected} or
	 * {@code unauthorized}
	 * @param nanos how long the send took, retries included
	 * @param records the records in the batch
	 */
	default void onFlush(String outcome, long nanos, int records) {
	}

	/**
	 * Called when a send attempt is retried.
	 */
	default void onRetry() {
	}

	/**
	 * Returns a listener that calls both, each guarded so one failing cannot stop the other.
	 * @param first the first listener
	 * @param second the second listener
	 * @return the composite
	 */
	static ExportListener composite(ExportListener first, ExportListener second) {
		return new ExportListener() {

			@Override
			public void onQueued(int pending) {
				first.onQueued(pending);
				second.onQueued(pending);
			}

			@Override
			public void onDropped(DropReason reason, int count) {
				first.onDropped(reason, count);
				second.onDropped(reason, count);
			}

			@Override
			public void onSent(int count) {
				first.onSent(count);
				second.onSent(count);
			}

			@Override
			public void onFlush(String outcome, long nanos, int records) {
				first.onFlush(outcome, nanos, records);
				second.onFlush(outcome, nanos, records);
			}

			@Override
			public void onRetry() {
				first.onRetry();
				second.onRetry();
			}

		};
	}

}
