package ai.northstar;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by an explicit {@link Northstar#flush()} when the backend did not accept a batch. Every record stays
 * pending, so the next flush sends the same records again.
 *
 * @since 0.1.0
 */
public class NorthstarException extends RuntimeException {

	private final int status;

	private final @Nullable String serverError;

	/**
	 * Creates an exception.
	 * @param message the message, which never contains the API key
	 * @param status the HTTP status, or {@code 0} when no response was received
	 * @param serverError the server's {@code error} text, if any
	 */
	public NorthstarException(String message, int status, @Nullable String serverError) {
		super(message);
		this.status = status;
		this.serverError = serverError;
	}

	/**
	 * Returns the HTTP status of the last attempt.
	 * @return the status, or {@code 0} when no response was received
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the server's error text, or a description of the connection failure.
	 * @return the error text, if any
	 */
	public @Nullable String serverError() {
		return this.serverError;
	}

}
