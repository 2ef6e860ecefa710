package ai.northstar.internal.export;

import java.time.Duration;

import ai.northstar.transport.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The one place that decides what an attempt's outcome means and how long to wait before the next one:
 * <ul>
 * <li>stored: {@code 2xx} with {@code {"accepted": true}};</li>
 * <li>retry: {@code 408}, {@code 429} (the {@link RetryPolicy}'s retryable statuses), any {@code 5xx}, no answer at all
 * (connection refused or reset, timeout), a {@code 2xx} without {@code "accepted": true}: the records are kept and
 * sent again after an exponential, jittered backoff (a {@code Retry-After} wins), for as long as the retention
 * allows;</li>
 * <li>split: {@code 400} and {@code 413}, the backend refusing the batch's content: it is sent again in smaller
 * parts until only the records it refuses are left, and those are dropped as rejected;</li>
 * <li>pause: {@code 401} and {@code 403} (the key), and any other status (an endpoint that answers {@code 404} or a
 * redirect): nothing can get through until the configuration changes, so sending pauses and is tried again once a minute
 * (the pipeline's {@code refusalPause}); the records are kept for as long as the retention allows.</li>
 * </ul>
 */
final class FailurePolicy {

	/** What to do after an attempt. */
	enum Verdict {

		STORED, RETRY, SPLIT, PAUSE

	}

	private final RetryPolicy retryPolicy;

	FailurePolicy(RetryPolicy retryPolicy) {
		this.retryPolicy = retryPolicy;
	}

	Verdict classify(AttemptResult result) {
		if (result.accepted()) {
			return Verdict.STORED;
		}
		int status = result.status();
		if (status == 0 || (status >= 200 && status < 300) || status >= 500 || this.retryPolicy.isRetryable(status)) {
			return Verdict.RETRY;
		}
		if (status == 400 || status == 413) {
			return Verdict.SPLIT;
		}
		return Verdict.PAUSE;
	}

	/** Whether the backend refused the batch for its size. */
	static boolean isTooLarge(AttemptResult result) {
		return result.status() == 413;
	}

	/** Whether the backend refused the key. */
	static boolean isUnauthorized(AttemptResult result) {
		return result.status() == 401 || result.status() == 403;
	}

	/**
	 * The wait before the next try after consecutive failures.
	 * @param failures the consecutive failed attempts, at least 1
	 * @param retryAfter the delay the server asked for, if any
	 * @return the delay
	 */
	Duration backoff(int failures, @Nullable Duration retryAfter) {
		return this.retryPolicy.backoff(Math.max(1, failures), retryAfter);
	}

	int maxAttempts() {
		return this.retryPolicy.maxAttempts();
	}

}
