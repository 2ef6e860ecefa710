package ai.northstar.internal.export;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How one attempt to send a batch ended.
 *
 * @param status the HTTP status, {@code 0} when no response came
 * @param accepted whether the answer was {@code 2xx} with {@code {"accepted": true}}
 * @param error what went wrong: the server's {@code "error"} text, or a short description; {@code null} when
 * accepted. Never holds the API key.
 * @param retryAfter the delay the server asked for with {@code Retry-After}, if any
 * @param nanos how long the attempt took
 */
record AttemptResult(int status, boolean accepted, @Nullable String error, @Nullable Duration retryAfter, long nanos) {

	/** Whether a response came at all; without one, the backend may still apply the batch later. */
	boolean answered() {
		return this.status != 0;
	}

	/** The failure as one line: {@code HTTP 503: overloaded}, or {@code no response: ...}. */
	String describe() {
		String prefix = answered() ? "HTTP " + this.status : "no response";
		return (this.error != null) ? prefix + ": " + this.error : prefix;
	}

}
