package ai.northstar.export;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How the delivery of one batch by {@link BatchSender} ended, after all its attempts. Not API: subject to change
 * without notice.
 *
 * @param kind how it ended
 * @param status the HTTP status of the last response, {@code 0} when the last attempt got no response
 * @param error what went wrong: the server's {@code "error"} text when the body was {@code {"error": ...}}, else a
 * short description (such as {@code "HTTP 503"} or {@code "HttpTimeoutException: request timed out"});
 * {@code null} when accepted. Never contains the API key.
 * @param attempts how many attempts were made, at least 1
 * @param retryAfter the last delay a server asked for with {@code Retry-After}, if any
 * @since 0.1.0
 */
public record SendOutcome(Kind kind, int status, @Nullable String error, int attempts, @Nullable Duration retryAfter) {

	/**
	 * Returns whether the batch was stored.
	 * @return {@code true} when {@link Kind#ACCEPTED}
	 */
	public boolean isAccepted() {
		return this.kind == Kind.ACCEPTED;
	}

	/**
	 * How the delivery of a batch ended.
	 */
	public enum Kind {

		/** The server answered {@code 2xx} with {@code {"accepted": true}}: every record is stored. */
		ACCEPTED,

		/**
		 * Every attempt failed in a way worth retrying (a retryable status, no response, or a {@code 2xx} without
		 * {@code "accepted": true}), or the transport failed unexpectedly. Nothing is known to be stored: send the
		 * same records again later.
		 */
		RETRYABLE_FAILURE,

		/** The server answered {@code 401}: the API key is missing, invalid or revoked. */
		UNAUTHORIZED,

		/** The server answered another final status (a {@code 4xx} such as {@code 400}): the batch will never be
		 * accepted as is. */
		REJECTED

	}

}
