package ai.northstar.benchmarks;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import ai.northstar.CaptureOptions;
import ai.northstar.FlushResult;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.Run;
import ai.northstar.Session;
import ai.northstar.internal.export.DropReason;
import ai.northstar.internal.export.RecordQueue;
import ai.northstar.internal.NorthstarInternals;
import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of recording one agent run ({@link RunShape}) on the application's thread, NorthStar against
 * OpenTelemetry's SDK, with 1 and 4 recording threads.
 * <p>
 * Both pipelines run their real background exporter and are kept in steady state, neither growing without bound
 * nor dropping: NorthStar's {@link NorthstarFlusher} (batches of 512, every 50 ms) sends to a transport that accepts
 * at once, so snapshotting and JSON serialization still happen on the flusher thread, the network does not;
 * OpenTelemetry's {@link BatchSpanProcessor}, in its defaults (queue 2048, batches of 512), exports to a no-op
 * exporter. Before each run, a recording thread that finds its pipeline's backlog above a high-water mark waits for
 * the exporter to catch up (flushing OpenTelemetry's processor if its backlog stands still: its worker waits for new
 * spans to complete a batch, which never come while every recording thread waits). The wait happens in an invocation-level setup, outside the measured time, so the score
 * is what recording costs the application's thread, as in production, where a thread never waits for the exporter.
 * The teardown prints what each pipeline delivered and dropped, the recording threads' own allocation, and the
 * sustained cost per run counting the waits ({@link RecordingProbe}): when the exporter cannot keep up, that is the
 * rate the whole pipeline sustains.
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 3)
public class RecordingBenchmark {

	/**
	 * Records one run through NorthStar, on one thread.
	 * @param thread this thread's session
	 * @return the run, so it is not optimized away
	 */
	@Benchmark
	@Threads(1)
	public Run northstar_1thread(NorthstarThread thread) {
		return RunShape.recordNorthstar(thread.session);
	}

	/**
	 * Records one run through NorthStar, on each of four threads.
	 * @param thread this thread's session
	 * @return the run, so it is not optimized away
	 */
	@Benchmark
	@Threads(4)
	public Run northstar_4threads(NorthstarThread thread) {
		return RunShape.recordNorthstar(thread.session);
	}

	/**
	 * Records the same shape through OpenTelemetry, on one thread.
	 * @param thread this thread's tracer
	 * @return the root span, so it is not optimized away
	 */
	@Benchmark
	@Threads(1)
	public Span otel_1thread(OpenTelemetryThread thread) {
		return RunShape.recordOpenTelemetry(thread.tracer);
	}

	/**
	 * Records the same shape through OpenTelemetry, on each of four threads.
	 * @param thread this thread's tracer
	 * @return the root span, so it is not optimized away
	 */
	@Benchmark
	@Threads(4)
	public Span otel_4threads(OpenTelemetryThread thread) {
		return RunShape.recordOpenTelemetry(thread.tracer);
	}

	/**
	 * A NorthStar client that records everything, with a background flusher sending to a transport that accepts
	 * every batch at once.
	 */
	@State(Scope.Benchmark)
	public static class NorthstarPipeline {

		/** Far above the high-water mark, so the queue never fills. */
		static final int MAX_QUEUE_SIZE = 50_000;

		static final int HIGH_WATER = 16_384;

		static final int LOW_WATER = 4_096;

		Northstar client;

		RecordQueue buffer;

		NorthstarFlusher flusher;

		/** Ended before the final flush, without the synchronous flush their {@code close()} does. */
		final Queue<Session> sessions = new ConcurrentLinkedQueue<>();

		final LongAdder bodies = new LongAdder();

		final LongAdder bodyBytes = new LongAdder();

		/**
		 * Builds the client and starts its flusher.
		 */
		@Setup(Level.Trial)
		public void start() {
			IngestTransport acceptAll = (body) -> {
				this.bodies.increment();
				this.bodyBytes.add(body.length);
				return CompletableFuture.completedFuture(new IngestResponse(200, "{\"accepted\":true}", null));
			};
			this.client = Northstar.builder()
				.apiKey("ns_bench")
				.endpoint("http://127.0.0.1:9/ingest")
				.capture(CaptureOptions.all())
				.maxQueueSize(MAX_QUEUE_SIZE)
				.transport(acceptAll)
				.build();
			this.buffer = NorthstarInternals.pipeline(this.client).queue();
			this.flusher = NorthstarFlusher.builder(this.client)
				.batchSize(512)
				.flushInterval(Duration.ofMillis(50))
				.build()
				.start();
		}

		/**
		 * Ends the sessions, drains, then prints what was delivered and dropped.
		 */
		@TearDown(Level.Trial)
		public void stop() {
			this.sessions.forEach(Session::end);
			FlushResult flushed = this.flusher.flush(Duration.ofSeconds(30));
			// close() drains what flush() may leave: see the README on flush() returning early.
			this.flusher.close();
			long sent = this.buffer.sentCount();
			Map<DropReason, Long> dropped = this.buffer.droppedCounts();
			long droppedTotal = dropped.values().stream().mapToLong(Long::longValue).sum();
			System.out.printf("%n[northstar] sent %,d records in %,d batches (%,d bytes per batch), dropped %,d %s,"
					+ " pending after close %,d; flush() returned %s%n[northstar] %s%n", sent, this.bodies.sum(),
					(this.bodies.sum() > 0) ? this.bodyBytes.sum() / this.bodies.sum() : 0, droppedTotal, dropped,
					this.buffer.size(), flushed, RecordingProbe.summary());
			if (droppedTotal > 0 || this.buffer.size() > 0) {
				System.out.println("[northstar] WARNING: records were dropped or left behind; the figures are not valid");
			}
		}

	}

	/**
	 * A recording thread's session (one per thread, as an application serving one conversation per thread would
	 * hold), and the wait for the flusher before each run.
	 */
	@State(Scope.Thread)
	public static class NorthstarThread {

		Session session;

		NorthstarPipeline pipeline;

		RecordingProbe probe;

		/**
		 * Opens the session.
		 * @param pipeline the client
		 * @param probe this thread's probe
		 */
		@Setup(Level.Trial)
		public void open(NorthstarPipeline pipeline, RecordingProbe probe) {
			this.pipeline = pipeline;
			this.probe = probe;
			this.session = pipeline.client.session();
			pipeline.sessions.add(this.session);
		}

		/**
		 * Counts the run about to be recorded; waits, unmeasured, while the flusher's backlog is too long.
		 */
		@Setup(Level.Invocation)
		public void beforeRun() {
			this.probe.recorded();
			RecordQueue buffer = this.pipeline.buffer;
			if (buffer.size() > NorthstarPipeline.HIGH_WATER) {
				// No nudge needed: the flusher keeps sending while a batch is pending, and wakes every 50 ms.
				this.probe.awaitBelow(buffer::size, NorthstarPipeline.LOW_WATER, () -> {
				});
			}
		}

	}

	/**
	 * OpenTelemetry's SDK with a {@link BatchSpanProcessor} in its default configuration exporting to a no-op
	 * exporter that only counts.
	 */
	@State(Scope.Benchmark)
	public static class OpenTelemetryPipeline {

		/** Half the processor's default queue of 2048 spans. */
		static final long HIGH_WATER = 1024;

		static final long LOW_WATER = 512;

		SdkTracerProvider provider;

		Tracer tracer;

		final CountingExporter exporter = new CountingExporter();

		final LongAdder recorded = new LongAdder();

		/**
		 * Builds the tracer provider.
		 */
		@Setup(Level.Trial)
		public void start() {
			this.provider = SdkTracerProvider.builder()
				.addSpanProcessor(BatchSpanProcessor.builder(this.exporter).build())
				.build();
			this.tracer = this.provider.get("ai.northstar.benchmarks");
		}

		/**
		 * Spans ended but not yet exported, queued or in the batch being exported.
		 */
		long backlog() {
			return this.recorded.sum() * RunShape.OTEL_SPANS_PER_RUN - this.exporter.exported.sum();
		}

		/**
		 * Drains, then prints what was exported and dropped.
		 */
		@TearDown(Level.Trial)
		public void stop() {
			this.provider.forceFlush().join(30, TimeUnit.SECONDS);
			long ended = this.recorded.sum() * RunShape.OTEL_SPANS_PER_RUN;
			long exported = this.exporter.exported.sum();
			this.provider.shutdown().join(30, TimeUnit.SECONDS);
			System.out.printf("%n[otel] exported %,d spans in %,d batches, dropped %,d%n[otel] %s%n", exported,
					this.exporter.batches.sum(), ended - exported, RecordingProbe.summary());
			if (ended != exported) {
				System.out.println("[otel] WARNING: spans were dropped; the figures are not valid");
			}
		}

	}

	/**
	 * A recording thread's tracer, and the wait for the batch processor before each run.
	 */
	@State(Scope.Thread)
	public static class OpenTelemetryThread {

		/** The backlog is summed every this many runs (a power of two): the sum reads every thread's counter. */
		static final int CHECK_EVERY = 16;

		Tracer tracer;

		OpenTelemetryPipeline pipeline;

		RecordingProbe probe;

		/**
		 * Takes the tracer.
		 * @param pipeline the tracer provider
		 * @param probe this thread's probe
		 */
		@Setup(Level.Trial)
		public void open(OpenTelemetryPipeline pipeline, RecordingProbe probe) {
			this.pipeline = pipeline;
			this.probe = probe;
			this.tracer = pipeline.tracer;
		}

		/**
		 * Counts the run about to be recorded; waits, unmeasured, while the processor's backlog is too long.
		 */
		@Setup(Level.Invocation)
		public void beforeRun() {
			this.pipeline.recorded.increment();
			if ((this.probe.recorded() & (CHECK_EVERY - 1)) == 0
					&& this.pipeline.backlog() > OpenTelemetryPipeline.HIGH_WATER) {
				// The processor's worker, waiting for a full batch, is woken only by a new span (or its 5 s timer):
				// with every recording thread here, that could be never, so a stalled backlog gets a flush.
				this.probe.awaitBelow(this.pipeline::backlog, OpenTelemetryPipeline.LOW_WATER,
						() -> this.pipeline.provider.forceFlush().join(10, TimeUnit.SECONDS));
			}
		}

	}

	/**
	 * An exporter that counts the spans it is given and does nothing else.
	 */
	static final class CountingExporter implements SpanExporter {

		final LongAdder exported = new LongAdder();

		final LongAdder batches = new LongAdder();

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.exported.add(spans.size());
			this.batches.increment();
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
