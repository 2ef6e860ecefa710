package ai.northstar.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.Session;
import ai.northstar.data.Batch;
import ai.northstar.internal.NorthstarInternals;
import ai.northstar.internal.export.DropReason;
import ai.northstar.internal.export.WireFormat;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.LocalStore;
import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.JdkHttpIngestTransport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The background flusher's sustained throughput, in records per second, against its ceiling.
 * <p>
 * {@code flusherToSink}: {@value #RUNS} runs ({@link RunShape}, {@value #RECORDS} records with their session) are
 * recorded before each invocation, untimed; the timed part starts a {@link NorthstarFlusher} with its defaults
 * (a send at {@value NorthstarFlusher#DEFAULT_BATCH_SIZE} pending records, batches of up to
 * {@value NorthstarFlusher#DEFAULT_MAX_BATCH_SIZE}) and closes it, which returns once everything pending was
 * accepted over loopback HTTP by a {@link SinkIngestServer}, an endpoint that reads every byte and answers at once,
 * standing for a backend on another machine.
 * <p>
 * {@code flusher}: the same to a {@link LocalIngestServer}, which parses, validates and stores every batch on the
 * same two cores; each invocation checks that all {@value #RECORDS} records were stored.
 * <p>
 * {@code flusherNoNetwork}: the same, but to a transport that accepts every batch at once, so what remains is the
 * flusher's own work (cutting batches, snapshotting, serializing, settling).
 * <p>
 * {@code serializationCeiling}: the same batches (captured from a flusher once, then read back) written with
 * {@link WireFormat#write(Batch)} and nothing else, the least work any sender must do per record.
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 4, time = 3)
@Threads(1)
public class FlusherBenchmark {

	/** Runs recorded per invocation. */
	static final int RUNS = 2_000;

	/** Records sent per invocation: every run's records and their one session. */
	static final int RECORDS = RUNS * RunShape.RECORDS_PER_RUN + 1;

	/**
	 * Sends {@value #RECORDS} pending records to a loopback server through a flusher.
	 * @param state the recorded client
	 */
	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public void flusher(LoopbackState state) {
		drain(state.client);
	}

	/**
	 * Sends {@value #RECORDS} pending records to a loopback endpoint that only reads them, through a flusher.
	 * @param state the recorded client
	 */
	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public void flusherToSink(SinkState state) {
		drain(state.client);
	}

	/**
	 * Sends {@value #RECORDS} pending records through a flusher to a transport that accepts at once.
	 * @param state the recorded client
	 */
	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public void flusherNoNetwork(InstantState state) {
		drain(state.client);
	}

	/**
	 * Serializes the same records, in the same batches, with the wire format's writer.
	 * @param state the captured batches
	 * @param blackhole the sink
	 */
	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public void serializationCeiling(CapturedBatches state, Blackhole blackhole) {
		for (Batch batch : state.batches) {
			blackhole.consume(WireFormat.write(batch));
		}
	}

	/**
	 * Starts a flusher with its defaults and closes it, which returns once everything pending was sent (or the
	 * shutdown timeout passed, which the invocation's check reports). {@code close()} rather than
	 * {@code flush(Duration)}, which can return before the last partial batch is sent: see the README.
	 */
	static void drain(Northstar client) {
		NorthstarFlusher.builder(client).build().start().close();
	}

	static Northstar newClient(IngestTransport transport) {
		return Northstar.builder()
			.apiKey("ns_bench")
			.endpoint("http://127.0.0.1:9/ingest")
			.capture(CaptureOptions.all())
			.maxQueueSize(RECORDS + 1_000)
			.transport(transport)
			.build();
	}

	/** A transport to a loopback endpoint, shared by every invocation's client so connections are reused. */
	static JdkHttpIngestTransport transportTo(java.net.URI endpoint) {
		return JdkHttpIngestTransport.builder().endpoint(endpoint).apiKey("ns_bench").build();
	}

	/** Checks that the flusher delivered every record of the invocation, and returns how many. */
	static long requireAllSent(Northstar client) {
		long sent = NorthstarInternals.pipeline(client).queue().sentCount();
		if (sent != RECORDS) {
			throw new IllegalStateException("Expected " + RECORDS + " records delivered, sent " + sent + ", dropped "
					+ NorthstarInternals.pipeline(client).queue().droppedCounts());
		}
		return sent;
	}

	static void recordRuns(Northstar client) {
		Session session = client.session();
		for (int i = 0; i < RUNS; i++) {
			RunShape.recordNorthstar(session);
		}
		session.end();
	}

	/**
	 * A loopback ingest server and, for each invocation, a client holding {@value #RECORDS} pending records.
	 */
	@State(Scope.Benchmark)
	public static class LoopbackState {

		LocalIngestServer server;

		/** Shared by every invocation's client, so connections are reused as in a long-running application. */
		JdkHttpIngestTransport transport;

		Northstar client;

		long invocations;

		long delivered;

		/**
		 * Starts the server and the transport.
		 */
		@Setup(Level.Trial)
		public void startServer() {
			this.server = LocalIngestServer.builder().apiKey("ns_bench").build();
			this.transport = transportTo(this.server.ingestUri());
		}

		/**
		 * Records the runs to send, untimed.
		 */
		@Setup(Level.Invocation)
		public void record() {
			this.client = newClient(this.transport::send);
			recordRuns(this.client);
		}

		/**
		 * Checks that every record was accepted, then releases the client and the stored records.
		 */
		@TearDown(Level.Invocation)
		public void check() {
			long sent = NorthstarInternals.pipeline(this.client).queue().sentCount();
			Map<DropReason, Long> dropped = NorthstarInternals.pipeline(this.client).queue().droppedCounts();
			LocalStore.Counts stored = this.server.store().counts();
			int storedRecords = stored.sessions() + stored.runs() + stored.spans() + stored.events();
			if (sent != RECORDS || storedRecords != RECORDS || this.server.store().rejectedBatches() != 0) {
				throw new IllegalStateException("Expected " + RECORDS + " records delivered, sent " + sent + ", stored "
						+ stored + ", dropped " + dropped + ", rejected batches "
						+ this.server.store().rejectedBatches());
			}
			this.invocations++;
			this.delivered += sent;
			this.client.close();
			this.server.store().clear();
			this.server.clearRequests();
		}

		/**
		 * Stops the server and prints what was delivered.
		 */
		@TearDown(Level.Trial)
		public void stopServer() {
			this.transport.close();
			this.server.close();
			System.out.printf("%n[flusher] %,d invocations, %,d records delivered and stored, none dropped or"
					+ " rejected%n", this.invocations, this.delivered);
		}

	}

	/**
	 * A {@link SinkIngestServer} and, for each invocation, a client holding {@value #RECORDS} pending records.
	 */
	@State(Scope.Benchmark)
	public static class SinkState {

		SinkIngestServer server;

		/** Shared by every invocation's client, so connections are reused as in a long-running application. */
		JdkHttpIngestTransport transport;

		Northstar client;

		long invocations;

		long delivered;

		/**
		 * Starts the server and the transport.
		 */
		@Setup(Level.Trial)
		public void startServer() {
			this.server = new SinkIngestServer("ns_bench");
			this.transport = transportTo(this.server.ingestUri());
		}

		/**
		 * Records the runs to send, untimed.
		 */
		@Setup(Level.Invocation)
		public void record() {
			this.client = newClient(this.transport::send);
			recordRuns(this.client);
		}

		/**
		 * Checks that every record was accepted, then releases the client.
		 */
		@TearDown(Level.Invocation)
		public void check() {
			long sent = requireAllSent(this.client);
			this.invocations++;
			this.delivered += sent;
			this.client.close();
		}

		/**
		 * Stops the server and prints what was delivered.
		 */
		@TearDown(Level.Trial)
		public void stopServer() {
			this.transport.close();
			this.server.close();
			System.out.printf("%n[sink] %,d invocations, %,d records delivered in %,d requests of %,d bytes on"
					+ " average%n", this.invocations, this.delivered, this.server.requests(),
					this.server.bytes() / Math.max(1, this.server.requests()));
		}

	}

	/**
	 * For each invocation, a client holding {@value #RECORDS} pending records and a transport that accepts at once.
	 */
	@State(Scope.Benchmark)
	public static class InstantState {

		Northstar client;

		/**
		 * Records the runs to send, untimed.
		 */
		@Setup(Level.Invocation)
		public void record() {
			this.client = newClient((body) -> CompletableFuture
				.completedFuture(new IngestResponse(200, "{\"accepted\":true}", null)));
			recordRuns(this.client);
		}

		/**
		 * Checks that every record was accepted, then releases the client.
		 */
		@TearDown(Level.Invocation)
		public void check() {
			requireAllSent(this.client);
			this.client.close();
		}

	}

	/**
	 * The batches a flusher sends for {@value #RUNS} runs, captured once and read back.
	 */
	@State(Scope.Benchmark)
	public static class CapturedBatches {

		List<Batch> batches;

		/**
		 * Records the runs, lets a default flusher cut its batches, and keeps them.
		 */
		@Setup(Level.Trial)
		public void capture() {
			ConcurrentLinkedQueue<byte[]> bodies = new ConcurrentLinkedQueue<>();
			Northstar client = newClient((body) -> {
				bodies.add(body);
				return CompletableFuture.completedFuture(new IngestResponse(200, "{\"accepted\":true}", null));
			});
			recordRuns(client);
			drain(client);
			List<Batch> read = new ArrayList<>();
			long bytes = 0;
			int records = 0;
			for (byte[] body : bodies) {
				Batch batch = WireFormat.read(new String(body, java.nio.charset.StandardCharsets.UTF_8));
				read.add(batch);
				records += batch.size();
				bytes += body.length;
			}
			if (records != RECORDS) {
				throw new IllegalStateException("Expected " + RECORDS + " records captured, got " + records);
			}
			this.batches = List.copyOf(read);
			System.out.printf("%n[ceiling] %,d batches, %,d records, %,d bytes per batch, %,d bytes per record%n",
					read.size(), records, bytes / read.size(), bytes / records);
		}

	}

}
