package ai.northstar.local;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A misbehaviour a {@link LocalIngestServer} shows for one request, queued with
 * {@link LocalIngestServer#enqueueFault(Fault)}. Each queued fault is used by exactly one request, in order.
 * <p>
 * Example: <pre>{@code
 * server.enqueueFault(Fault.status(503));
 * server.enqueueFault(Fault.dropConnection());
 * // the third request is handled normally
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Fault {

	private final Type type;

	private final int status;

	private final @Nullable String body;

	private final @Nullable String retryAfter;

	private final Duration delay;

	private Fault(Type type, int status, @Nullable String body, @Nullable String retryAfter, Duration delay) {
		this.type = type;
		this.status = status;
		this.body = body;
		this.retryAfter = retryAfter;
		this.delay = delay;
	}

	/**
	 * Answers with a status and the body {@code {"error": "Injected fault: HTTP <status>"}}; the batch is not
	 * stored.
	 * @param status the HTTP status, 100 to 599
	 * @return the fault
	 */
	public static Fault status(int status) {
		return status(status, "{\"error\": \"Injected fault: HTTP " + status + "\"}");
	}

	/**
	 * Answers with a status and a body; the batch is not stored.
	 * @param status the HTTP status, 100 to 599
	 * @param body the response body, sent as is ({@code Content-Type: application/json})
	 * @return the fault
	 */
	public static Fault status(int status, String body) {
		checkStatus(status);
		Objects.requireNonNull(body, "body must not be null");
		return new Fault(Type.STATUS, status, body, null, Duration.ZERO);
	}

	/**
	 * Answers {@code 429 Too Many Requests} with a {@code Retry-After} header in seconds.
	 * @param retryAfterSeconds the delay the client is asked to wait, {@code >= 0}
	 * @return the fault
	 */
	public static Fault status429(long retryAfterSeconds) {
		if (retryAfterSeconds < 0) {
			throw new IllegalArgumentException("retryAfterSeconds must be >= 0, was " + retryAfterSeconds);
		}
		return withRetryAfter(429, Long.toString(retryAfterSeconds));
	}

	/**
	 * Answers with a status and a {@code Retry-After} header of any form (seconds or an HTTP date).
	 * @param status the HTTP status, 100 to 599
	 * @param retryAfter the header value, sent as is
	 * @return the fault
	 */
	public static Fault withRetryAfter(int status, String retryAfter) {
		checkStatus(status);
		Objects.requireNonNull(retryAfter, "retryAfter must not be null");
		return new Fault(Type.STATUS, status, "{\"error\": \"Injected fault: HTTP " + status + "\"}", retryAfter,
				Duration.ZERO);
	}

	/**
	 * Waits before handling the request normally (the batch is stored even when the client has given up).
	 * @param delay the delay, not negative
	 * @return the fault
	 */
	public static Fault slow(Duration delay) {
		Objects.requireNonNull(delay, "delay must not be null");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative, was " + delay);
		}
		return new Fault(Type.SLOW, 0, null, null, delay);
	}

	/**
	 * Closes the connection without sending a response, so that the client fails with an {@code IOException}.
	 * The batch is not stored.
	 * @return the fault
	 */
	public static Fault dropConnection() {
		return new Fault(Type.DROP_CONNECTION, 0, null, null, Duration.ZERO);
	}

	/**
	 * Accepts the connection and the request, then never answers: the exchange stays open until the server is
	 * closed. The batch is not stored. Stands for a backend that hangs.
	 * @return the fault
	 */
	public static Fault hang() {
		return new Fault(Type.HANG, 0, null, null, Duration.ZERO);
	}

	/**
	 * Handles the request normally (the batch is stored), then sends the response headers at once and the body one
	 * byte at a time, waiting the given delay before each byte. Stands for a backend (or a proxy) that trickles.
	 * @param byteDelay the wait before each byte of the body, positive
	 * @return the fault
	 */
	public static Fault trickle(Duration byteDelay) {
		Objects.requireNonNull(byteDelay, "byteDelay must not be null");
		if (byteDelay.isNegative() || byteDelay.isZero()) {
			throw new IllegalArgumentException("byteDelay must be positive, was " + byteDelay);
		}
		return new Fault(Type.TRICKLE, 0, null, null, byteDelay);
	}

	/**
	 * Answers {@code 200} with {@code {"accepted": false}}; the batch is not stored.
	 * @return the fault
	 */
	public static Fault acceptedFalse() {
		return new Fault(Type.STATUS, 200, "{\"accepted\": false}", null, Duration.ZERO);
	}

	Type type() {
		return this.type;
	}

	int statusCode() {
		return this.status;
	}

	@Nullable String body() {
		return this.body;
	}

	@Nullable String retryAfter() {
		return this.retryAfter;
	}

	Duration delay() {
		return this.delay;
	}

	@Override
	public String toString() {
		return switch (this.type) {
			case STATUS -> "Fault.status(" + this.status + ((this.retryAfter != null)
					? ", Retry-After: " + this.retryAfter : "") + ")";
			case SLOW -> "Fault.slow(" + this.delay + ")";
			case DROP_CONNECTION -> "Fault.dropConnection()";
			case HANG -> "Fault.hang()";
			case TRICKLE -> "Fault.trickle(" + this.delay + ")";
		};
	}

	private static void checkStatus(int status) {
		if (status < 100 || status > 599) {
			throw new IllegalArgumentException("status must be between 100 and 599, was " + status);
		}
	}

	enum Type {

		STATUS, SLOW, DROP_CONNECTION, HANG, TRICKLE

	}

}
