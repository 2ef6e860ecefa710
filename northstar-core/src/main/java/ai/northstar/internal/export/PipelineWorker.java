package ai.northstar.internal.export;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import ai.northstar.internal.SdkLoggers;

/**
 * The body of the pipeline's daemon thread: waits for work (a flush request, a batch, the interval, a retry, a late
 * answer), runs a round of the {@link Delivery}, and once closing, drains and shuts down. A failure in a round is
 * caught, logged and counted, and never ends the thread. The only state it shares is its wake-up signal.
 */
final class PipelineWorker implements Runnable {

	// Logged under the pipeline's name, which is what users configure.
	private static final System.Logger logger = SdkLoggers.get(ExportPipeline.class.getName());

	private final RecordQueue queue;

	private final Delivery delivery;

	private final DeliveryHealth health;

	private final FlushRequests requests;

	private final PipelineShutdown shutdown;

	private final Supplier<ExportPipeline.Settings> settings;

	private final CompletableFuture<Void> terminated;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wakeUp = this.lock.newCondition();

	private volatile boolean awake;

	/** Whether the worker waits for a batch to fill: set, it wants a signal only once a whole batch is pending. */
	private volatile boolean filling;

	PipelineWorker(RecordQueue queue, Delivery delivery, DeliveryHealth health, FlushRequests requests,
			PipelineShutdown shutdown, Supplier<ExportPipeline.Settings> settings, CompletableFuture<Void> terminated) {
		this.queue = queue;
		this.delivery = delivery;
		this.health = health;
		this.requests = requests;
		this.shutdown = shutdown;
		this.settings = settings;
		this.terminated = terminated;
	}

	/**
	 * Wakes the worker when a record queued makes a batch (or, while it waits for one to fill, a whole batch). Any
	 * thread; signals only when there is something new to do.
	 * @param pending the records pending now
	 */
	void onQueued(int pending) {
		if (this.health.consecutiveFailures() > 0) {
			return;
		}
		ExportPipeline.Settings settings = this.settings.get();
		if (pending >= settings.batchSize() && !this.awake) {
			signal();
		}
		else if (pending >= settings.wholeBatch(this.queue.maxQueueSize()) && this.filling) {
			this.filling = false;
			signal();
		}
	}

	/** Wakes the worker. Any thread. */
	void signal() {
		this.lock.lock();
		try {
			this.awake = true;
			this.wakeUp.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void run() {
		long nextDue = System.nanoTime() + this.settings.get().flushInterval().toNanos();
		try {
			while (!this.shutdown.isClosing()) {
				waitForWork(nextDue);
				if (this.shutdown.isClosing()) {
					break;
				}
				boolean requested = this.requests.handOver();
				long now = System.nanoTime();
				boolean due = now - nextDue >= 0;
				boolean retryDue = this.health.consecutiveFailures() > 0 && now - this.delivery.retryAtNanos() >= 0;
				try {
					Delivery.RoundEnd end = this.delivery.round(requested || due || retryDue, Long.MAX_VALUE, 1);
					if (end == Delivery.RoundEnd.DONE || due) {
						nextDue = System.nanoTime() + this.settings.get().flushInterval().toNanos();
					}
				}
				catch (RuntimeException ex) {
					this.health.failed(IngestExporter.describe(ex));
					this.delivery.failWatches();
					logger.log(Level.WARNING, "NorthStar's export pipeline failed; it keeps running", ex);
				}
			}
			this.shutdown.drain();
			this.shutdown.finish(true);
		}
		catch (Throwable ex) {
			logger.log(Level.ERROR, "NorthStar's export pipeline stopped unexpectedly", ex);
			this.shutdown.finish(true);
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
		ExportPipeline.Settings settings = this.settings.get();
		this.lock.lock();
		long fillUntil = 0;
		try {
			this.awake = false;
			while (!this.shutdown.isClosing() && this.requests.isEmpty()) {
				long now = System.nanoTime();
				boolean failing = this.health.consecutiveFailures() > 0;
				boolean paused = this.health.isPaused();
				long wakeAt = nextDue;
				int pending = this.queue.size();
				if (!failing && !paused && pending >= settings.batchSize()) {
					if (pending >= settings.wholeBatch(this.queue.maxQueueSize()) || settings.maxBatchDelay().isZero()) {
						break;
					}
					if (fillUntil == 0) {
						fillUntil = now + settings.maxBatchDelay().toNanos();
						// No signal per record while the batch fills: one when it is whole.
						this.awake = true;
						this.filling = true;
					}
					if (now - fillUntil >= 0) {
						break;
					}
					wakeAt = fillUntil;
				}
				if (paused && now - this.delivery.pausedUntilNanos() < 0) {
					wakeAt = this.delivery.pausedUntilNanos();
				}
				else if (failing && pending > 0) {
					// Also once a pause is over: a retry is due then, and only with something to send is it tried;
					// with nothing, waking would find nothing to do, again and again.
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

}
