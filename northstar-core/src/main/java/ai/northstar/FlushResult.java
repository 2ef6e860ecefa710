package ai.northstar;

import org.jspecify.annotations.Nullable;

/**
 * What a bounded flush achieved.
 *
 * @param completed whether everything that was pending when the flush started has left the queue in time
 * @param remaining the records still pending when the flush returned
 * @param lastError the last send error, if any
 * @since 0.1.0
 */
public record FlushResult(boolean completed, int remaining, @Nullable String lastError) {

}
