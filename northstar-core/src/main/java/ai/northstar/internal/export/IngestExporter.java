package ai.northstar.internal.export;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import ai.northstar.transport.IngestResponse;
import ai.northstar.internal.Durations;
import ai.northstar.internal.Throwables;
import ai.northstar.transport.IngestTransport;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one attempt to send a serialized batch through an {@link IngestTransport} and reads the answer, within a
 * time limit that bounds the whole attempt, body included, whatever the transport does: past it the transport's
 * future is cancelled and the attempt ends without an answer. Never fails: every outcome is an
 * {@link AttemptResult}.
 */
final class IngestExporter {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private static final int MAX_ERROR_LENGTH = 500;

	/** The tokens of the usual answer, in order. */
	private static final String[] ACCEPTANCE_TOKENS = { "{", "\"accepted\"", ":", "true", "}" };

	private final IngestTransport transport;

	private final Duration requestTimeout;

	IngestExporter(IngestTransport transport, Duration requestTimeout) {
		this.transport = transport;
		this.requestTimeout = requestTimeout;
	}

	Duration requestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Sends the body once.
	 * @param body the JSON body
	 * @param limitNanos the longest the attempt may take, at most the request timeout
	 * @return the result; never completes exceptionally
	 */
	CompletableFuture<AttemptResult> attempt(byte[] body, long limitNanos) {
		long start = System.nanoTime();
		long limit = Math.max(1, Math.min(limitNanos, this.requestTimeout.toNanos()));
		CompletableFuture<IngestResponse> response;
		try {
			response = this.transport.send(body);
			if (response == null) {
				response = CompletableFuture.failedFuture(new IllegalStateException("transport returned no future"));
			}
		}
		catch (RuntimeException | LinkageError ex) {
			response = CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<IngestResponse> sent = response;
		CompletableFuture<IngestResponse> bounded = sent.copy().orTimeout(limit, TimeUnit.NANOSECONDS);
		CompletableFuture<AttemptResult> attempt = bounded.handle((answer, failure) -> {
			long nanos = System.nanoTime() - start;
			if (answer != null) {
				return read(answer, nanos);
			}
			Throwable cause = unwrap(failure);
			if (cause instanceof TimeoutException) {
				// Abort the exchange: a transport may honour cancellation (the JDK one does).
				sent.cancel(true);
				return new AttemptResult(0, false, "timed out after " + Durations.format(Duration.ofNanos(limit)),
						null, nanos);
			}
			return new AttemptResult(0, false, describe(cause), null, nanos);
		});
		// Abandoned (the shutdown deadline, a transport that ignores its own timeout): end the exchange too, so that
		// no connection is left waiting for an answer nobody reads.
		attempt.whenComplete((result, failure) -> {
			if (failure instanceof CancellationException) {
				sent.cancel(true);
			}
		});
		return attempt;
	}

	/**
	 * Waits for an attempt. {@link #attempt} bounds it; this also stops at the hard deadline (closing) and, with a
	 * margin, guards against a transport that ignores cancellation.
	 * @param attempt the attempt
	 * @param hardDeadline when everything must stop ({@link System#nanoTime()}, {@code Long.MAX_VALUE}: never), read
	 * again while waiting since closing may set it meanwhile
	 * @return its result, or a result without an answer when it did not end in time
	 */
	AttemptResult await(CompletableFuture<AttemptResult> attempt, LongSupplier hardDeadline) {
		long start = System.nanoTime();
		long limit = start + this.requestTimeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
		while (true) {
			long now = System.nanoTime();
			long until = Deadlines.earlier(limit, hardDeadline.getAsLong());
			if (Deadlines.passed(now, until)) {
				attempt.cancel(true);
				return new AttemptResult(0, false, (until == limit) ? "the transport did not answer in time"
						: "shutdown deadline passed while sending", null, now - start);
			}
			try {
				return attempt.get(Math.min(Deadlines.remaining(now, until), TimeUnit.MILLISECONDS.toNanos(100)),
						TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				// Look at the deadlines again.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new AttemptResult(0, false, "interrupted", null, System.nanoTime() - start);
			}
			catch (ExecutionException | RuntimeException ex) {
				return new AttemptResult(0, false, describe(ex), null, System.nanoTime() - start);
			}
		}
	}

	private static AttemptResult read(IngestResponse response, long nanos) {
		int status = response.status();
		if (status >= 200 && status < 300 && isPlainAcceptance(response.body())) {
			return new AttemptResult(status, true, null, response.retryAfter(), nanos);
		}
		JsonNode body = parse(response.body());
		String error = errorText(body);
		if (status >= 200 && status < 300) {
			if (isAccepted(body)) {
				return new AttemptResult(status, true, null, response.retryAfter(), nanos);
			}
			return new AttemptResult(status, false, (error != null) ? error : "no \"accepted\": true in the answer",
					response.retryAfter(), nanos);
		}
		return new AttemptResult(status, false, error, response.retryAfter(), nanos);
	}

	private static Throwable unwrap(@Nullable Throwable failure) {
		Throwable current = (failure != null) ? failure : new IllegalStateException("no answer");
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	static String describe(Throwable failure) {
		return Throwables.describe(failure, MAX_ERROR_LENGTH);
	}

	private static @Nullable JsonNode parse(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			return MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Returns whether the body is exactly the usual answer, {@code {"accepted": true}} with any JSON whitespace
	 * between its tokens, which is then read without a parser; any other body is parsed.
	 */
	static boolean isPlainAcceptance(@Nullable String body) {
		if (body == null) {
			return false;
		}
		int at = 0;
		for (String token : ACCEPTANCE_TOKENS) {
			at = skipWhitespace(body, at);
			if (!body.startsWith(token, at)) {
				return false;
			}
			at += token.length();
		}
		return skipWhitespace(body, at) == body.length();
	}

	private static int skipWhitespace(String text, int from) {
		int at = from;
		while (at < text.length()) {
			char c = text.charAt(at);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				break;
			}
			at++;
		}
		return at;
	}

	private static @Nullable String errorText(@Nullable JsonNode body) {
		if (body != null && body.isObject()) {
			JsonNode error = body.get("error");
			if (error != null && error.isString()) {
				return truncate(error.stringValue());
			}
		}
		return null;
	}

	private static boolean isAccepted(@Nullable JsonNode body) {
		if (body == null || !body.isObject()) {
			return false;
		}
		JsonNode accepted = body.get("accepted");
		return accepted != null && accepted.isBoolean() && accepted.booleanValue();
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_ERROR_LENGTH) ? text : text.substring(0, MAX_ERROR_LENGTH) + "...";
	}

}
