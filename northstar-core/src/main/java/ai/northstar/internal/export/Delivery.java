package ai.northstar.internal.export;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import ai.northstar.data.Batch;
import org.jspecify.annotations.Nullable;

/**
 * The consumer's work: cuts the oldest pending records into batches, makes the attempts, and settles every record
 * with what the {@link FailurePolicy} says. One thread at a time (the pipeline worker, or the caller of a
 * synchronous flush holding the pipeline's lease); nothing here is locked while a batch is on the wire.
 * <p>
 * While one batch is on the wire the next is cut and serialized, and sent only if the first was stored. A batch the
 * backend refuses ({@code 400}, {@code 413}) is sent again in halves, down to single records, and a single record it
 * refuses is dropped; a {@code 413} also lowers the byte budget of later batches. A state that travelled in an
 * attempt without an answer may still be applied by the backend later, over a newer one: such a record is sent once
 * more, in its latest state, once the late-answer window has passed.
 */
final class Delivery implements PendingRecords.Observer {

	/** How a round of sending ended. */
	enum RoundEnd {

		/** Nothing (or, when not draining, too little) is left to send. */
		DONE,

		/** An attempt failed; the records are kept and tried again after {@link Delivery#retryAtNanos()}. */
		FAILED,

		/** The backend refuses everything for now; sending resumes after {@link Delivery#pausedUntilNanos()}. */
		PAUSED,

		/** The deadline passed. */
		DEADLINE

	}

	/** The smallest byte budget a {@code 413} can lower batches to. */
	static final int MIN_BATCH_BYTES = 16 * 1024;

	private final RecordQueue queue;

	private final PendingRecords pending;

	private final BatchCutter cutter = new BatchCutter();

	private final IngestExporter exporter;

	private final FailurePolicy policy;

	private final DeliveryHealth health;

	private ExportPipeline.Settings settings;

	/** The most records of the next batches while a refused batch is being narrowed down; {@code 0} when none. */
	private int splitLimit;

	private int byteLimit;

	private long retryAtNanos;

	private long pausedUntilNanos;

	/** Whether the last attempt failed or was refused (its key, its endpoint), so that the next one is a retry. */
	private boolean lastAttemptFailed;

	private final LateAnswers late;

	private final FlushWatches watches;

	private volatile Batch lastStored = Batch.empty();

	/** When everything must stop, whatever the round's own deadline: set by closing. */
	private volatile long hardDeadlineNanos = Long.MAX_VALUE;

	private final LongSupplier hardDeadline = () -> this.hardDeadlineNanos;

	/** The thread waiting for a retry in a round, woken when the hard deadline changes. */
	private volatile @Nullable Thread pausing;

	Delivery(RecordQueue queue, IngestExporter exporter, FailurePolicy policy, DeliveryHealth health,
			ExportPipeline.Settings settings) {
		this.queue = queue;
		this.pending = new PendingRecords(queue, this);
		this.exporter = exporter;
		this.policy = policy;
		this.health = health;
		this.late = new LateAnswers(queue);
		this.watches = new FlushWatches(queue, health);
		this.settings = settings;
		this.byteLimit = settings.maxBatchBytes();
	}

	@Override
	public void left(ExportRecord record, @Nullable DropReason dropped) {
		this.watches.left(record, dropped);
	}

	/** Changes the settings; the caller holds the pipeline's lease. */
	void configure(ExportPipeline.Settings settings) {
		this.settings = settings;
		this.byteLimit = settings.maxBatchBytes();
	}

	/** Makes every round and attempt end by the given time ({@link System#nanoTime()}). Any thread. */
	void stopBy(long deadlineNanos) {
		this.hardDeadlineNanos = deadlineNanos;
		Thread paused = this.pausing;
		if (paused != null) {
			LockSupport.unpark(paused);
		}
	}

	long retryAtNanos() {
		return this.retryAtNanos;
	}

	long pausedUntilNanos() {
		return this.pausedUntilNanos;
	}

	/** When the earliest late-answer window ends, or {@code Long.MAX_VALUE}. */
	long nextLateCheckNanos() {
		return this.late.nextCheckNanos();
	}

	int byteLimit() {
		return this.byteLimit;
	}

	Batch lastStored() {
		return this.lastStored;
	}

	/** Takes a flush request: it waits for the records pending now. */
	void watch(FlushWatch watch) {
		prepare(System.nanoTime());
		this.watches.add(watch, this.pending);
	}

	/**
	 * Sends batches until nothing is left (or, unless draining, fewer than a batch), an attempt fails, or the
	 * deadline passes.
	 * @param drainAll whether to send everything, not only full batches
	 * @param deadlineNanos when to stop, as {@link System#nanoTime()}
	 * @param attempts the attempts a failing batch gets in this round, pausing between them
	 * @return how the round ended
	 */
	RoundEnd round(boolean drainAll, long roundDeadlineNanos, int attempts) {
		OutgoingBatch ahead = null;
		int failures = 0;
		int sent = 0;
		try {
			while (true) {
				long now = System.nanoTime();
				long deadlineNanos = Deadlines.earlier(roundDeadlineNanos, this.hardDeadlineNanos);
				prepare(now);
				if (this.health.isPaused() && now - this.pausedUntilNanos < 0) {
					return RoundEnd.PAUSED;
				}
				if (Deadlines.passed(now, deadlineNanos)) {
					return RoundEnd.DEADLINE;
				}
				// Not draining, the batch that woke the worker goes; after it, only whole batches, so the rest waits for
				// the batch delay to fill one rather than leave in a small request.
				int whole = this.settings.wholeBatch(this.queue.maxQueueSize());
				int enough = (sent == 0) ? this.settings.batchSize() : whole;
				if (!drainAll && ahead == null && this.pending.size() < enough) {
					return RoundEnd.DONE;
				}
				OutgoingBatch batch = (ahead != null) ? ahead : cut();
				ahead = null;
				if (batch == null) {
					continue;
				}
				if (batch.isEmpty()) {
					this.watches.completeSettled();
					return RoundEnd.DONE;
				}
				QueueListener listener = this.queue.listener();
				if (this.lastAttemptFailed) {
					Guard.run(listener::onRetry);
				}
				CompletableFuture<AttemptResult> attempt = this.exporter.attempt(batch.body(),
						Deadlines.remaining(now, deadlineNanos));
				if (drainAll || this.pending.size() - batch.size() >= whole) {
					ahead = cutAhead();
				}
				AttemptResult result = this.exporter.await(attempt, this.hardDeadline);
				if (!result.answered() && this.health.consecutiveFailures() > 0
						&& Deadlines.passed(System.nanoTime(), this.hardDeadlineNanos)) {
					// Cut short by the shutdown deadline while the backend was failing: the shutdown warning reports
					// the backend's last error, not this abandoned attempt.
					BatchCutter.unmark(batch);
					return RoundEnd.DEADLINE;
				}
				FailurePolicy.Verdict verdict = this.policy.classify(result);
				this.lastAttemptFailed = (verdict == FailurePolicy.Verdict.RETRY)
						|| (verdict == FailurePolicy.Verdict.PAUSE);
				String tag = outcomeTag(verdict, result);
				Guard.run(() -> listener.onAttempt(tag, result.nanos(), batch.size()));
				if (verdict == FailurePolicy.Verdict.STORED) {
					stored(batch);
					sent++;
					continue;
				}
				BatchCutter.unmark(batch);
				if (ahead != null) {
					BatchCutter.unmark(ahead);
					ahead = null;
				}
				switch (verdict) {
					case SPLIT -> refused(batch, result);
					case PAUSE -> {
						this.health.paused(result);
						this.pausedUntilNanos = System.nanoTime() + this.settings.refusalPause().toNanos();
						failWatches();
						return RoundEnd.PAUSED;
					}
					default -> {
						this.late.attemptUnanswered(batch, result, this.settings.lateAnswerWindow().toNanos());
						failures++;
						Duration delay = this.policy.backoff(this.health.consecutiveFailures() + 1, result.retryAfter());
						this.retryAtNanos = System.nanoTime() + delay.toNanos();
						boolean retried = !Deadlines.passed(this.retryAtNanos, this.hardDeadlineNanos);
						this.health.failed(result, batch.size(), retried ? delay : null);
						if (failures >= attempts || Deadlines.passed(this.retryAtNanos, deadlineNanos)) {
							failWatches();
							return RoundEnd.FAILED;
						}
						if (!pauseUntilRetry()) {
							return RoundEnd.DEADLINE;
						}
					}
				}
			}
		}
		finally {
			if (ahead != null) {
				BatchCutter.unmark(ahead);
			}
		}
	}

	/** Moves in what was admitted, re-sends what a late answer could have overwritten, drops what expired. */
	private void prepare(long now) {
		this.pending.drain(now);
		this.late.resendDue(now);
		this.pending.drain(now);
		if (this.pending.expire(now, this.settings.maxRetention().toNanos()) > 0) {
			this.watches.completeSettled();
		}
	}

	private @Nullable OutgoingBatch cut() {
		int maxRecords = (this.splitLimit > 0) ? Math.min(this.splitLimit, this.settings.maxBatchSize())
				: this.settings.maxBatchSize();
		try {
			return this.cutter.cut(this.pending, maxRecords, this.byteLimit);
		}
		catch (RuntimeException | Error ex) {
			unserializable(ex, maxRecords);
			return null;
		}
	}

	private @Nullable OutgoingBatch cutAhead() {
		try {
			OutgoingBatch next = this.cutter.cut(this.pending, this.settings.maxBatchSize(), this.byteLimit);
			return next.isEmpty() ? null : next;
		}
		catch (RuntimeException | Error ex) {
			// Only means nothing is ready ahead: the next cut meets the failure itself, and deals with it.
			return null;
		}
	}

	/**
	 * A batch could not be snapshotted or serialized (a value that cannot be written): narrow it down like a refused
	 * batch, and drop the single record that cannot be written.
	 */
	private void unserializable(Throwable failure, int maxRecords) {
		String error = IngestExporter.describe(failure);
		this.health.failed("could not serialize a batch: " + error);
		if (maxRecords > 1) {
			this.splitLimit = Math.max(1, maxRecords / 2);
			return;
		}
		Iterator<ExportRecord> oldest = this.pending.inOrder().iterator();
		while (oldest.hasNext()) {
			ExportRecord record = oldest.next();
			if (record.inFlightSerial == 0) {
				this.health.rejected(record, new AttemptResult(0, false, "could not serialize: " + error, null, 0));
				this.pending.drop(record, DropReason.REJECTED);
				this.splitLimit = 0;
				this.watches.completeSettled();
				return;
			}
		}
	}

	private void stored(OutgoingBatch batch) {
		long now = System.nanoTime();
		List<ExportRecord> records = batch.records();
		int left = 0;
		for (int i = 0; i < records.size(); i++) {
			ExportRecord record = records.get(i);
			if (this.pending.accepted(record, batch.versions()[i])) {
				left++;
			}
			if (record.kind().isMutable()) {
				this.late.stored(record, now);
			}
		}
		this.queue.countSent(left);
		this.health.stored();
		this.lastStored = batch.batch();
		this.watches.stored(batch.batch());
		this.watches.completeSettled();
	}

	/** The backend refused the batch's content: narrow it down, and drop a single record it refuses. */
	private void refused(OutgoingBatch batch, AttemptResult result) {
		if (FailurePolicy.isTooLarge(result)) {
			this.byteLimit = Math.max(MIN_BATCH_BYTES, Math.min(this.byteLimit, batch.body().length / 2));
		}
		if (batch.size() > 1) {
			this.splitLimit = Math.max(1, batch.size() / 2);
			return;
		}
		ExportRecord record = batch.records().get(0);
		this.health.rejected(record, result);
		this.pending.drop(record, DropReason.REJECTED);
		this.splitLimit = 0;
		this.watches.completeSettled();
	}

	/**
	 * Waits until the retry is due, or until the hard deadline, which {@link #stopBy} may bring forward meanwhile.
	 * The caller of a synchronous flush waits here too; a {@code stopBy} racing the end of the wait may leave it one
	 * spurious wake-up from {@link LockSupport#park}, which every caller of {@code park} must tolerate.
	 * @return whether the retry is due: {@code false} when interrupted or stopped
	 */
	private boolean pauseUntilRetry() {
		this.pausing = Thread.currentThread();
		try {
			while (true) {
				long now = System.nanoTime();
				if (Deadlines.passed(now, this.hardDeadlineNanos) || Thread.currentThread().isInterrupted()) {
					return false;
				}
				if (Deadlines.passed(now, this.retryAtNanos)) {
					return true;
				}
				LockSupport.parkNanos(this, Deadlines.earlier(this.retryAtNanos, this.hardDeadlineNanos) - now);
			}
		}
		finally {
			this.pausing = null;
		}
	}

	/** Completes every flush request with the failure: their records are kept, and retried. */
	void failWatches() {
		this.watches.completeAll(false);
	}

	/**
	 * Drops everything still pending (and everything admitted until the queue closed) as {@code shutdown}, and
	 * completes the flush requests.
	 * @return how many records were dropped
	 */
	int dropAllForShutdown() {
		this.queue.close();
		this.pending.drain(System.nanoTime());
		int dropped = this.pending.dropAll(DropReason.SHUTDOWN);
		this.watches.completeAll(true);
		this.late.clear();
		return dropped;
	}

	private static String outcomeTag(FailurePolicy.Verdict verdict, AttemptResult result) {
		return switch (verdict) {
			case STORED -> "success";
			case RETRY -> "retryable_failure";
			case SPLIT -> "rejected";
			case PAUSE -> FailurePolicy.isUnauthorized(result) ? "unauthorized" : "refused";
		};
	}

}
