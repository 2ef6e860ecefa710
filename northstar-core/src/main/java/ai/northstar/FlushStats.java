package ai.northstar;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A view of the export pipeline, for health checks and the actuator endpoint.
 *
 * @param status whether sending works: {@code UNKNOWN} before the first send, {@code UP} after a success,
 * {@code DOWN} after a failure or a refused key
 * @param pending the records waiting to be sent
 * @param maxQueueSize the most records pending at once
 * @param sent the records the backend accepted
 * @param dropped the records dropped, by reason tag ({@code queue_full}, {@code rejected}, {@code unauthorized},
 * {@code shutdown})
 * @param lastError the last send error, if any; never the API key
 * @param lastSuccess when a batch was last accepted, if ever
 * @param lastFailure when a send last failed, if ever
 * @since 0.1.0
 */
public record FlushStats(Status status, int pending, int maxQueueSize, long sent, Map<String, Long> dropped,
		@Nullable String lastError, @Nullable Instant lastSuccess, @Nullable Instant lastFailure) {

	public FlushStats {
		dropped = Map.copyOf(dropped);
	}

	/**
	 * Returns the total of dropped records.
	 * @return the dropped count
	 */
	public long droppedTotal() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Whether sending works.
	 *
	 * @since 0.1.0
	 */
	public enum Status {

		/** Nothing was sent yet. */
		UNKNOWN,

		/** The last send succeeded. */
		UP,

		/** The last send failed, or the backend refused the API key. */
		DOWN

	}

}
