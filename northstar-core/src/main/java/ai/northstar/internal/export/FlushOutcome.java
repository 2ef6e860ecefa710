package ai.northstar.internal.export;

import java.util.List;

import ai.northstar.data.Batch;
import org.jspecify.annotations.Nullable;

/**
 * What a flush request achieved. Not API: subject to change without notice.
 *
 * @param completed whether every record pending when the request was taken was stored
 * @param remaining the records still pending when it completed
 * @param lastError the last send error, when it did not complete
 * @param dropped how many of its records were dropped
 * @param rejected how many of those the backend refused
 * @param batches the batches stored while it waited, when the caller asked for them
 * @param lastStatus the HTTP status of the last failed attempt, {@code 0} when it got none
 * @param serverError the server's {@code "error"} text of the last failed attempt, if any
 * @since 0.1.0
 */
public record FlushOutcome(boolean completed, int remaining, @Nullable String lastError, long dropped, long rejected,
		List<Batch> batches, int lastStatus, @Nullable String serverError) {

	/**
	 * Returns the outcome of a request that found nothing to do, or came after the pipeline closed.
	 * @param remaining the records still pending
	 * @return the outcome
	 */
	public static FlushOutcome nothing(int remaining) {
		return new FlushOutcome(remaining == 0, remaining, null, 0, 0, List.of(), 0, null);
	}

}
