package ai.northstar.internal.export;

import java.lang.System.Logger.Level;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import ai.northstar.internal.Durations;
import ai.northstar.internal.SdkLoggers;

/**
 * How a pipeline ends: once closing begins, it drains what is pending until the shutdown deadline, retrying failures
 * with backoff meanwhile, then drops and counts what is left as {@code shutdown} and logs it in one warning. Run by
 * the consumer (the worker, or the caller of {@code close} holding the lease); {@link #isClosing()} is read by any
 * thread.
 */
final class PipelineShutdown {

	// Logged under the pipeline's name, which is what users configure.
	private static final System.Logger logger = SdkLoggers.get(ExportPipeline.class.getName());

	private final RecordQueue queue;

	private final Delivery delivery;

	private final DeliveryHealth health;

	private final FlushRequests requests;

	private final Supplier<ExportPipeline.Settings> settings;

	private volatile boolean closing;

	private volatile long deadlineNanos;

	PipelineShutdown(RecordQueue queue, Delivery delivery, DeliveryHealth health, FlushRequests requests,
			Supplier<ExportPipeline.Settings> settings) {
		this.queue = queue;
		this.delivery = delivery;
		this.health = health;
		this.requests = requests;
		this.settings = settings;
	}

	boolean isClosing() {
		return this.closing;
	}

	/** Starts closing: every round and attempt now ends by the shutdown deadline. Under the pipeline's monitor. */
	void begin() {
		this.deadlineNanos = System.nanoTime() + this.settings.get().shutdownTimeout().toNanos();
		this.delivery.stopBy(this.deadlineNanos);
		this.closing = true;
	}

	/** Sends what is pending until the close deadline, retrying failures with backoff meanwhile. */
	void drain() {
		long deadline = this.deadlineNanos;
		try {
			this.requests.handOver();
			while (System.nanoTime() - deadline < 0) {
				Delivery.RoundEnd end = this.delivery.round(true, deadline, Integer.MAX_VALUE);
				if (end != Delivery.RoundEnd.FAILED) {
					break;
				}
				long wait = Math.min(this.delivery.retryAtNanos(), deadline) - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
			}
		}
		catch (RuntimeException ex) {
			this.health.failed(IngestExporter.describe(ex));
		}
	}

	/**
	 * Drops and counts what is left, and completes what still waits.
	 * @param log whether to log what was not sent (else the caller did)
	 */
	void finish(boolean log) {
		int dropped;
		try {
			dropped = this.delivery.dropAllForShutdown();
		}
		catch (RuntimeException ex) {
			dropped = this.queue.size();
			this.queue.close();
		}
		this.requests.failAll();
		if (log) {
			log(dropped);
		}
	}

	/**
	 * Logs, once, the records not sent.
	 * @param notSent how many; nothing is logged for none
	 */
	void log(int notSent) {
		if (notSent > 0) {
			String error = this.health.lastError();
			// The count as text: as a number it would be grouped by locale ("1,200").
			logger.log(Level.WARNING, "NorthStar shut down with {0} records not sent within {1} (last error: {2})",
					String.valueOf(notSent), Durations.format(this.settings.get().shutdownTimeout()),
					(error != null) ? error : "none");
		}
	}

}
