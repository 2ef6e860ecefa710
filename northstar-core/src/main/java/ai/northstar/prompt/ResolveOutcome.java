package ai.northstar.prompt;

import org.jspecify.annotations.Nullable;

/**
 * What one resolve request came to: the prompt, or why not. A failure is transient when NorthStar could not be
 * reached or answered {@code 408}, {@code 429} or {@code 5xx} (or an answer that cannot be read): then the last good
 * result, or a fallback, is served. Any other failure (such as {@code 404}) is final.
 *
 * @param prompt the prompt, when found
 * @param status the HTTP status, {@code 0} when no response was received
 * @param error what went wrong, when not found
 * @param serverError the server's {@code error} text, if any
 * @param transientFailure whether the failure is transient
 */
record ResolveOutcome(@Nullable Prompt prompt, int status, @Nullable String error, @Nullable String serverError,
		boolean transientFailure) {

	static ResolveOutcome found(Prompt prompt) {
		return new ResolveOutcome(prompt, 200, null, null, false);
	}

	static ResolveOutcome failed(int status, String error, @Nullable String serverError) {
		return new ResolveOutcome(null, status, error, serverError, isTransient(status));
	}

	static ResolveOutcome unusable(int status, String error) {
		return new ResolveOutcome(null, status, error, null, true);
	}

	/** The one rule of which statuses are worth serving stale results for: no answer, 408, 429 and 5xx. */
	static boolean isTransient(int status) {
		return status == 0 || status == 408 || status == 429 || (status >= 500 && status <= 599);
	}

	boolean isFound() {
		return this.prompt != null;
	}

}
