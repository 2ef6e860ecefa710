package ai.northstar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import ai.northstar.data.Batch;
import ai.northstar.data.EventData;
import ai.northstar.data.PromptLinkData;
import ai.northstar.data.RunData;
import ai.northstar.data.ScoreData;
import ai.northstar.data.SessionData;
import ai.northstar.data.SpanData;
import ai.northstar.internal.export.ExportPipeline;
import ai.northstar.internal.export.FlushOutcome;
import ai.northstar.internal.export.RecordQueue;
import org.jspecify.annotations.Nullable;

/**
 * The client's flush methods over its export pipeline: with a started flusher they ask it and wait (or not); without
 * one they send on the calling thread, or on a daemon thread of their own, created at the first asynchronous call.
 * Turns what the pipeline achieved into the stored batches, the {@link NorthstarException} of a failed synchronous
 * flush, or a {@link FlushResult}.
 */
final class ClientFlush {

	/** The name of the thread of asynchronous flushes without a flusher. */
	static final String ASYNC_THREAD_NAME = "northstar-flush-async";

	private final ExportPipeline pipeline;

	private final RecordQueue queue;

	private final boolean enabled;

	private final BooleanSupplier closed;

	private final Object executorLock = new Object();

	private volatile @Nullable ExecutorService asyncExecutor;

	ClientFlush(ExportPipeline pipeline, RecordQueue queue, boolean enabled, BooleanSupplier closed) {
		this.pipeline = pipeline;
		this.queue = queue;
		this.enabled = enabled;
		this.closed = closed;
	}

	/** See {@link Northstar#flush()}. */
	Batch flush() {
		return toBatch(outcome(true));
	}

	/** See {@link Northstar#flushAsync()}. */
	CompletableFuture<Batch> flushAsync() {
		if (this.pipeline.isStarted()) {
			return this.pipeline.requestFlush(true).thenApply(ClientFlush::toBatch);
		}
		return inBackground(true).thenApply(ClientFlush::toBatch);
	}

	/** See {@link Northstar#flush(Duration)}. */
	FlushResult flush(Duration timeout) {
		CompletableFuture<FlushOutcome> outcome = this.pipeline.isStarted() ? this.pipeline.requestFlush(false)
				: inBackground(false);
		try {
			return FlushResult.of(outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new FlushResult(false, this.queue.size(), "interrupted", 0, 0);
		}
		catch (ExecutionException | TimeoutException ex) {
			String error = this.pipeline.stats().lastError();
			return new FlushResult(false, this.queue.size(), (error != null) ? error : "timed out", 0, 0);
		}
	}

	/** Sends what a closing session handed over: in the background with a flusher, else now. */
	void onSessionClose() {
		if (this.pipeline.isStarted()) {
			this.pipeline.requestFlush(false);
		}
		else {
			flush();
		}
	}

	/** Stops the thread of asynchronous flushes, if one was created. */
	void close() {
		ExecutorService executor = this.asyncExecutor;
		if (executor != null) {
			executor.shutdown();
		}
	}

	private FlushOutcome outcome(boolean collectBatches) {
		if (!this.enabled || this.closed.getAsBoolean()) {
			return FlushOutcome.nothing(this.queue.size());
		}
		return this.pipeline.isStarted() ? this.pipeline.requestFlush(collectBatches).join()
				: this.pipeline.flushNow(collectBatches);
	}

	/** Flushes on the thread of asynchronous flushes; after close, at once, with nothing to send. */
	private CompletableFuture<FlushOutcome> inBackground(boolean collectBatches) {
		if (!this.enabled || this.closed.getAsBoolean()) {
			return CompletableFuture.completedFuture(FlushOutcome.nothing(this.queue.size()));
		}
		try {
			return CompletableFuture.supplyAsync(() -> outcome(collectBatches), asyncExecutor());
		}
		catch (RejectedExecutionException ex) {
			// Closed meanwhile: close() sent or counted what was pending.
			return CompletableFuture.completedFuture(FlushOutcome.nothing(this.queue.size()));
		}
	}

	private static Batch toBatch(FlushOutcome outcome) {
		if (!outcome.completed() && outcome.lastError() != null && outcome.remaining() > 0) {
			throw new NorthstarException("NorthStar did not store what was pending (" + outcome.lastError() + "); "
					+ outcome.remaining() + " records stay pending and are sent again", outcome.lastStatus(),
					outcome.serverError());
		}
		return merge(outcome.batches());
	}

	private static Batch merge(List<Batch> batches) {
		if (batches.isEmpty()) {
			return Batch.empty();
		}
		if (batches.size() == 1) {
			return batches.get(0);
		}
		List<SessionData> sessions = new ArrayList<>();
		List<RunData> runs = new ArrayList<>();
		List<SpanData> spans = new ArrayList<>();
		List<EventData> events = new ArrayList<>();
		List<ScoreData> scores = new ArrayList<>();
		List<PromptLinkData> links = new ArrayList<>();
		for (Batch batch : batches) {
			sessions.addAll(batch.sessions());
			runs.addAll(batch.runs());
			spans.addAll(batch.spans());
			events.addAll(batch.events());
			scores.addAll(batch.scores());
			links.addAll(batch.promptLinks());
		}
		return new Batch(Batch.SCHEMA_VERSION, sessions, runs, spans, events, scores, links);
	}

	private ExecutorService asyncExecutor() {
		ExecutorService executor = this.asyncExecutor;
		if (executor == null) {
			synchronized (this.executorLock) {
				executor = this.asyncExecutor;
				if (executor == null) {
					executor = Executors.newSingleThreadExecutor((task) -> {
						Thread thread = new Thread(task, ASYNC_THREAD_NAME);
						thread.setDaemon(true);
						return thread;
					});
					this.asyncExecutor = executor;
				}
			}
		}
		return executor;
	}

}
