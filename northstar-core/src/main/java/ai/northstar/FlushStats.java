package ai.northstar;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A view of the export pipeline, for health checks and the actuator endpoint.
 *
 * @param status whether sending works: {@code UNKNOWN} before the first send, {@code UP} after a success,
 * {@code DOWN} after 3 failed attempts in a row, while the key or the endpoint is refused, and for a minute after
 * the backend refused a record
 * @param pending the records waiting to be sent
 * @param maxQueueSize the most records pending at once
 * @param sent the records the backend accepted
 * @param dropped the records dropped, by reason tag ({@code queue_full}, {@code rejected}, {@code expired},
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

	static FlushStats of(ai.northstar.internal.export.ExportPipeline.Stats stats) {
		return new FlushStats(Status.valueOf(stats.status()), stats.pending(), stats.maxQueueSize(), stats.sent(),
				stats.dropped(), stats.lastError(), stats.lastSuccess(), stats.lastFailure());
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

		/** Sending works. */
		UP,

		/** Sending fails, is paused (a refused key or endpoint), or the backend refused a record lately. */
		DOWN

	}

}
