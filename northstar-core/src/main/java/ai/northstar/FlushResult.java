package ai.northstar;

import ai.northstar.internal.export.FlushOutcome;
import org.jspecify.annotations.Nullable;

/**
 * What a bounded flush achieved.
 *
 * @param completed whether every record pending when the flush started was stored in time
 * @param remaining the records still pending when the flush returned
 * @param lastError the last send error, when it did not complete
 * @param dropped how many of the records it waited for were dropped instead (refused by the backend, or past the
 * retention)
 * @param rejected how many of those the backend refused as invalid
 * @since 0.1.0
 */
public record FlushResult(boolean completed, int remaining, @Nullable String lastError, long dropped, long rejected) {

	/**
	 * Creates a result without drops.
	 * @param completed whether everything pending was stored in time
	 * @param remaining the records still pending
	 * @param lastError the last send error, if any
	 */
	public FlushResult(boolean completed, int remaining, @Nullable String lastError) {
		this(completed, remaining, lastError, 0, 0);
	}

	static FlushResult of(FlushOutcome outcome) {
		return new FlushResult(outcome.completed(), outcome.remaining(), outcome.lastError(), outcome.dropped(),
				outcome.rejected());
	}

}
