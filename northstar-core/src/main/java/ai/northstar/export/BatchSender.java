package ai.northstar.export;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.RetryPolicy;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers one serialized batch through an {@link IngestTransport}, retrying as a {@link RetryPolicy} says. Not API:
 * subject to change without notice.
 * <p>
 * An attempt succeeds when the server answers {@code 2xx} with {@code {"accepted": true}}. It is retried, up to
 * {@link RetryPolicy#maxAttempts()} attempts in all, when the status is {@link RetryPolicy#isRetryable(int)
 * retryable}, when no response came (a failure whose cause chain holds an {@link IOException}, timeouts included, or
 * a {@link TimeoutException}; other transports should report connection problems that way), or when a {@code 2xx}
 * body does not say {@code "accepted": true}. {@code 401} ends in {@link SendOutcome.Kind#UNAUTHORIZED}, every other
 * status in {@link SendOutcome.Kind#REJECTED}. Any other exception of the transport ends the delivery at once in
 * {@link SendOutcome.Kind#RETRYABLE_FAILURE}, without retrying.
 * <p>
 * No thread waits: the pause between attempts is a {@link CompletableFuture#delayedExecutor delayed} task that
 * starts the next attempt on the sender's executor (the common pool unless set). Cancelling the returned future
 * stops further attempts.
 *
 * @since 0.1.0
 */
public final class BatchSender {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private static final int MAX_ERROR_LENGTH = 500;

	private final IngestTransport transport;

	private final RetryPolicy retryPolicy;

	private final RetryListener retryListener;

	private final Executor executor;

	BatchSender(Builder builder) {
		this.transport = builder.transport;
		this.retryPolicy = builder.retryPolicy;
		this.retryListener = builder.retryListener;
		this.executor = builder.executor;
	}

	/**
	 * Creates a sender.
	 * @param transport the transport that carries each attempt
	 * @param retryPolicy when and how long to wait between attempts
	 * @return the sender
	 */
	public static BatchSender create(IngestTransport transport, RetryPolicy retryPolicy) {
		return builder(transport).retryPolicy(retryPolicy).build();
	}

	/**
	 * Returns a builder.
	 * @param transport the transport that carries each attempt
	 * @return a new builder
	 */
	public static Builder builder(IngestTransport transport) {
		return new Builder(transport);
	}

	/**
	 * Returns the retry policy.
	 * @return the retry policy
	 */
	public RetryPolicy retryPolicy() {
		return this.retryPolicy;
	}

	/**
	 * Delivers a batch, retrying as needed.
	 * @param jsonBody the UTF-8 JSON body, sent as is by every attempt
	 * @return the outcome; never completes exceptionally
	 */
	public CompletableFuture<SendOutcome> send(byte[] jsonBody) {
		Objects.requireNonNull(jsonBody, "jsonBody must not be null");
		Delivery delivery = new Delivery(jsonBody);
		delivery.attempt(1);
		return delivery.result;
	}

	@Override
	public String toString() {
		return "BatchSender[transport=" + this.transport + ", retryPolicy=" + this.retryPolicy + "]";
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static boolean isConnectionProblem(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof IOException || current instanceof TimeoutException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	private static String describe(Throwable failure) {
		String message = failure.getMessage();
		return failure.getClass().getSimpleName() + ((message != null) ? ": " + truncate(message) : "");
	}

	private static @Nullable JsonNode parse(String body) {
		if (body.isBlank()) {
			return null;
		}
		try {
			return MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
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

	/**
	 * The attempts of one batch.
	 */
	private final class Delivery {

		private final byte[] body;

		private final CompletableFuture<SendOutcome> result = new CompletableFuture<>();

		private @Nullable Duration lastRetryAfter;

		Delivery(byte[] body) {
			this.body = body;
		}

		void attempt(int number) {
			if (this.result.isDone()) {
				return;
			}
			try {
				CompletableFuture<IngestResponse> response = BatchSender.this.transport.send(this.body);
				if (response == null) {
					throw new IllegalStateException("transport returned no future");
				}
				response.whenComplete((answer, failure) -> completeAttempt(number, answer, failure));
			}
			catch (RuntimeException ex) {
				completeAttempt(number, null, ex);
			}
		}

		private void completeAttempt(int number, @Nullable IngestResponse response, @Nullable Throwable failure) {
			try {
				if (response != null) {
					onResponse(number, response);
				}
				else {
					onFailure(number, unwrap(Objects.requireNonNull(failure)));
				}
			}
			catch (RuntimeException | Error ex) {
				finish(SendOutcome.Kind.RETRYABLE_FAILURE, (response != null) ? response.status() : 0, describe(ex),
						number);
			}
		}

		private void onResponse(int number, IngestResponse response) {
			int status = response.status();
			if (response.retryAfter() != null) {
				this.lastRetryAfter = response.retryAfter();
			}
			JsonNode body = parse(response.body());
			String error = errorText(body);
			if (status >= 200 && status < 300) {
				if (isAccepted(body)) {
					finish(SendOutcome.Kind.ACCEPTED, status, null, number);
				}
				else {
					retryOrGiveUp(number, status,
							(error != null) ? error : "HTTP " + status + " without \"accepted\": true",
							response.retryAfter());
				}
			}
			else if (BatchSender.this.retryPolicy.isRetryable(status)) {
				retryOrGiveUp(number, status, (error != null) ? error : "HTTP " + status, response.retryAfter());
			}
			else {
				finish((status == 401) ? SendOutcome.Kind.UNAUTHORIZED : SendOutcome.Kind.REJECTED, status,
						(error != null) ? error : "HTTP " + status, number);
			}
		}

		private void onFailure(int number, Throwable failure) {
			if (isConnectionProblem(failure)) {
				retryOrGiveUp(number, 0, describe(failure), null);
			}
			else {
				finish(SendOutcome.Kind.RETRYABLE_FAILURE, 0, describe(failure), number);
			}
		}

		private void retryOrGiveUp(int number, int status, String error, @Nullable Duration retryAfter) {
			if (number >= BatchSender.this.retryPolicy.maxAttempts() || this.result.isDone()) {
				finish(SendOutcome.Kind.RETRYABLE_FAILURE, status, error, number);
				return;
			}
			Duration delay = BatchSender.this.retryPolicy.backoff(number, retryAfter);
			try {
				BatchSender.this.retryListener.onRetry(number, status, delay);
			}
			catch (RuntimeException ex) {
				// A listener must not stop the delivery.
			}
			Executor guarded = (task) -> {
				try {
					BatchSender.this.executor.execute(task);
				}
				catch (RejectedExecutionException ex) {
					finish(SendOutcome.Kind.RETRYABLE_FAILURE, status, error, number);
				}
			};
			CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, guarded)
				.execute(() -> attempt(number + 1));
		}

		private void finish(SendOutcome.Kind kind, int status, @Nullable String error, int attempts) {
			this.result.complete(new SendOutcome(kind, status, error, attempts, this.lastRetryAfter));
		}

	}

	/**
	 * Builds a {@link BatchSender}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final IngestTransport transport;

		private RetryPolicy retryPolicy = RetryPolicy.defaults();

		private RetryListener retryListener = RetryListener.none();

		private Executor executor = ForkJoinPool.commonPool();

		Builder(IngestTransport transport) {
			this.transport = Objects.requireNonNull(transport, "transport must not be null");
		}

		/**
		 * Sets the retry policy; {@link RetryPolicy#defaults()} by default.
		 * @param retryPolicy the policy
		 * @return this builder
		 */
		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
			return this;
		}

		/**
		 * Sets the listener told about each retry; none by default.
		 * @param retryListener the listener
		 * @return this builder
		 */
		public Builder retryListener(RetryListener retryListener) {
			this.retryListener = Objects.requireNonNull(retryListener, "retryListener must not be null");
			return this;
		}

		/**
		 * Sets the executor that starts retries once their delay has passed; the common pool by default. Starting
		 * an attempt only hands the batch to the transport, which must not block.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder executor(Executor executor) {
			this.executor = Objects.requireNonNull(executor, "executor must not be null");
			return this;
		}

		/**
		 * Builds the sender.
		 * @return the sender
		 */
		public BatchSender build() {
			return new BatchSender(this);
		}

	}

}
