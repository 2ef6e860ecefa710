package ai.northstar.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.Session;
import ai.northstar.transport.JdkHttpIngestTransport;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole pipeline, end to end, against OpenTelemetry's: recording the {@link RunShape} on the application's
 * thread, batching in the background, serializing and sending over loopback HTTP to the same {@link
 * SinkIngestServer}, which reads every byte. NorthStar: a default {@link NorthstarFlusher} and the JDK transport
 * (JSON). OpenTelemetry: its {@code BatchSpanProcessor} in its defaults but for a queue of {@value #MAX_BACKLOG}
 * spans (its default 2,048 drops spans at this rate while the JIT warms up), and the OTLP/HTTP exporter (protobuf,
 * not compressed) on its JDK sender.
 * <ul>
 * <li>{@code *AtFixedRate}: {@value #RUNS} runs offered at {@value #RATE} runs/s from one thread, until the sink has
 * received all of them. The teardown prints the CPU time per run summed over every thread of the process but the
 * sink's (from {@code ThreadMXBean}), and the bytes allocated per run likewise: the figure of the goal.</li>
 * <li>{@code *Sustained}: the same runs recorded as fast as the pipeline sustains (the recording thread waits,
 * untimed by nobody, whenever more than {@value #MAX_BACKLOG} records are not yet delivered), until the sink has
 * received all: the score is the time for {@value #RUNS} runs, so the rate is {@value #RUNS} divided by it.</li>
 * </ul>
 * Each invocation checks that every record arrived and none was dropped.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6)
@Measurement(iterations = 5)
@Fork(1)
public class EndToEndBenchmark {

	static final int RUNS = 10_000;

	static final int RATE = 2_000;

	static final int MAX_BACKLOG = 20_000;

	static final String KEY = "ns_bench";

	/** CPU and allocation of the threads that are not the sink's, between two calls. */
	static final class ThreadCosts {

		private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();

		private Map<Long, long[]> start = Map.of();

		void start() {
			this.start = read();
		}

		private final Map<String, Long> cpuByThread = new java.util.TreeMap<>();

		/** Returns {@code {cpu nanos, allocated bytes}} since {@link #start()}. */
		long[] since() {
			long cpu = 0;
			long allocated = 0;
			Map<Long, String> names = new HashMap<>();
			Thread.getAllStackTraces().keySet().forEach((thread) -> names.put(thread.getId(), thread.getName()));
			for (Map.Entry<Long, long[]> now : read().entrySet()) {
				long[] before = this.start.getOrDefault(now.getKey(), new long[2]);
				cpu += now.getValue()[0] - before[0];
				allocated += now.getValue()[1] - before[1];
				String name = names.getOrDefault(now.getKey(), "?").replaceAll("[0-9]+", "N");
				this.cpuByThread.merge(name, now.getValue()[0] - before[0], Long::sum);
			}
			return new long[] { cpu, allocated };
		}

		/** The CPU time of the measured invocations by thread name (digits folded), in milliseconds. */
		String byThread() {
			StringBuilder text = new StringBuilder();
			this.cpuByThread.forEach((name, nanos) -> {
				if (nanos > 1_000_000) {
					text.append(String.format("%n    %s: %,d ms", name, nanos / 1_000_000));
				}
			});
			return text.toString();
		}

		private Map<Long, long[]> read() {
			Map<Long, long[]> costs = new HashMap<>();
			for (Thread thread : Thread.getAllStackTraces().keySet()) {
				if (SinkIngestServer.isSinkThread(thread)) {
					continue;
				}
				long id = thread.getId();
				long cpu = this.threads.getThreadCpuTime(id);
				long allocated = this.threads.getThreadAllocatedBytes(id);
				if (cpu >= 0 && allocated >= 0) {
					costs.put(id, new long[] { cpu, allocated });
				}
			}
			return costs;
		}

	}

	/** One side's totals over the measured invocations. */
	static final class Totals {

		long invocations;

		long runs;

		long cpuNanos;

		long allocatedBytes;

		long sinkBytes;

		long sinkRequests;

		void add(long[] costs, long sinkBytes, long sinkRequests) {
			this.invocations++;
			this.runs += RUNS;
			this.cpuNanos += costs[0];
			this.allocatedBytes += costs[1];
			this.sinkBytes += sinkBytes;
			this.sinkRequests += sinkRequests;
		}

		String summary(String side) {
			return String.format("[%s] %,d runs in %,d invocations: CPU %,d ns/run (all threads but the sink's),"
					+ " allocated %,d B/run, %,d bytes on the wire per run in %,d requests", side, this.runs,
					this.invocations, (this.runs > 0) ? this.cpuNanos / this.runs : 0,
					(this.runs > 0) ? this.allocatedBytes / this.runs : 0, (this.runs > 0) ? this.sinkBytes / this.runs : 0,
					this.sinkRequests);
		}

	}

	/** The NorthStar pipeline. */
	@State(Scope.Benchmark)
	public static class NorthstarPipeline {

		SinkIngestServer sink;

		JdkHttpIngestTransport transport;

		Northstar client;

		NorthstarFlusher flusher;

		Session session;

		final ThreadCosts costs = new ThreadCosts();

		final Totals totals = new Totals();

		boolean measuring;

		/**
		 * Counts the costs of measurement iterations only.
		 * @param params the iteration
		 */
		@Setup(Level.Iteration)
		public void iteration(org.openjdk.jmh.infra.IterationParams params) {
			this.measuring = params.getType() == org.openjdk.jmh.runner.IterationType.MEASUREMENT;
		}

		/** Starts the sink and the pipeline. */
		@Setup(Level.Trial)
		public void start() {
			this.sink = new SinkIngestServer(KEY);
			this.transport = JdkHttpIngestTransport.builder().endpoint(this.sink.ingestUri()).apiKey(KEY).build();
			this.client = Northstar.builder()
				.apiKey(KEY)
				.endpoint(this.sink.ingestUri())
				.capture(CaptureOptions.all())
				.maxQueueSize(MAX_BACKLOG * 2)
				.transport(this.transport)
				.build();
			this.flusher = NorthstarFlusher.builder(this.client).registerShutdownHook(false).build().start();
			this.session = this.client.session();
			this.flusher.flush(Duration.ofSeconds(30));
		}

		long delivered() {
			return this.client.stats().sent() / RunShape.RECORDS_PER_RUN;
		}

		/** Prints the totals and checks that nothing was dropped. */
		@TearDown(Level.Trial)
		public void stop() {
			this.flusher.close();
			System.out.printf("%n%s; dropped %s; CPU by thread:%s%n", this.totals.summary("northstar"),
					this.client.stats().dropped(), this.costs.byThread());
			if (this.client.stats().droppedTotal() > 0) {
				System.out.println("[northstar] WARNING: records were dropped; the figures are not valid");
			}
			this.transport.close();
			this.sink.close();
		}

	}

	/** The OpenTelemetry pipeline. */
	@State(Scope.Benchmark)
	public static class OpenTelemetryPipeline {

		SinkIngestServer sink;

		SdkTracerProvider provider;

		Tracer tracer;

		final LongAdder exportedSpans = new LongAdder();

		final LongAdder failedSpans = new LongAdder();

		final ThreadCosts costs = new ThreadCosts();

		final Totals totals = new Totals();

		boolean measuring;

		/**
		 * Counts the costs of measurement iterations only.
		 * @param params the iteration
		 */
		@Setup(Level.Iteration)
		public void iteration(org.openjdk.jmh.infra.IterationParams params) {
			this.measuring = params.getType() == org.openjdk.jmh.runner.IterationType.MEASUREMENT;
		}

		/** Starts the sink and the pipeline. */
		@Setup(Level.Trial)
		public void start() {
			this.sink = new SinkIngestServer(KEY);
			SpanExporter otlp = OtlpHttpSpanExporter.builder()
				.setEndpoint(this.sink.otlpUri().toString())
				.addHeader("Authorization", "Bearer " + KEY)
				.build();
			SpanExporter counting = new SpanExporter() {

				@Override
				public CompletableResultCode export(Collection<SpanData> spans) {
					CompletableResultCode result = otlp.export(spans);
					int count = spans.size();
					result.whenComplete(() -> (result.isSuccess() ? OpenTelemetryPipeline.this.exportedSpans
							: OpenTelemetryPipeline.this.failedSpans).add(count));
					return result;
				}

				@Override
				public CompletableResultCode flush() {
					return otlp.flush();
				}

				@Override
				public CompletableResultCode shutdown() {
					return otlp.shutdown();
				}

			};
			this.provider = SdkTracerProvider.builder()
				// Its defaults, but a queue as deep as NorthStar's backlog bound, so that neither side drops.
				.addSpanProcessor(BatchSpanProcessor.builder(counting).setMaxQueueSize(MAX_BACKLOG).build())
				.build();
			this.tracer = this.provider.get("northstar-bench");
		}

		long delivered() {
			return this.exportedSpans.sum() / RunShape.OTEL_SPANS_PER_RUN;
		}

		/** Prints the totals. */
		@TearDown(Level.Trial)
		public void stop() {
			this.provider.shutdown().join(30, TimeUnit.SECONDS);
			System.out.printf("%n%s; failed spans %,d; CPU by thread:%s%n", this.totals.summary("otel"),
					this.failedSpans.sum(), this.costs.byThread());
			this.sink.close();
		}

	}

	/**
	 * Offers {@value #RUNS} runs at {@value #RATE} runs/s through NorthStar and waits until the sink has them all.
	 * @param pipeline the pipeline
	 */
	@Benchmark
	public void northstarAtFixedRate(NorthstarPipeline pipeline) {
		long delivered = pipeline.delivered();
		long bytes = pipeline.sink.bytes();
		long requests = pipeline.sink.requests();
		pipeline.costs.start();
		paced(() -> RunShape.recordNorthstar(pipeline.session));
		awaitDelivered(pipeline::delivered, delivered + RUNS, () -> pipeline.flusher.flush());
		if (pipeline.measuring) {
			pipeline.totals.add(pipeline.costs.since(), pipeline.sink.bytes() - bytes, pipeline.sink.requests() - requests);
		}
	}

	/**
	 * Offers the same runs through OpenTelemetry and waits until the sink has them all.
	 * @param pipeline the pipeline
	 */
	@Benchmark
	public void otelAtFixedRate(OpenTelemetryPipeline pipeline) {
		long delivered = pipeline.delivered();
		long bytes = pipeline.sink.bytes();
		long requests = pipeline.sink.requests();
		pipeline.costs.start();
		paced(() -> RunShape.recordOpenTelemetry(pipeline.tracer));
		awaitDelivered(pipeline::delivered, delivered + RUNS, () -> pipeline.provider.forceFlush());
		if (pipeline.measuring) {
			pipeline.totals.add(pipeline.costs.since(), pipeline.sink.bytes() - bytes, pipeline.sink.requests() - requests);
		}
	}

	/**
	 * Records {@value #RUNS} runs through NorthStar as fast as it delivers them.
	 * @param pipeline the pipeline
	 */
	@Benchmark
	public void northstarSustained(NorthstarPipeline pipeline) {
		long delivered = pipeline.delivered();
		for (int i = 0; i < RUNS; i++) {
			waitForBacklog(pipeline::delivered, delivered + i);
			RunShape.recordNorthstar(pipeline.session);
		}
		awaitDelivered(pipeline::delivered, delivered + RUNS, () -> pipeline.flusher.flush());
	}

	/**
	 * Records the same runs through OpenTelemetry as fast as it delivers them.
	 * @param pipeline the pipeline
	 */
	@Benchmark
	public void otelSustained(OpenTelemetryPipeline pipeline) {
		long delivered = pipeline.delivered();
		for (int i = 0; i < RUNS; i++) {
			waitForBacklog(pipeline::delivered, delivered + i);
			RunShape.recordOpenTelemetry(pipeline.tracer);
		}
		awaitDelivered(pipeline::delivered, delivered + RUNS, () -> pipeline.provider.forceFlush());
	}

	/** Records {@value #RUNS} runs, each at its slot of a {@value #RATE} runs/s schedule. */
	private static void paced(Runnable record) {
		long start = System.nanoTime();
		long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
		for (int i = 0; i < RUNS; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			record.run();
		}
	}

	/** Waits while more runs' records than the backlog bound are recorded and not yet delivered. */
	private static void waitForBacklog(LongSupplier delivered, long recorded) {
		while ((recorded - delivered.getAsLong()) * RunShape.RECORDS_PER_RUN > MAX_BACKLOG) {
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
		}
	}

	/** Asks once for what is pending to be sent, then waits until the sink has the target. */
	private static void awaitDelivered(LongSupplier delivered, long target, Runnable flush) {
		flush.run();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (delivered.getAsLong() < target) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("Delivered " + delivered.getAsLong() + " runs of " + target);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

}
