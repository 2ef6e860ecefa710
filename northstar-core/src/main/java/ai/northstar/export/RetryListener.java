package ai.northstar.export;

import java.time.Duration;

/**
 * Told by {@link BatchSender} each time a failed attempt is about to be retried, for metrics and debug logs. Not
 * API: subject to change without notice.
 * <p>
 * Called on a transport thread: implementations must be quick and must not block. An exception thrown by a
 * listener is ignored.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RetryListener {

	/**
	 * Called before waiting for the next attempt.
	 * @param failedAttempt the number of the attempt that failed, counting from 1
	 * @param status the HTTP status of the failed attempt, {@code 0} when it got no response
	 * @param delay how long the sender waits before the next attempt
	 */
	void onRetry(int failedAttempt, int status, Duration delay);

	/**
	 * Returns a listener that does nothing.
	 * @return a no-op listener
	 */
	static RetryListener none() {
		return (failedAttempt, status, delay) -> {
		};
	}

}
