package ai.northstar.internal.export;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import ai.northstar.data.Batch;
import ai.northstar.internal.SdkLoggers;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * A client's one export pipeline: the only consumer of its {@link RecordQueue}. Not API: subject to change without
 * notice.
 * <p>
 * Started, it runs on one named daemon thread that sends as soon as {@code batchSize} records are pending and at
 * least every {@code flushInterval}, retries failures with backoff for as long as the retention allows, and drains
 * within the shutdown timeout when closed; flush requests and closing only post work to it and wait (or not).
 * Never started (a plain client that flushes by hand), {@link #flushNow} does the same work on the caller's thread,
 * holding the pipeline's lease so that one thread at a time consumes; {@link #close} then drains on the caller's
 * thread, waiting for a flush in progress no longer than the shutdown timeout and a short grace.
 * <p>
 * Nothing here ever throws into the application: every failure is logged, counted and reported in the stats.
 *
 * @since 0.1.0
 */
public final class ExportPipeline {

	/**
	 * The pipeline's settings.
	 *
	 * @param batchSize pending records that trigger a send
	 * @param maxBatchSize the most records in one batch
	 * @param maxBatchBytes the byte budget of one batch's body
	 * @param maxBatchDelay how long, once {@code batchSize} records are pending, the worker may wait for more to fill
	 * a batch of up to {@code maxBatchSize} before it sends
	 * @param flushInterval the longest time between two sends
	 * @param shutdownTimeout how long closing may take to drain
	 * @param maxRetention how long a record may wait to be delivered before it is dropped as expired
	 * @param lateAnswerWindow how long after an attempt without an answer the backend may still apply it
	 * @param refusalPause how long sending pauses after the backend refused the key or the endpoint
	 * @param debug whether failed attempts are logged at {@code WARNING}
	 */
	public record Settings(int batchSize, int maxBatchSize, int maxBatchBytes, Duration maxBatchDelay,
			Duration flushInterval,
			Duration shutdownTimeout, Duration maxRetention, Duration lateAnswerWindow, Duration refusalPause,
			boolean debug) {

		/**
		 * The records a whole batch holds: what the batch delay waits for, and what leaves after the first batch of a
		 * round. {@code maxBatchSize}, but at most half the queue (at least {@code batchSize}), so a queue smaller than
		 * the batch never fills up, and drops, while a batch fills.
		 * @param maxQueueSize the queue's bound
		 * @return the records of a whole batch
		 */
		int wholeBatch(int maxQueueSize) {
			return Math.min(this.maxBatchSize, Math.max(this.batchSize, maxQueueSize / 2));
		}

	}

	/**
	 * A view of the pipeline.
	 *
	 * @param status {@code UNKNOWN}, {@code UP} or {@code DOWN}
	 * @param pending the records pending
	 * @param maxQueueSize the queue's bound
	 * @param sent the records stored
	 * @param dropped the records dropped, by reason tag
	 * @param lastError the last error, if any
	 * @param lastSuccess when a batch was last stored
	 * @param lastFailure when an attempt last failed
	 */
	public record Stats(String status, int pending, int maxQueueSize, long sent, Map<String, Long> dropped,
			@Nullable String lastError, @Nullable Instant lastSuccess, @Nullable Instant lastFailure) {
	}

	private static final System.Logger logger = SdkLoggers.get(ExportPipeline.class.getName());

	/** How long past its shutdown deadline close() waits for a thread that is sending to let go. */
	private static final Duration STOP_GRACE = Duration.ofSeconds(2);

	/** How often a thread waiting for the lease looks whether closing began. */
	private static final long LEASE_POLL_MILLIS = 50;

	private final RecordQueue queue;

	private final IngestTransport transport;

	private volatile Settings settings;

	private final DeliveryHealth health;

	private final Delivery delivery;

	private final FailurePolicy policy;

	/** Held by whoever consumes: the worker for its whole life, or the caller of a synchronous flush. */
	private final Semaphore lease = new Semaphore(1);

	private final FlushRequests requests;

	private final PipelineShutdown shutdown;

	private final PipelineWorker loop;

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	private volatile @Nullable Thread worker;

	/** Set when {@link #close} gave up waiting for a synchronous flush: its caller finishes the shutdown. */
	private volatile boolean shutdownLeftToLeaseHolder;

	/**
	 * Creates a pipeline.
	 * @param queue the queue it consumes
	 * @param transport the transport of its attempts
	 * @param requestTimeout the longest one attempt may take, body included
	 * @param retryPolicy the backoff between attempts and the attempts of a synchronous flush
	 * @param settings the settings
	 * @param clock the clock of the stats' timestamps
	 */
	public ExportPipeline(RecordQueue queue, IngestTransport transport, Duration requestTimeout,
			RetryPolicy retryPolicy, Settings settings, Clock clock) {
		this.queue = queue;
		this.transport = transport;
		this.settings = settings;
		this.health = new DeliveryHealth(clock, settings.debug());
		this.policy = new FailurePolicy(retryPolicy);
		this.delivery = new Delivery(queue, new IngestExporter(transport, requestTimeout), this.policy, this.health,
				settings);
		this.requests = new FlushRequests(queue, this.delivery, this.health);
		this.shutdown = new PipelineShutdown(queue, this.delivery, this.health, this.requests, this::settings);
		this.loop = new PipelineWorker(queue, this.delivery, this.health, this.requests, this.shutdown,
				this::settings, this.terminated);
		queue.addListener(new QueueListener() {

			@Override
			public void onQueued(int pending) {
				if (ExportPipeline.this.worker != null) {
					ExportPipeline.this.loop.onQueued(pending);
				}
			}

		});
	}

	/**
	 * Returns the queue.
	 * @return the queue
	 */
	public RecordQueue queue() {
		return this.queue;
	}

	/**
	 * Returns the settings.
	 * @return the settings
	 */
	public Settings settings() {
		return this.settings;
	}

	/**
	 * Changes the settings, before the worker starts.
	 * @param settings the settings
	 * @throws IllegalStateException once started or closed
	 */
	public void configure(Settings settings) {
		// Under the lease, so that a synchronous flush never sees half of them; taken outside the monitor, so that
		// close() is not held up while a flush on another thread is on the wire.
		if (!awaitLeaseUninterruptibly()) {
			throw new IllegalStateException("The export pipeline was started or closed already");
		}
		try {
			synchronized (this) {
				if (this.worker != null || this.shutdown.isClosing()) {
					throw new IllegalStateException("The export pipeline was started or closed already");
				}
				this.settings = settings;
				this.delivery.configure(settings);
			}
		}
		finally {
			releaseLease();
		}
	}

	/**
	 * Starts the worker thread, once.
	 * @param threadName the thread's name
	 * @return {@code false} when it was started or closed already
	 */
	public boolean start(String threadName) {
		if (this.worker != null || this.shutdown.isClosing()) {
			return false;
		}
		// A synchronous flush on another thread ends first: then the worker is the one consumer. The worker holds
		// the lease for good.
		if (!awaitLeaseUninterruptibly()) {
			return false;
		}
		synchronized (this) {
			if (this.worker != null || this.shutdown.isClosing()) {
				releaseLease();
				return false;
			}
			Thread thread = new Thread(this.loop, threadName);
			thread.setDaemon(true);
			this.worker = thread;
			thread.start();
			return true;
		}
	}

	/**
	 * Takes the lease, waiting for a synchronous flush on another thread to end, unless closing begins or the worker
	 * starts meanwhile (it holds the lease for good). Not under the monitor, which {@link #close} needs.
	 * @return whether it took the lease
	 * @throws InterruptedException when interrupted while waiting
	 */
	private boolean awaitLease() throws InterruptedException {
		while (!this.shutdown.isClosing() && this.worker == null) {
			if (this.lease.tryAcquire(LEASE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
				return true;
			}
		}
		return false;
	}

	/** Like {@link #awaitLease()}, keeping an interrupt for the caller without giving up. */
	private boolean awaitLeaseUninterruptibly() {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return awaitLease();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Returns whether the worker thread runs.
	 * @return {@code true} between {@link #start} and the end of {@link #close}
	 */
	public boolean isStarted() {
		return this.worker != null && !this.terminated.isDone();
	}

	/**
	 * Returns whether {@link #close} was called.
	 * @return {@code true} once closing
	 */
	public boolean isClosed() {
		return this.shutdown.isClosing();
	}

	/**
	 * Asks the worker to send everything pending now.
	 * @param collectBatches whether the outcome lists the batches stored meanwhile
	 * @return completes when every record pending now left the queue, or an attempt failed; never exceptionally
	 */
	public CompletableFuture<FlushOutcome> requestFlush(boolean collectBatches) {
		if (this.shutdown.isClosing() || this.worker == null) {
			return CompletableFuture.completedFuture(FlushOutcome.nothing(this.queue.size()));
		}
		FlushWatch watch = new FlushWatch(collectBatches);
		this.requests.post(watch);
		this.loop.signal();
		if (this.shutdown.isClosing() || this.terminated.isDone()) {
			// Closing began meanwhile, maybe after the worker's last look at the requests: nobody may take it. Posted
			// before closing began, it is taken or failed by the worker's end.
			this.requests.withdraw(watch);
		}
		return watch.future();
	}

	/**
	 * Sends everything pending on the calling thread, each failing batch getting the retry policy's attempts; for a
	 * pipeline whose worker was never started. Waits for another thread's flush in progress first.
	 * @param collectBatches whether the outcome lists the batches stored
	 * @return the outcome
	 */
	public FlushOutcome flushNow(boolean collectBatches) {
		if (this.shutdown.isClosing() || this.worker != null) {
			return this.worker != null ? requestFlush(collectBatches).join() : FlushOutcome.nothing(this.queue.size());
		}
		boolean acquired;
		try {
			acquired = awaitLease();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new FlushOutcome(false, this.queue.size(), "interrupted", 0, 0, List.of(), 0, null);
		}
		if (!acquired) {
			// A flusher started while this waited (it sends now), or closing began.
			return (this.worker != null && !this.shutdown.isClosing()) ? requestFlush(collectBatches).join()
					: FlushOutcome.nothing(this.queue.size());
		}
		try {
			FlushWatch watch = new FlushWatch(collectBatches);
			this.delivery.watch(watch);
			if (!watch.isDone()) {
				this.delivery.round(true, Long.MAX_VALUE, this.policy.maxAttempts());
				this.delivery.failWatches();
			}
			return watch.future().join();
		}
		catch (RuntimeException | Error ex) {
			this.health.failed(IngestExporter.describe(ex));
			logger.log(Level.WARNING, "NorthStar flush failed unexpectedly", ex);
			return new FlushOutcome(false, this.queue.size(), this.health.lastError(), 0, 0, List.of(), 0, null);
		}
		finally {
			releaseLease();
		}
	}

	private void releaseLease() {
		this.lease.release();
		finishShutdownLeftToLeaseHolder();
	}

	/**
	 * Finishes a shutdown that {@link #close} left to the holder of the lease, when there is one and the lease is
	 * free: called by {@code close} after it asked, and by the holder after it released, so that whichever comes
	 * second finishes it, exactly once.
	 */
	private void finishShutdownLeftToLeaseHolder() {
		if (this.shutdownLeftToLeaseHolder && this.lease.tryAcquire()) {
			try {
				if (this.shutdownLeftToLeaseHolder) {
					this.shutdownLeftToLeaseHolder = false;
					this.shutdown.finish(false);
				}
			}
			finally {
				this.lease.release();
			}
		}
	}

	/**
	 * Drains what is pending within the shutdown timeout, then drops and counts what is left (logging one warning),
	 * and every record made later. While another thread's synchronous flush is sending, its attempt and its wait for
	 * a retry end at the deadline, and this waits up to {@link #STOP_GRACE} more for it to let go; should it not, it
	 * counts what is left itself when it does. Idempotent; never throws.
	 */
	public void close() {
		synchronized (this) {
			if (this.shutdown.isClosing()) {
				awaitTermination();
				return;
			}
			this.shutdown.begin();
		}
		if (this.worker != null) {
			this.loop.signal();
			awaitTermination();
			return;
		}
		boolean acquired;
		try {
			// The holder's attempt and retry wait end at the shutdown deadline: a little longer, and it has let go.
			acquired = this.lease.tryAcquire(this.settings.shutdownTimeout().plus(STOP_GRACE).toNanos(),
					TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			acquired = false;
		}
		if (!acquired) {
			// A flush on another thread is still on the wire: close the queue now, and let it finish the shutdown.
			this.queue.close();
			this.shutdownLeftToLeaseHolder = true;
			this.shutdown.log(this.queue.size());
			// It may have released the lease before it could see the request: then finish here.
			finishShutdownLeftToLeaseHolder();
			this.terminated.complete(null);
			return;
		}
		try {
			this.shutdown.drain();
			this.shutdown.finish(true);
		}
		finally {
			this.terminated.complete(null);
			this.lease.release();
		}
	}

	/**
	 * Returns the current state of the pipeline.
	 * @return the stats
	 */
	public Stats stats() {
		Map<String, Long> dropped = new LinkedHashMap<>();
		this.queue.droppedCounts().forEach((reason, count) -> dropped.put(reason.tag(), count));
		return new Stats(this.health.status().name(), this.queue.size(), this.queue.maxQueueSize(),
				this.queue.sentCount(), dropped, this.health.lastError(), this.health.lastSuccess(),
				this.health.lastFailure());
	}

	/**
	 * Returns the last batch the backend stored.
	 * @return the batch, empty before the first
	 */
	public Batch lastStored() {
		return this.delivery.lastStored();
	}

	private void awaitTermination() {
		try {
			this.terminated.get(this.settings.shutdownTimeout().plus(STOP_GRACE).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			logger.log(Level.WARNING, "NorthStar's export pipeline did not stop in time");
		}
	}

	@Override
	public String toString() {
		return "ExportPipeline[transport=" + this.transport + ", pending=" + this.queue.size() + "]";
	}

	/** For tests and diagnostics: the flush requests not yet taken. */
	List<FlushWatch> waitingRequests() {
		return this.requests.list();
	}

}
