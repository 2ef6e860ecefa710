package ai.northstar;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import ai.northstar.internal.Checks;
import ai.northstar.internal.SdkLoggers;
import ai.northstar.internal.export.ExportPipeline;
import ai.northstar.internal.export.FlushOutcome;

/**
 * Sends a client's records in the background, on one daemon thread named {@value #THREAD_NAME}: once
 * {@code batchSize} records are pending (within {@code maxBatchDelay}, as soon as a whole batch is), and at least
 * every {@code flushInterval}. Recording threads never wait for it: they only queue, within the client's
 * {@code maxQueueSize}. A batch carries what is pending, oldest first, up to {@code maxBatchSize} records and
 * {@code maxBatchBytes} of JSON, so a burst or a backlog leaves in few round trips.
 * <p>
 * Delivery never gives up early. A retryable failure ({@code 408}, {@code 429}, {@code 5xx}, no answer, a timeout)
 * keeps the records and tries again with exponential backoff and jitter, honouring {@code Retry-After}, at most a
 * minute apart, for up to {@code maxRetention}; so an outage shorter than that loses nothing while the queue has
 * room. A batch the backend refuses ({@code 400}, {@code 413}) is sent again in halves until only the records it
 * refuses are left; those are dropped as {@code rejected}, with one warning each. A refused key ({@code 401},
 * {@code 403}) pauses sending with one error and tries again once a minute, resuming when accepted.
 * {@link #close()} drains what is pending within the shutdown timeout and, when anything is left, logs one warning
 * and counts it as {@code shutdown}. Every record ends sent, or dropped and counted by reason.
 *
 * <pre>{@code
 * NorthstarFlusher flusher = NorthstarFlusher.builder(client).batchSize(50).flushInterval(Duration.ofSeconds(5)).build();
 * flusher.start();   // also registers a JVM shutdown hook that closes it
 * ...
 * flusher.close();   // drains within the shutdown timeout
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NorthstarFlusher implements AutoCloseable {

	/** The name of the flusher thread. */
	public static final String THREAD_NAME = "northstar-flush";

	/** The default number of pending records that triggers a send. */
	public static final int DEFAULT_BATCH_SIZE = 50;

	/**
	 * The default most records in one batch when more are pending than {@code batchSize}: a backlog leaves in
	 * batches of up to this many records, so one round trip carries more of it.
	 */
	public static final int DEFAULT_MAX_BATCH_SIZE = 1000;

	/** The default most bytes of one batch's JSON body, unless a single record is larger. */
	public static final int DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;

	/**
	 * The default longest time the flusher waits, once {@code batchSize} records are pending, for more records to
	 * fill a batch of {@code maxBatchSize}: under load, fewer and larger batches for the same records.
	 */
	public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofMillis(100);

	/** The default longest time between two sends. */
	public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(5);

	/** The default time {@link #close()} may take to drain, in seconds: {@value}. */
	public static final int DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 10;

	/** The default time {@link #close()} may take to drain. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(DEFAULT_SHUTDOWN_TIMEOUT_SECONDS);

	/** The default longest time a record waits to be delivered before it is dropped as {@code expired}. */
	public static final Duration DEFAULT_MAX_RETENTION = Duration.ofMinutes(15);

	/** The default window after an unanswered attempt in which the backend may still apply it. */
	public static final Duration DEFAULT_LATE_ANSWER_WINDOW = Duration.ofMinutes(2);

	/** How long sending pauses after the backend refused the key or the endpoint. */
	static final Duration DEFAULT_REFUSAL_PAUSE = Duration.ofMinutes(1);

	private static final System.Logger logger = SdkLoggers.get(NorthstarFlusher.class.getName());

	private final Northstar client;

	private final ExportPipeline pipeline;

	private final boolean registerShutdownHook;

	private final ShutdownHook shutdownHook = new ShutdownHook(this::closeAtExit);

	private NorthstarFlusher(Builder builder) {
		this.client = builder.client;
		this.pipeline = builder.client.pipeline();
		this.pipeline.configure(new ExportPipeline.Settings(builder.batchSize, builder.effectiveMaxBatchSize(),
				builder.maxBatchBytes, builder.maxBatchDelay, builder.flushInterval, builder.shutdownTimeout, builder.maxRetention,
				builder.lateAnswerWindow, builder.refusalPause, this.pipeline.settings().debug()));
		this.registerShutdownHook = builder.registerShutdownHook;
		this.client.attach(this);
	}

	/**
	 * Returns the most records in one batch when none is set: {@value #DEFAULT_MAX_BATCH_SIZE}, or the batch size
	 * when that is larger.
	 * @param batchSize the number of pending records that triggers a send
	 * @return the default maximum batch size
	 */
	public static int defaultMaxBatchSize(int batchSize) {
		return Math.max(DEFAULT_MAX_BATCH_SIZE, batchSize);
	}

	/** The settings of a client's pipeline before any flusher configures it. */
	static ExportPipeline.Settings defaultSettings(boolean debug) {
		return new ExportPipeline.Settings(DEFAULT_BATCH_SIZE, DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_BYTES,
				DEFAULT_MAX_BATCH_DELAY, DEFAULT_FLUSH_INTERVAL, DEFAULT_SHUTDOWN_TIMEOUT, DEFAULT_MAX_RETENTION,
				DEFAULT_LATE_ANSWER_WINDOW,
				DEFAULT_REFUSAL_PAUSE, debug);
	}

	/**
	 * Returns a builder for a flusher of the given client.
	 * @param client the client whose records are sent
	 * @return the builder
	 */
	public static Builder builder(Northstar client) {
		return new Builder(client);
	}

	/**
	 * Starts the flusher thread, and the JVM shutdown hook unless turned off. Idempotent.
	 * @return this flusher
	 */
	public NorthstarFlusher start() {
		if (this.pipeline.start(THREAD_NAME) && this.registerShutdownHook) {
			this.shutdownHook.register();
		}
		return this;
	}

	/**
	 * Returns whether the thread was started and not yet closed.
	 * @return {@code true} while running
	 */
	public boolean isRunning() {
		return this.pipeline.isStarted() && !this.pipeline.isClosed();
	}

	/**
	 * Returns the number of pending records that triggers a send.
	 * @return the batch size
	 */
	public int batchSize() {
		return this.pipeline.settings().batchSize();
	}

	/**
	 * Returns the most records in one batch.
	 * @return the maximum batch size, at least {@link #batchSize()}
	 */
	public int maxBatchSize() {
		return this.pipeline.settings().maxBatchSize();
	}

	/**
	 * Returns the most bytes of one batch's JSON body, unless a single record is larger.
	 * @return the byte budget of a batch
	 */
	public int maxBatchBytes() {
		return this.pipeline.settings().maxBatchBytes();
	}

	/**
	 * Returns the longest time between two sends.
	 * @return the flush interval
	 */
	public Duration flushInterval() {
		return this.pipeline.settings().flushInterval();
	}

	/**
	 * Returns the time {@link #close()} may take to drain.
	 * @return the shutdown timeout
	 */
	public Duration shutdownTimeout() {
		return this.pipeline.settings().shutdownTimeout();
	}

	/**
	 * Returns how long a record may wait to be delivered before it is dropped as {@code expired}.
	 * @return the retention
	 */
	public Duration maxRetention() {
		return this.pipeline.settings().maxRetention();
	}

	/**
	 * Asks the flusher to send everything pending now. Not started, it sends on the calling thread.
	 * @return completes when every record pending now was stored or dropped, or when a send failed; never
	 * exceptionally
	 */
	public CompletableFuture<FlushResult> flush() {
		if (this.pipeline.isStarted()) {
			return this.pipeline.requestFlush(false).thenApply(FlushResult::of);
		}
		FlushOutcome outcome = this.pipeline.isClosed() ? FlushOutcome.nothing(this.pipeline.queue().size())
				: this.pipeline.flushNow(false);
		return CompletableFuture.completedFuture(FlushResult.of(outcome));
	}

	/**
	 * Sends everything pending, waiting at most the given time. Never throws.
	 * @param timeout how long to wait
	 * @return what the flush achieved
	 */
	public FlushResult flush(Duration timeout) {
		return this.client.flush(timeout);
	}

	/**
	 * Returns the current state of the pipeline.
	 * @return the statistics
	 */
	public FlushStats stats() {
		return this.client.stats();
	}

	/**
	 * Stops the flusher: drains what is pending, records created meanwhile included, within the shutdown timeout;
	 * then drops and counts what could not be sent (one warning says how many, and the last error), and every record
	 * that arrives later. Idempotent; never throws.
	 */
	@Override
	public void close() {
		closeQuietly();
		this.shutdownHook.remove();
	}

	/** The shutdown hook: the program ends without closing its client, so its process session ends here. */
	private void closeAtExit() {
		try {
			this.client.endProcessSession();
		}
		catch (RuntimeException ex) {
			// A session that cannot be ended must not stop the drain.
		}
		closeQuietly();
	}

	private void closeQuietly() {
		try {
			this.pipeline.close();
		}
		catch (RuntimeException ex) {
			logger.log(Level.WARNING, "NorthStar flusher failed to close", ex);
		}
	}

	/**
	 * Builds a {@link NorthstarFlusher}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Northstar client;

		private int batchSize = DEFAULT_BATCH_SIZE;

		private int maxBatchSize;

		private int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;

		private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;

		private Duration maxBatchDelay = DEFAULT_MAX_BATCH_DELAY;

		private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

		private Duration maxRetention = DEFAULT_MAX_RETENTION;

		private Duration lateAnswerWindow = DEFAULT_LATE_ANSWER_WINDOW;

		private boolean registerShutdownHook = true;

		private Duration refusalPause = DEFAULT_REFUSAL_PAUSE;

		private Builder(Northstar client) {
			this.client = Objects.requireNonNull(client, "client must not be null");
		}

		/**
		 * Sets how many pending records trigger a send. Defaults to {@value NorthstarFlusher#DEFAULT_BATCH_SIZE}.
		 * @param batchSize the batch size, positive
		 * @return this builder
		 * @see #maxBatchSize(int)
		 */
		public Builder batchSize(int batchSize) {
			this.batchSize = Checks.requirePositive(batchSize, "batchSize");
			return this;
		}

		/**
		 * Sets the most records in one batch. When more than {@code batchSize} records are pending (a burst, or a
		 * backlog after an outage), they leave in batches of up to this many, fewer round trips for the same
		 * records. Defaults to {@value NorthstarFlusher#DEFAULT_MAX_BATCH_SIZE}, or {@code batchSize} when that is
		 * larger.
		 * @param maxBatchSize the maximum batch size, at least {@code batchSize}
		 * @return this builder
		 */
		public Builder maxBatchSize(int maxBatchSize) {
			this.maxBatchSize = Checks.requirePositive(maxBatchSize, "maxBatchSize");
			return this;
		}

		/**
		 * Sets the most bytes of one batch's JSON body: a batch whose body would be larger carries fewer records,
		 * down to one record, which is sent whatever its size. Defaults to 1 MiB.
		 * @param maxBatchBytes the byte budget, positive
		 * @return this builder
		 */
		public Builder maxBatchBytes(int maxBatchBytes) {
			this.maxBatchBytes = Checks.requirePositive(maxBatchBytes, "maxBatchBytes");
			return this;
		}

		/**
		 * Sets how long, once {@code batchSize} records are pending, the flusher may wait for more to fill a batch of
		 * {@code maxBatchSize} before it sends (it sends at once when the batch is whole): under load, fewer and
		 * larger requests for the same records, at the cost of at most this much latency. Defaults to 100
		 * milliseconds; zero sends as soon as {@code batchSize} records are pending.
		 * @param maxBatchDelay the delay, zero or positive
		 * @return this builder
		 */
		public Builder maxBatchDelay(Duration maxBatchDelay) {
			Objects.requireNonNull(maxBatchDelay, "maxBatchDelay must not be null");
			if (maxBatchDelay.isNegative()) {
				throw new IllegalArgumentException("maxBatchDelay must be >= 0, was " + maxBatchDelay);
			}
			this.maxBatchDelay = maxBatchDelay;
			return this;
		}

		/**
		 * Sets the longest time between two sends. Defaults to 5 seconds.
		 * @param flushInterval the interval, positive
		 * @return this builder
		 */
		public Builder flushInterval(Duration flushInterval) {
			this.flushInterval = Checks.requirePositive(flushInterval, "flushInterval");
			return this;
		}

		/**
		 * Sets how long {@link NorthstarFlusher#close()} may take to drain. Defaults to 10 seconds.
		 * @param shutdownTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = Checks.requirePositive(shutdownTimeout, "shutdownTimeout");
			return this;
		}

		/**
		 * Sets how long a record may wait to be delivered: while the backend is unreachable, overloaded or refuses
		 * the key, records are kept and tried again with backoff (within the queue bound) for this long, then dropped
		 * as {@code expired}. Defaults to 15 minutes.
		 * @param maxRetention the retention, positive
		 * @return this builder
		 */
		public Builder maxRetention(Duration maxRetention) {
			this.maxRetention = Checks.requirePositive(maxRetention, "maxRetention");
			return this;
		}

		/**
		 * Sets how long after an attempt that got no answer (a timeout, a reset connection) the backend may still
		 * apply it: a run, span or session it carried is sent once more, in its latest state, after this window, so
		 * an old state applied late cannot stay stored. Defaults to 2 minutes.
		 * @param lateAnswerWindow the window, positive
		 * @return this builder
		 */
		public Builder lateAnswerWindow(Duration lateAnswerWindow) {
			this.lateAnswerWindow = Checks.requirePositive(lateAnswerWindow, "lateAnswerWindow");
			return this;
		}

		/**
		 * Sets whether {@link NorthstarFlusher#start()} registers a JVM shutdown hook that ends the client's process
		 * session and closes the flusher, so a program that ends (its {@code main} returns, {@code System.exit})
		 * still drains within the shutdown timeout, and says how many records it could not send (on
		 * {@code System.err} when the JVM's exit already took the {@code java.util.logging} handlers). Defaults to
		 * {@code true}; the Spring Boot starter turns it off and closes the flusher with the application context.
		 * @param registerShutdownHook the flag
		 * @return this builder
		 */
		public Builder registerShutdownHook(boolean registerShutdownHook) {
			this.registerShutdownHook = registerShutdownHook;
			return this;
		}

		/** Shortens the pause after a refused key, for tests. */
		Builder refusalPause(Duration refusalPause) {
			this.refusalPause = Checks.requirePositive(refusalPause, "refusalPause");
			return this;
		}

		/**
		 * Builds the flusher, not yet started, and attaches it to the client.
		 * @return the flusher
		 * @throws IllegalArgumentException when a maximum batch size was set below the batch size
		 * @throws IllegalStateException when the client's pipeline was started or closed already
		 */
		public NorthstarFlusher build() {
			if (this.maxBatchSize != 0 && this.maxBatchSize < this.batchSize) {
				throw new IllegalArgumentException("maxBatchSize must be >= batchSize (" + this.batchSize + "), was "
						+ this.maxBatchSize);
			}
			return new NorthstarFlusher(this);
		}

		private int effectiveMaxBatchSize() {
			return (this.maxBatchSize != 0) ? this.maxBatchSize : defaultMaxBatchSize(this.batchSize);
		}

	}

}
