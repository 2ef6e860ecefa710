package ai.northstar.internal.export;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import ai.northstar.data.Batch;
import ai.northstar.internal.Durations;
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
 * thread, waiting for a flush in progress no longer than the shutdown timeout.
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

	private static final System.Logger logger = System.getLogger(ExportPipeline.class.getName());

	private final RecordQueue queue;

	private final IngestTransport transport;

	private volatile Settings settings;

	private final DeliveryHealth health;

	private final Delivery delivery;

	private final FailurePolicy policy;

	/** Held by whoever consumes: the worker for its whole life, or the caller of a synchronous flush. */
	private final Semaphore lease = new Semaphore(1);

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wakeUp = this.lock.newCondition();

	private final ConcurrentLinkedQueue<FlushWatch> requests = new ConcurrentLinkedQueue<>();

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	private volatile @Nullable Thread worker;

	private volatile boolean closing;

	private volatile long closeDeadlineNanos;

	/** Set when {@link #close} gave up waiting for a synchronous flush: its caller finishes the shutdown. */
	private volatile boolean shutdownLeftToLeaseHolder;

	private volatile boolean awake;

	/** Whether the worker waits for a batch to fill: set, it wants a signal only once a whole batch is pending. */
	private volatile boolean filling;

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
		queue.addListener(new QueueListener() {

			@Override
			public void onQueued(int pending) {
				ExportPipeline pipeline = ExportPipeline.this;
				if (pipeline.worker == null || pipeline.health.consecutiveFailures() > 0) {
					return;
				}
				if (pending >= pipeline.settings.batchSize() && !pipeline.awake) {
					signal();
				}
				else if (pending >= pipeline.settings.maxBatchSize() && pipeline.filling) {
					pipeline.filling = false;
					signal();
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
		synchronized (this) {
			if (this.worker != null || this.closing) {
				throw new IllegalStateException("The export pipeline was started or closed already");
			}
			this.lease.acquireUninterruptibly();
			try {
				this.settings = settings;
				this.delivery.configure(settings);
			}
			finally {
				this.lease.release();
			}
		}
	}

	/**
	 * Starts the worker thread, once.
	 * @param threadName the thread's name
	 * @return {@code false} when it was started or closed already
	 */
	public synchronized boolean start(String threadName) {
		if (this.worker != null || this.closing) {
			return false;
		}
		// A synchronous flush on another thread ends first: then the worker is the one consumer.
		this.lease.acquireUninterruptibly();
		Thread thread = new Thread(this::work, threadName);
		thread.setDaemon(true);
		this.worker = thread;
		thread.start();
		return true;
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
		return this.closing;
	}

	/**
	 * Asks the worker to send everything pending now.
	 * @param collectBatches whether the outcome lists the batches stored meanwhile
	 * @return completes when every record pending now left the queue, or an attempt failed; never exceptionally
	 */
	public CompletableFuture<FlushOutcome> requestFlush(boolean collectBatches) {
		if (this.closing || this.worker == null) {
			return CompletableFuture.completedFuture(FlushOutcome.nothing(this.queue.size()));
		}
		FlushWatch watch = new FlushWatch(collectBatches);
		this.requests.add(watch);
		signal();
		if (this.terminated.isDone()) {
			// The worker ended meanwhile: nobody will take it.
			this.requests.remove(watch);
			watch.complete(false, this.health.lastFailedAttempt(), this.queue.size());
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
		if (this.closing || this.worker != null) {
			return this.worker != null ? requestFlush(collectBatches).join() : FlushOutcome.nothing(this.queue.size());
		}
		try {
			this.lease.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new FlushOutcome(false, this.queue.size(), "interrupted", 0, 0, List.of(), 0, null);
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
		if (this.shutdownLeftToLeaseHolder) {
			this.shutdownLeftToLeaseHolder = false;
			finishShutdown(false);
		}
		this.lease.release();
	}

	/**
	 * Drains what is pending within the shutdown timeout, then drops and counts what is left (logging one warning),
	 * and every record made later. Idempotent; never throws.
	 */
	public void close() {
		synchronized (this) {
			if (this.closing) {
				awaitTermination();
				return;
			}
			this.closeDeadlineNanos = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
			this.delivery.stopBy(this.closeDeadlineNanos);
			this.closing = true;
		}
		if (this.worker != null) {
			signal();
			awaitTermination();
			return;
		}
		boolean acquired;
		try {
			acquired = this.lease.tryAcquire(this.settings.shutdownTimeout().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			acquired = false;
		}
		if (!acquired) {
			// A flush on another thread is still on the wire: close the queue now, and let it finish the shutdown.
			this.queue.close();
			this.shutdownLeftToLeaseHolder = true;
			logShutdown(this.queue.size());
			if (this.lease.tryAcquire()) {
				// It released the lease just before it could see the request: finish here.
				try {
					this.shutdownLeftToLeaseHolder = false;
					finishShutdown(false);
				}
				finally {
					this.lease.release();
				}
			}
			this.terminated.complete(null);
			return;
		}
		try {
			drainForShutdown();
			finishShutdown(true);
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
			this.terminated.get(this.settings.shutdownTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			logger.log(Level.WARNING, "NorthStar's export pipeline did not stop in time");
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
		long nextDue = System.nanoTime() + this.settings.flushInterval().toNanos();
		try {
			while (!this.closing) {
				waitForWork(nextDue);
				if (this.closing) {
					break;
				}
				boolean requested = takeRequests();
				long now = System.nanoTime();
				boolean due = now - nextDue >= 0;
				boolean retryDue = this.health.consecutiveFailures() > 0 && now - this.delivery.retryAtNanos() >= 0;
				try {
					Delivery.RoundEnd end = this.delivery.round(requested || due || retryDue, Long.MAX_VALUE, 1);
					if (end == Delivery.RoundEnd.DONE || due) {
						nextDue = System.nanoTime() + this.settings.flushInterval().toNanos();
					}
				}
				catch (RuntimeException ex) {
					this.health.failed(IngestExporter.describe(ex));
					this.delivery.failWatches();
					logger.log(Level.WARNING, "NorthStar's export pipeline failed; it keeps running", ex);
				}
			}
			drainForShutdown();
			finishShutdown(true);
		}
		catch (Throwable ex) {
			logger.log(Level.ERROR, "NorthStar's export pipeline stopped unexpectedly", ex);
			finishShutdown(true);
		}
		finally {
			this.terminated.complete(null);
		}
	}

	/**
	 * Waits until there is something to do: a request, a batch (once {@code batchSize} records are pending, a little
	 * longer, up to the batch delay, for a whole batch of {@code maxBatchSize}), the interval, a retry, a late answer.
	 */
	private void waitForWork(long nextDue) throws InterruptedException {
		this.lock.lock();
		long fillUntil = 0;
		try {
			this.awake = false;
			while (!this.closing && this.requests.isEmpty()) {
				long now = System.nanoTime();
				boolean failing = this.health.consecutiveFailures() > 0;
				boolean paused = this.health.isPaused();
				long wakeAt = nextDue;
				int pending = this.queue.size();
				if (!failing && !paused && pending >= this.settings.batchSize()) {
					if (pending >= this.settings.maxBatchSize() || this.settings.maxBatchDelay().isZero()) {
						break;
					}
					if (fillUntil == 0) {
						fillUntil = now + this.settings.maxBatchDelay().toNanos();
						// No signal per record while the batch fills: one when it is whole.
						this.awake = true;
						this.filling = true;
					}
					if (now - fillUntil >= 0) {
						break;
					}
					wakeAt = fillUntil;
				}
				if (paused) {
					wakeAt = this.delivery.pausedUntilNanos();
				}
				else if (failing && this.queue.size() > 0) {
					wakeAt = this.delivery.retryAtNanos();
				}
				long late = this.delivery.nextLateCheckNanos();
				if (late != Long.MAX_VALUE && late - wakeAt < 0) {
					wakeAt = late;
				}
				long wait = wakeAt - now;
				if (wait <= 0) {
					break;
				}
				this.wakeUp.awaitNanos(wait);
			}
			this.awake = true;
			this.filling = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Takes the flush requests posted since the last round. While sending is paused they complete at once, as
	 * failed: waiting would only hold their callers.
	 * @return whether there was any
	 */
	private boolean takeRequests() {
		boolean any = false;
		for (FlushWatch watch = this.requests.poll(); watch != null; watch = this.requests.poll()) {
			any = true;
			this.delivery.watch(watch);
		}
		if (any && this.health.isPaused() && System.nanoTime() - this.delivery.pausedUntilNanos() < 0) {
			this.delivery.failWatches();
		}
		return any;
	}

	/** Sends what is pending until the close deadline, retrying failures with backoff meanwhile. */
	private void drainForShutdown() {
		long deadline = this.closeDeadlineNanos;
		try {
			takeRequests();
			while (System.nanoTime() - deadline < 0) {
				Delivery.RoundEnd end = this.delivery.round(true, deadline, Integer.MAX_VALUE);
				if (end != Delivery.RoundEnd.FAILED) {
					break;
				}
				long wait = Math.min(this.delivery.retryAtNanos(), deadline) - System.nanoTime();
				if (wait > 0) {
					java.util.concurrent.locks.LockSupport.parkNanos(wait);
				}
			}
		}
		catch (RuntimeException ex) {
			this.health.failed(IngestExporter.describe(ex));
		}
	}

	/** Drops and counts what is left, logs it once, and completes what still waits. */
	private void finishShutdown(boolean log) {
		int dropped;
		try {
			dropped = this.delivery.dropAllForShutdown();
		}
		catch (RuntimeException ex) {
			dropped = this.queue.size();
			this.queue.close();
		}
		for (FlushWatch watch = this.requests.poll(); watch != null; watch = this.requests.poll()) {
			watch.complete(false, this.health.lastFailedAttempt(), this.queue.size());
		}
		if (log) {
			logShutdown(dropped);
		}
	}

	private void logShutdown(int notSent) {
		if (notSent > 0) {
			String error = this.health.lastError();
			logger.log(Level.WARNING, "NorthStar shut down with {0} records not sent within {1} (last error: {2})",
					notSent, Durations.format(this.settings.shutdownTimeout()), (error != null) ? error : "none");
		}
	}

	@Override
	public String toString() {
		return "ExportPipeline[transport=" + this.transport + ", pending=" + this.queue.size() + "]";
	}

	/** For tests and diagnostics: the flush requests not yet taken. */
	List<FlushWatch> waitingRequests() {
		return new ArrayList<>(this.requests);
	}

}
