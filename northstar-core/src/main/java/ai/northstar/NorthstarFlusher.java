package ai.northstar;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import ai.northstar.export.DropReason;
import ai.northstar.export.ExportListener;
import ai.northstar.export.PreparedBatch;
import ai.northstar.export.RecordBuffer;
import ai.northstar.export.SendOutcome;
import ai.northstar.export.WireFormat;
import ai.northstar.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Sends a client's records in the background, on one daemon thread named {@value #THREAD_NAME}: as soon as
 * {@code batchSize} records are pending, and at least every {@code flushInterval}. Recording threads never wait for
 * it: they only queue, within the client's {@code maxQueueSize}. A batch carries what is pending, oldest first, up
 * to {@code maxBatchSize} records and {@code maxBatchBytes} of JSON, so a burst or a backlog leaves in few round
 * trips.
 * <p>
 * A batch that fails with a retryable error stays pending and is tried again with backoff. A batch the backend
 * refuses ({@code 4xx}) is dropped, logged and counted, and sending goes on. A refused API key ({@code 401}) stops
 * sending for good: one error is logged, and every record from then on is counted as dropped. {@link #close()}
 * drains what is pending within the shutdown timeout and counts what could not be sent.
 *
 * <pre>{@code
 * NorthstarFlusher flusher = NorthstarFlusher.builder(client).batchSize(50).flushInterval(Duration.ofSeconds(5)).build();
 * flusher.start();
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
	public static final int DEFAULT_MAX_BATCH_SIZE = 500;

	/**
	 * Returns the most records in one batch when none is set: {@value #DEFAULT_MAX_BATCH_SIZE}, or the batch size
	 * when that is larger.
	 * @param batchSize the number of pending records that triggers a send
	 * @return the default maximum batch size
	 */
	public static int defaultMaxBatchSize(int batchSize) {
		return Math.max(DEFAULT_MAX_BATCH_SIZE, batchSize);
	}

	/** The default most bytes of one batch's JSON body, unless a single record is larger. */
	public static final int DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;

	/** The default longest time between two sends. */
	public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(5);

	/** The default time {@link #close()} may take to drain. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	/** Failed rounds (each of up to {@code maxAttempts} attempts) after which a batch is given up as refused. */
	static final int MAX_ROUNDS_PER_BATCH = 5;

	/** Consecutive failed sends after which the pipeline reports {@link FlushStats.Status#DOWN}. */
	static final int FAILURES_BEFORE_DOWN = 3;

	/** The longest wait between two tries of a batch that keeps failing. */
	static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(60);

	private static final System.Logger logger = System.getLogger(NorthstarFlusher.class.getName());

	private final Northstar client;

	private final RecordBuffer buffer;

	private final int batchSize;

	private final int maxBatchSize;

	private final int maxBatchBytes;

	private final long flushIntervalNanos;

	private final Duration shutdownTimeout;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wakeUp = this.lock.newCondition();

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	private final List<CompletableFuture<FlushResult>> flushWaiters = new ArrayList<>();

	private volatile boolean closing;

	/** When {@link #close()} must be done draining; set before {@link #closing}. */
	private volatile long closeDeadlineNanos;

	private volatile boolean awake;

	private final Thread worker;

	private volatile FlushStats.Status status = FlushStats.Status.UNKNOWN;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastSuccess;

	private volatile @Nullable Instant lastFailure;

	private volatile int consecutiveFailures;

	private @Nullable UUID failingHead;

	/**
	 * The batch after the one in flight, cut and serialized while that one was on the wire; sent next if that one
	 * was accepted, else dropped (its records stay pending). Guarded by the buffer's export lock.
	 */
	private @Nullable Serialized ahead;

	private int failingHeadRounds;

	/** Set under {@link #lock} once the last waiters were completed: later flush requests complete at once. */
	private boolean terminatedWaiters;

	private NorthstarFlusher(Builder builder) {
		this.client = builder.client;
		this.buffer = builder.client.buffer();
		this.batchSize = builder.batchSize;
		this.maxBatchSize = builder.effectiveMaxBatchSize();
		this.maxBatchBytes = builder.maxBatchBytes;
		this.flushIntervalNanos = builder.flushInterval.toNanos();
		this.shutdownTimeout = builder.shutdownTimeout;
		this.clock = builder.clock;
		this.worker = new Thread(this::work, THREAD_NAME);
		this.worker.setDaemon(true);
		this.buffer.addListener(new ExportListener() {

			@Override
			public void onQueued(int pending) {
				if (pending >= NorthstarFlusher.this.batchSize && !NorthstarFlusher.this.awake
						&& NorthstarFlusher.this.consecutiveFailures == 0) {
					signal();
				}
			}

		});
		this.client.attach(this);
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
	 * Starts the flusher thread. Idempotent.
	 * @return this flusher
	 */
	public NorthstarFlusher start() {
		if (!this.closed.get() && this.started.compareAndSet(false, true)) {
			this.worker.start();
		}
		return this;
	}

	/**
	 * Returns whether the thread was started and not yet closed.
	 * @return {@code true} while running
	 */
	public boolean isRunning() {
		return this.started.get() && !this.closed.get();
	}

	/**
	 * Returns the number of pending records that triggers a send.
	 * @return the batch size
	 */
	public int batchSize() {
		return this.batchSize;
	}

	/**
	 * Returns the most records in one batch.
	 * @return the maximum batch size, at least {@link #batchSize()}
	 */
	public int maxBatchSize() {
		return this.maxBatchSize;
	}

	/**
	 * Returns the most bytes of one batch's JSON body, unless a single record is larger.
	 * @return the byte budget of a batch
	 */
	public int maxBatchBytes() {
		return this.maxBatchBytes;
	}

	/**
	 * Returns the longest time between two sends.
	 * @return the flush interval
	 */
	public Duration flushInterval() {
		return Duration.ofNanos(this.flushIntervalNanos);
	}

	/**
	 * Returns the time {@link #close()} may take to drain.
	 * @return the shutdown timeout
	 */
	public Duration shutdownTimeout() {
		return this.shutdownTimeout;
	}

	/**
	 * Asks the flusher to send everything pending now.
	 * @return completes when everything that was pending has been sent, or when sending failed
	 */
	public CompletableFuture<FlushResult> flush() {
		CompletableFuture<FlushResult> result = new CompletableFuture<>();
		if (this.closed.get() || !this.started.get()) {
			result.complete(flushInline(System.nanoTime() + this.shutdownTimeout.toNanos()));
			return result;
		}
		this.lock.lock();
		try {
			if (this.terminatedWaiters) {
				result.complete(new FlushResult(this.buffer.size() == 0, this.buffer.size(), this.lastError));
				return result;
			}
			this.flushWaiters.add(result);
			this.wakeUp.signal();
		}
		finally {
			this.lock.unlock();
		}
		return result;
	}

	/**
	 * Sends everything pending, waiting at most the given time. Never throws.
	 * @param timeout how long to wait
	 * @return what the flush achieved
	 */
	public FlushResult flush(Duration timeout) {
		try {
			return flush().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new FlushResult(false, this.buffer.size(), "interrupted");
		}
		catch (ExecutionException | TimeoutException ex) {
			return new FlushResult(false, this.buffer.size(), this.lastError);
		}
	}

	/**
	 * Returns the current state of the pipeline.
	 * @return the statistics
	 */
	public FlushStats stats() {
		Map<String, Long> dropped = new LinkedHashMap<>();
		this.buffer.droppedCounts().forEach((reason, count) -> dropped.put(reason.tag(), count));
		return new FlushStats(this.status, this.buffer.size(), this.buffer.maxQueueSize(), this.buffer.sentCount(),
				dropped, this.lastError, this.lastSuccess, this.lastFailure);
	}

	/**
	 * Stops the flusher: drains what is pending, records created meanwhile included, within the shutdown timeout;
	 * then drops and counts what could not be sent, and every record that arrives later. Idempotent; never throws.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			awaitTermination();
			return;
		}
		this.closeDeadlineNanos = System.nanoTime() + this.shutdownTimeout.toNanos();
		this.closing = true;
		if (this.started.get()) {
			signal();
			awaitTermination();
		}
		else {
			finishShutdown(flushInline(this.closeDeadlineNanos));
		}
	}

	private void awaitTermination() {
		try {
			this.terminated.get(this.shutdownTimeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.log(Level.WARNING, "NorthStar flusher did not stop in time");
		}
	}

	private void signal() {
		this.lock.lock();
		try {
			this.awake = true;
			this.wakeUp.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void work() {
		long nextDue = System.nanoTime() + this.flushIntervalNanos;
		try {
			while (!this.closing) {
				List<CompletableFuture<FlushResult>> waiters;
				this.lock.lock();
				try {
					this.awake = false;
					while (!this.closing && this.flushWaiters.isEmpty()
							&& (this.buffer.size() < this.batchSize || this.consecutiveFailures > 0)) {
						long wait = nextDue - System.nanoTime();
						if (wait <= 0) {
							break;
						}
						this.wakeUp.awaitNanos(wait);
					}
					this.awake = true;
					waiters = new ArrayList<>(this.flushWaiters);
					this.flushWaiters.clear();
				}
				finally {
					this.lock.unlock();
				}
				if (this.closing) {
					requeue(waiters);
					break;
				}
				boolean ok = true;
				try {
					ok = sendPending(!waiters.isEmpty() || System.nanoTime() - nextDue >= 0, Long.MAX_VALUE);
				}
				catch (RuntimeException ex) {
					ok = false;
					fail("unexpected error: " + ex);
					logger.log(Level.WARNING, "NorthStar flusher failed; it keeps running", ex);
				}
				nextDue = System.nanoTime() + (ok ? this.flushIntervalNanos : retryDelayNanos());
				completeWaiters(waiters, ok);
			}
			finishShutdown(flushInline(this.closeDeadlineNanos));
		}
		catch (InterruptedException ex) {
			finishShutdown(new FlushResult(false, this.buffer.size(), "interrupted"));
		}
		catch (Throwable ex) {
			logger.log(Level.ERROR, "NorthStar flusher stopped unexpectedly", ex);
			finishShutdown(new FlushResult(false, this.buffer.size(), ex.toString()));
		}
	}

	private long retryDelayNanos() {
		long base = Math.min(this.flushIntervalNanos, Duration.ofSeconds(1).toNanos());
		int shift = Math.min(this.consecutiveFailures - 1, 16);
		long delay = base << Math.max(shift, 0);
		return Math.min(Math.max(delay, base), MAX_RETRY_DELAY.toNanos());
	}

	private void completeWaiters(List<CompletableFuture<FlushResult>> waiters, boolean ok) {
		if (waiters.isEmpty()) {
			return;
		}
		int remaining = this.buffer.size();
		FlushResult result = new FlushResult(ok && remaining == 0, remaining, ok ? null : this.lastError);
		waiters.forEach((waiter) -> waiter.complete(result));
	}

	private void requeue(List<CompletableFuture<FlushResult>> waiters) {
		if (waiters.isEmpty()) {
			return;
		}
		this.lock.lock();
		try {
			this.flushWaiters.addAll(waiters);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Sends batches while enough records are pending (or any, when draining).
	 * @return {@code false} when a send failed and should be tried again later
	 */
	private boolean sendPending(boolean drain, long deadlineNanos) {
		try {
			while (this.buffer.size() > 0 && (drain || this.buffer.size() >= this.batchSize)) {
				if (this.buffer.closedReason() == DropReason.UNAUTHORIZED) {
					return true;
				}
				Boolean sent = sendOne(drain, deadlineNanos);
				if (sent == null) {
					return true;
				}
				if (!sent) {
					return false;
				}
				if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0) {
					return false;
				}
			}
			return true;
		}
		finally {
			// A batch cut ahead is only sent right after the one before it; later, its snapshots would be stale.
			synchronized (this.buffer.exportLock()) {
				this.ahead = null;
			}
		}
	}

	/**
	 * Sends one batch.
	 * @return {@code true} when it was settled (accepted or dropped), {@code false} when it should be tried again,
	 * {@code null} when nothing was pending
	 */
	private @Nullable Boolean sendOne(boolean drain, long deadlineNanos) {
		synchronized (this.buffer.exportLock()) {
			Serialized next = this.ahead;
			this.ahead = null;
			if (next != null && !this.buffer.isLastCut(next.prepared())) {
				// Another exporter (an application thread's flush()) cut a batch meanwhile and may have sent newer
				// states of these records: sending the older snapshots now would regress them.
				next = null;
			}
			if (next == null) {
				next = serialize(this.buffer.prepare(this.maxBatchSize), null);
			}
			PreparedBatch prepared = next.prepared();
			if (prepared.isEmpty()) {
				return null;
			}
			long start = System.nanoTime();
			SendOutcome outcome;
			try {
				CompletableFuture<SendOutcome> future = this.client.sender().send(next.body());
				if (drain || this.buffer.size() - prepared.size() >= this.batchSize) {
					this.ahead = readAhead(prepared);
				}
				outcome = await(future, deadlineNanos);
			}
			catch (TimeoutException ex) {
				fail("shutdown deadline passed while sending");
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail("interrupted");
				return false;
			}
			catch (ExecutionException | RuntimeException ex) {
				fail(ex.toString());
				return false;
			}
			long nanos = System.nanoTime() - start;
			if (outcome.kind() != SendOutcome.Kind.ACCEPTED) {
				// The batch cut ahead may hold children of records this one failed to deliver: cut it again later.
				this.ahead = null;
			}
			ExportListener listener = this.buffer.listener();
			switch (outcome.kind()) {
				case ACCEPTED -> {
					this.buffer.acknowledge(prepared);
					this.consecutiveFailures = 0;
					this.failingHead = null;
					this.failingHeadRounds = 0;
					this.status = FlushStats.Status.UP;
					this.lastSuccess = this.clock.instant();
					listener.onFlush("success", nanos, prepared.size());
					return true;
				}
				case RETRYABLE_FAILURE -> {
					fail(describe(outcome));
					listener.onFlush("retryable_failure", nanos, prepared.size());
					return giveUpOnRepeatedFailure(prepared, outcome);
				}
				case UNAUTHORIZED -> {
					fail("NorthStar refused the API key (HTTP 401): it is invalid or revoked");
					this.status = FlushStats.Status.DOWN;
					listener.onFlush("unauthorized", nanos, prepared.size());
					logger.log(Level.ERROR, "NorthStar refused the API key (HTTP 401{0}): the key is invalid or revoked."
							+ " Tracing stops sending; records are counted as dropped.",
							(outcome.error() != null) ? ": " + outcome.error() : "");
					this.buffer.close(DropReason.UNAUTHORIZED);
					this.buffer.discardAll(DropReason.UNAUTHORIZED);
					return true;
				}
				default -> {
					this.failingHead = null;
					this.failingHeadRounds = 0;
					int dropped = this.buffer.discard(prepared, DropReason.REJECTED);
					this.lastError = describe(outcome);
					this.lastFailure = this.clock.instant();
					listener.onFlush("rejected", nanos, prepared.size());
					logger.log(Level.WARNING, "NorthStar rejected a batch ({0}); dropped {1} records ({2} runs, {3} spans,"
							+ " {4} events, {5} scores, {6} sessions) and their pending children",
							describe(outcome), dropped, prepared.batch().runs().size(), prepared.batch().spans().size(),
							prepared.batch().events().size(), prepared.batch().scores().size(),
							prepared.batch().sessions().size());
					return true;
				}
			}
		}
	}

	/**
	 * Serializes a batch, cut shorter while its body is over the byte budget: fewer of the same oldest records
	 * still carry every parent ahead of its children.
	 * @param prepared the batch
	 * @param inFlight the batch in flight the given one follows, or {@code null} when it is the first
	 */
	private Serialized serialize(PreparedBatch prepared, @Nullable PreparedBatch inFlight) {
		byte[] body = WireFormat.write(prepared.batch());
		while (body.length > this.maxBatchBytes && prepared.size() > 1) {
			int fewer = fewerRecords(prepared.size(), body.length);
			prepared = (inFlight != null) ? this.buffer.prepareAfter(inFlight, fewer) : this.buffer.prepare(fewer);
			body = WireFormat.write(prepared.batch());
		}
		return new Serialized(prepared, body);
	}

	/**
	 * Cuts and serializes the batch behind the one on the wire. A failure here must not abandon the batch in flight:
	 * it only means no batch is ready ahead, and the next round cuts it again (and reports what fails).
	 */
	private @Nullable Serialized readAhead(PreparedBatch inFlight) {
		try {
			Serialized following = serialize(this.buffer.prepareAfter(inFlight, this.maxBatchSize), inFlight);
			return following.prepared().isEmpty() ? null : following;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** A prepared batch and its JSON body. */
	private record Serialized(PreparedBatch prepared, byte[] body) {
	}

	/**
	 * Estimates how many records of a batch fit the byte budget, from its bytes per record, with a margin; always
	 * fewer than before and at least one.
	 */
	private int fewerRecords(int records, int bytes) {
		long estimate = records * (long) this.maxBatchBytes * 9 / (10L * bytes);
		return (int) Math.max(1, Math.min(records - 1L, estimate));
	}

	/**
	 * Waits for a send. Without a deadline it still gives up once {@link #close()} was called and its deadline
	 * passed, so a hung endpoint cannot hold the shutdown.
	 */
	private SendOutcome await(CompletableFuture<SendOutcome> future, long deadlineNanos)
			throws InterruptedException, ExecutionException, TimeoutException {
		if (deadlineNanos != Long.MAX_VALUE) {
			return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		while (true) {
			try {
				return future.get(200, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				if (this.closing && System.nanoTime() - this.closeDeadlineNanos >= 0) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Counts a failed round of the oldest pending batch; after {@value #MAX_ROUNDS_PER_BATCH} of them, drops it as
	 * refused, so one batch the backend keeps failing cannot hold back everything behind it.
	 * @return {@code true} when the batch was given up
	 */
	private boolean giveUpOnRepeatedFailure(PreparedBatch prepared, SendOutcome outcome) {
		if (this.closing) {
			// Draining for shutdown: the deadline decides, and what is left counts as a shutdown drop.
			return false;
		}
		UUID head = prepared.firstId();
		if (!head.equals(this.failingHead)) {
			this.failingHead = head;
			this.failingHeadRounds = 0;
		}
		if (++this.failingHeadRounds < MAX_ROUNDS_PER_BATCH) {
			return false;
		}
		this.failingHead = null;
		this.failingHeadRounds = 0;
		int dropped = this.buffer.discard(prepared, DropReason.REJECTED);
		logger.log(Level.WARNING, "NorthStar gave up on a batch after {0} failed rounds ({1}); dropped {2} records"
				+ " and their pending children", MAX_ROUNDS_PER_BATCH, describe(outcome), dropped);
		return true;
	}

	private void fail(String error) {
		this.consecutiveFailures++;
		if (this.consecutiveFailures >= FAILURES_BEFORE_DOWN) {
			this.status = FlushStats.Status.DOWN;
		}
		this.lastError = error;
		this.lastFailure = this.clock.instant();
	}

	private static String describe(SendOutcome outcome) {
		String status = (outcome.status() != 0) ? "HTTP " + outcome.status() : "no response";
		return (outcome.error() != null) ? status + ": " + outcome.error() : status;
	}

	/**
	 * Drains on the calling thread until nothing is pending or the deadline passes, retrying failed sends with a
	 * short backoff.
	 */
	private FlushResult flushInline(long deadlineNanos) {
		long backoff = Duration.ofMillis(100).toNanos();
		while (this.buffer.size() > 0 && System.nanoTime() - deadlineNanos < 0) {
			boolean ok;
			try {
				ok = sendPending(true, deadlineNanos);
			}
			catch (RuntimeException ex) {
				fail(ex.toString());
				ok = false;
			}
			if (!ok && this.buffer.size() > 0) {
				long remaining = deadlineNanos - System.nanoTime();
				if (remaining <= 0) {
					break;
				}
				java.util.concurrent.locks.LockSupport.parkNanos(Math.min(backoff, remaining));
				backoff = Math.min(backoff * 2, Duration.ofSeconds(2).toNanos());
			}
		}
		return new FlushResult(this.buffer.size() == 0, this.buffer.size(), this.lastError);
	}

	private void finishShutdown(FlushResult drained) {
		try {
			this.buffer.close(DropReason.SHUTDOWN);
			int dropped;
			synchronized (this.buffer.exportLock()) {
				dropped = this.buffer.discardAll(DropReason.SHUTDOWN);
			}
			if (dropped > 0) {
				logger.log(Level.WARNING, "NorthStar shut down with {0} records not sent within {1} ({2})", dropped,
						this.shutdownTimeout, (drained.lastError() != null) ? drained.lastError() : "deadline passed");
			}
			List<CompletableFuture<FlushResult>> waiters;
			this.lock.lock();
			try {
				this.terminatedWaiters = true;
				waiters = new ArrayList<>(this.flushWaiters);
				this.flushWaiters.clear();
			}
			finally {
				this.lock.unlock();
			}
			FlushResult result = new FlushResult(dropped == 0 && drained.completed(), 0, drained.lastError());
			waiters.forEach((waiter) -> waiter.complete(result));
		}
		finally {
			this.terminated.complete(null);
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

		private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

		private Clock clock = Clock.systemUTC();

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
		 * Sets the clock of the statistics' timestamps.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}


		/**
		 * Builds the flusher, not yet started, and attaches it to the client.
		 * @return the flusher
		 * @throws IllegalArgumentException when a maximum batch size was set below the batch size
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
