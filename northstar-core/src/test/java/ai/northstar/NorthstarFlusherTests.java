package ai.northstar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ai.northstar.local.Fault;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredRun;
import ai.northstar.metrics.NorthstarMeterBinder;
import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.JdkHttpIngestTransport;
import ai.northstar.transport.RetryPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link NorthstarFlusher} against a real loopback server that validates like the NorthStar backend and
 * applies its referential rules.
 */
@Timeout(120)
class NorthstarFlusherTests {

	private LocalIngestServer server;

	@BeforeEach
	void startServer() {
		this.server = LocalIngestServer.builder().apiKey(TestClients.API_KEY).executorThreads(4).build();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	static long dropped(Northstar client, String reason) {
		return client.stats().dropped().getOrDefault(reason, 0L);
	}

	private Northstar client(int maxQueueSize) {
		return TestClients.builder(this.server, CaptureOptions.all()).maxQueueSize(maxQueueSize).build();
	}

	private static NorthstarFlusher flusher(Northstar client) {
		// Batches of exactly 50, so thousands of records cross many batch boundaries.
		return NorthstarFlusher.builder(client)
			.batchSize(50)
			.maxBatchSize(50)
			.flushInterval(Duration.ofMillis(200))
			.shutdownTimeout(Duration.ofSeconds(30))
			.build()
			.start();
	}

	/** Records one run with two nested spans and four events; returns the ids of every record it created. */
	private static void recordRun(Session session, int index, Set<UUID> ids) {
		Run run = session.run("run-" + index);
		ids.add(run.id());
		run.recordUserInput("question " + index).ifPresent((e) -> ids.add(e.id()));
		try (Span agent = run.span("plan", SpanKind.AGENT)) {
			ids.add(agent.id());
			agent.recordReasoning("thinking").ifPresent((e) -> ids.add(e.id()));
			try (Span tool = agent.span("search", SpanKind.TOOL)) {
				ids.add(tool.id());
				tool.recordToolArguments(Map.of("q", index)).ifPresent((e) -> ids.add(e.id()));
				tool.recordToolResult(List.of(index)).ifPresent((e) -> ids.add(e.id()));
			}
		}
		run.close();
	}

	private Set<UUID> recordConcurrently(Session session, int threads, int runsPerThread) throws Exception {
		Set<UUID> ids = ConcurrentHashMap.newKeySet();
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> futures = new java.util.ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int offset = t * runsPerThread;
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < runsPerThread; i++) {
						recordRun(session, offset + i, ids);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		return ids;
	}

	@Test
	void shouldDeliverEveryRecordOfConcurrentThreadsInItsFinalState() throws Exception {
		Northstar client = client(100_000);
		NorthstarFlusher flusher = flusher(client);
		Session session = client.session();
		Set<UUID> ids = recordConcurrently(session, 8, 250);
		session.end();
		flusher.close();

		assertThat(this.server.store().rejectedBatches()).isZero();
		assertThat(this.server.store().runs()).hasSize(2000).allSatisfy((run) -> {
			assertThat(run.status()).isEqualTo("ok");
			assertThat(run.endedAt()).isNotNull();
		});
		assertThat(this.server.store().spans()).hasSize(4000)
			.allSatisfy((span) -> assertThat(span.status()).isEqualTo("ok"));
		assertThat(this.server.store().events()).hasSize(8000);
		assertThat(this.server.store().session(session.id()).orElseThrow().endedAt()).isNotNull();
		assertThat(ids).hasSize(14_000);
		assertThat(client.stats().droppedTotal()).isZero();
		assertThat(client.stats().pending()).isZero();
		assertThat(flusher.stats().status()).isEqualTo(FlushStats.Status.UP);
	}

	@Test
	void shouldNeverSendOrphansWhenTheQueueOverflows() throws Exception {
		Northstar client = client(120);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new NorthstarMeterBinder(client).bindTo(registry);
		this.server.setSlowResponses(Duration.ofMillis(20));
		NorthstarFlusher flusher = flusher(client);
		Session session = client.session();
		Set<UUID> ids = recordConcurrently(session, 8, 100);
		session.end();
		flusher.close();

		long dropped = dropped(client, "queue_full");
		assertThat(dropped).isPositive();
		assertThat(this.server.store().rejectedBatches()).isZero();
		var counts = this.server.store().counts();
		long stored = counts.runs() + counts.spans() + counts.events();
		assertThat(stored + dropped).isEqualTo(ids.size());
		assertThat(registry.get("northstar.records.dropped").tag("reason", "queue_full").counter().count())
			.isEqualTo(dropped);
		for (StoredRun run : this.server.store().runs()) {
			assertThat(run.status()).isEqualTo("ok");
		}
	}

	@Test
	void shouldSurviveServerFaultsWithNothingLost() throws Exception {
		Northstar client = client(100_000);
		this.server.enqueueFault(Fault.status(503));
		this.server.enqueueFault(Fault.status(503));
		this.server.enqueueFault(Fault.status(503));
		this.server.enqueueFault(Fault.status(503));
		this.server.enqueueFault(Fault.status429(1));
		this.server.enqueueFault(Fault.dropConnection());
		this.server.enqueueFault(Fault.slow(Duration.ofSeconds(3)));
		this.server.enqueueFault(Fault.acceptedFalse());
		NorthstarFlusher flusher = flusher(client);
		Session session = client.session();
		Set<UUID> ids = recordConcurrently(session, 2, 100);
		session.end();
		flusher.close();

		assertThat(this.server.pendingFaults()).isZero();
		var counts = this.server.store().counts();
		assertThat(counts.runs() + counts.spans() + counts.events()).isEqualTo(ids.size());
		assertThat(client.stats().droppedTotal()).isZero();
		assertThat(this.server.store().runs()).allSatisfy((run) -> assertThat(run.status()).isEqualTo("ok"));
	}

	@Test
	void shouldSendARefusedBatchAgainInPartsAndStoreEveryRecordTheBackendDoesNotRefuse() {
		Northstar client = client(100_000);
		NorthstarFlusher flusher = flusher(client);
		this.server.enqueueFault(Fault.status(400, "{\"error\": \"runs[0].foo is not allowed\"}"));
		Session first = client.session();
		Run run = first.run("kept");
		run.close();
		FlushResult result = flusher.flush(Duration.ofSeconds(30));
		assertThat(result.remaining()).isZero();
		assertThat(result.completed()).isTrue();
		flusher.close();
		assertThat(this.server.store().run(run.id())).isPresent();
		assertThat(this.server.store().session(first.id())).isPresent();
		assertThat(client.stats().droppedTotal()).isZero();
		assertThat(recordsPerRequest()).containsExactly(2, 1, 1);
	}

	@Test
	void shouldDropChildrenOfARefusedParentInsteadOfSendingThem() {
		Northstar client = TestClients.builder(this.server, CaptureOptions.all()).transport(refusing("poison")).build();
		NorthstarFlusher flusher = flusher(client);
		Session session = client.session();
		Run run = session.run("poison");
		flusher.flush(Duration.ofSeconds(30));
		Span span = run.span("after", SpanKind.TOOL);
		span.recordToolResult("x");
		span.close();
		run.close();
		client.score(run.id(), "late", 1);
		Run good = session.run("good");
		good.close();
		flusher.close();
		assertThat(this.server.store().rejectedBatches()).isZero();
		assertThat(this.server.store().spans()).isEmpty();
		assertThat(this.server.store().run(good.id())).isPresent();
		assertThat(this.server.store().session(session.id())).isPresent();
		// The run, then its span, event and score: dropped with it, never sent.
		assertThat(dropped(client, "rejected")).isEqualTo(4);
	}

	@Test
	void shouldPauseSendingKeepTheRecordsAndCountThemAtShutdownWhenTheKeyIsRefused() {
		Northstar client = TestClients.builder(this.server, CaptureOptions.all()).apiKey("ns_revoked").build();
		NorthstarFlusher flusher = NorthstarFlusher.builder(client)
			.flushInterval(Duration.ofMillis(50))
			.shutdownTimeout(Duration.ofMillis(500))
			.build()
			.start();
		client.session().run("agent").close();
		flusher.flush(Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(flusher.stats().status()).isEqualTo(FlushStats.Status.DOWN));
		int requests = this.server.requestCount();
		client.session().run("later").close();
		assertThat(flusher.flush(Duration.ofSeconds(5)).completed()).isFalse();
		assertThat(client.stats().pending()).isEqualTo(4);
		flusher.close();
		assertThat(this.server.requestCount()).as("paused: no attempt within the minute").isEqualTo(requests);
		assertThat(dropped(client, "shutdown")).isEqualTo(4);
		assertThat(flusher.stats().lastError()).contains("401").doesNotContain("ns_revoked");
	}

	@Test
	void shouldNotBlockRecordingThreadsWhileTheServerIsSlow() {
		Northstar client = client(100_000);
		this.server.setSlowResponses(Duration.ofSeconds(3));
		NorthstarFlusher flusher = flusher(client);
		Session session = client.session();
		for (int i = 0; i < 500; i++) {
			recordRun(session, i, ConcurrentHashMap.newKeySet());
		}
		assertThat(flusher.stats().sent()).as("no send has completed while the app recorded").isZero();
		this.server.setSlowResponses(null);
		flusher.close();
		assertThat(this.server.store().runs()).hasSize(500);
	}

	@Test
	void shouldSendEveryLatestStateWhenRecordsChangeWhileTheirBatchAndTheNextAreCut() throws Exception {
		GatedTransport gated = new GatedTransport(this.server);
		CountDownLatch firstSend = gated.firstSend;
		CompletableFuture<Void> gate = gated.gate;
		Northstar client = TestClients.builder(this.server, CaptureOptions.all()).transport(gated).build();
		Session session = client.session();
		List<Run> runs = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			runs.add(session.run("run-" + i));
		}
		NorthstarFlusher flusher = NorthstarFlusher.builder(client)
			.batchSize(5)
			.maxBatchSize(5)
			.flushInterval(Duration.ofHours(1))
			.build()
			.start();
		// The first batch (the session and four runs) is on the wire, and the next one was cut behind it.
		assertThat(firstSend.await(30, TimeUnit.SECONDS)).isTrue();
		runs.subList(0, 6).forEach(Run::close);
		gate.complete(null);
		runs.subList(6, 10).forEach(Run::close);
		session.end();
		flusher.close();

		assertThat(this.server.store().rejectedBatches()).isZero();
		assertThat(this.server.store().runs()).hasSize(10).allSatisfy((run) -> {
			assertThat(run.status()).isEqualTo("ok");
			assertThat(run.endedAt()).isNotNull();
		});
		assertThat(client.stats().pending()).isZero();
		assertThat(client.stats().droppedTotal()).isZero();
	}


	@Test
	void shouldSendABacklogInBatchesOfUpToTheMaximumBatchSize() throws Exception {
		Northstar client = client(100_000);
		Session session = client.session();
		Set<UUID> ids = recordConcurrently(session, 2, 50);
		session.end();
		NorthstarFlusher flusher = NorthstarFlusher.builder(client).batchSize(50).maxBatchSize(300).build().start();
		flusher.close();

		assertThat(ids).hasSize(700);
		assertThat(recordsPerRequest()).containsExactly(300, 300, 101);
		assertThat(this.server.store().rejectedBatches()).isZero();
		assertThat(this.server.store().runs()).hasSize(100)
			.allSatisfy((run) -> assertThat(run.status()).isEqualTo("ok"));
		assertThat(this.server.store().events()).hasSize(400);
		assertThat(client.stats().sent()).isEqualTo(701);
	}

	@Test
	void shouldNotWaitToFillABatchLargerThanHalfTheQueue() {
		// A batch of 1,000 could never fill a queue of 100 without dropping: half the queue is a whole batch.
		Northstar client = client(100);
		NorthstarFlusher flusher = NorthstarFlusher.builder(client)
			.batchSize(10)
			.maxBatchSize(1_000)
			.maxBatchDelay(Duration.ofHours(1))
			.flushInterval(Duration.ofHours(1))
			.build()
			.start();
		Session session = client.session();
		for (int i = 0; i < 49; i++) {
			session.run("run " + i + " — 走る 🏃").close();
		}
		// The session and 49 runs: 50 records, half the queue.
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.store().runs().size() == 49);
		assertThat(recordsPerRequest()).containsExactly(50);
		assertThat(client.stats().droppedTotal()).isZero();
		flusher.close();
	}

	@Test
	void shouldKeepEachBatchWithinTheByteBudgetUnlessOneRecordIsLarger() {
		Northstar client = client(100_000);
		Session session = client.session();
		for (int i = 0; i < 40; i++) {
			Run run = session.run("run-" + i);
			run.recordUserInput("x".repeat(3_000));
			run.close();
		}
		Run large = session.run("large");
		large.recordUserInput("y".repeat(20_000));
		large.close();
		NorthstarFlusher flusher = NorthstarFlusher.builder(client).maxBatchBytes(16_384).build().start();
		flusher.close();

		List<ai.northstar.local.RecordedRequest> requests = this.server.requests();
		assertThat(requests).hasSizeGreaterThan(6).allSatisfy((request) -> {
			if (request.body().length > 16_384) {
				assertThat(ai.northstar.internal.export.WireFormat.read(request.bodyAsString()).size()).isOne();
			}
		});
		assertThat(requests).anySatisfy((request) -> assertThat(request.body().length).isGreaterThan(20_000));
		assertThat(this.server.store().rejectedBatches()).isZero();
		assertThat(this.server.store().runs()).hasSize(41);
		assertThat(this.server.store().events()).hasSize(41);
		assertThat(client.stats().sent()).isEqualTo(83);
	}

	/** A transport to the server whose first send waits for {@link #gate}; {@link #firstSend} opens when it starts. */
	private static final class GatedTransport implements IngestTransport {

		final CountDownLatch firstSend = new CountDownLatch(1);

		final CompletableFuture<Void> gate = new CompletableFuture<>();

		private final IngestTransport delegate;

		GatedTransport(LocalIngestServer server) {
			this.delegate = JdkHttpIngestTransport.builder()
				.endpoint(server.ingestUri())
				.apiKey(TestClients.API_KEY)
				.build();
		}

		@Override
		public CompletableFuture<IngestResponse> send(byte[] body) {
			if (this.firstSend.getCount() > 0) {
				this.firstSend.countDown();
				return this.gate.thenCompose((ignored) -> this.delegate.send(body));
			}
			return this.delegate.send(body);
		}

	}

	private List<Integer> recordsPerRequest() {
		return this.server.requests()
			.stream()
			.map((request) -> ai.northstar.internal.export.WireFormat.read(request.bodyAsString()).size())
			.toList();
	}

	@Test
	void shouldSendWhenBatchSizeIsReachedWithoutWaitingForTheInterval() {
		Northstar client = client(100_000);
		NorthstarFlusher flusher = NorthstarFlusher.builder(client)
			.batchSize(10)
			.flushInterval(Duration.ofHours(1))
			.build()
			.start();
		Session session = client.session();
		for (int i = 0; i < 10; i++) {
			session.run("r" + i);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.store().runs().size() >= 9);
		flusher.close();
	}

	@Test
	void shouldSendAtTheFlushIntervalBelowBatchSize() {
		Northstar client = client(100_000);
		NorthstarFlusher flusher = NorthstarFlusher.builder(client)
			.batchSize(1000)
			.flushInterval(Duration.ofMillis(100))
			.build()
			.start();
		client.session().run("lonely");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.store().runs().size() == 1);
		flusher.close();
	}

	@Test
	void shouldDrainOnCloseAndCountWhatCouldNotBeSent() {
		Northstar client = client(100_000);
		this.server.setUnavailable(true);
		NorthstarFlusher flusher = NorthstarFlusher.builder(client)
			.flushInterval(Duration.ofMillis(50))
			.shutdownTimeout(Duration.ofMillis(500))
			.build()
			.start();
		client.session().run("never").close();
		flusher.close();
		assertThat(dropped(client, "shutdown")).isEqualTo(2);
		assertThat(client.stats().pending()).isZero();
		client.session();
		assertThat(dropped(client, "shutdown")).isEqualTo(3);
		flusher.close();
	}

	@Test
	void shouldNotLetAHungEndpointHoldTheShutdown() {
		Northstar client = TestClients.builder(this.server, CaptureOptions.all())
			.requestTimeout(Duration.ofSeconds(60))
			.build();
		this.server.setSlowResponses(Duration.ofSeconds(30));
		NorthstarFlusher flusher = NorthstarFlusher.builder(client)
			.flushInterval(Duration.ofMillis(10))
			.shutdownTimeout(Duration.ofMillis(500))
			.build()
			.start();
		client.session().run("stuck").close();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.requestCount() > 0);
		flusher.close();
		assertThat(dropped(client, "shutdown")).isEqualTo(2);
		assertThat(flusher.stats().lastError()).contains("shutdown deadline");
		this.server.setSlowResponses(null);
	}

	@Test
	void shouldRetryABatchTheBackendKeepsFailingUntilItsRecordsExpireThenDeliverTheRecordsBehindIt() {
		IngestTransport delegate = JdkHttpIngestTransport.builder()
			.endpoint(this.server.ingestUri())
			.apiKey(TestClients.API_KEY)
			.build();
		AtomicInteger poisonAttempts = new AtomicInteger();
		IngestTransport poisoned = (body) -> {
			if (new String(body, StandardCharsets.UTF_8).contains("poison")) {
				poisonAttempts.incrementAndGet();
				return CompletableFuture.completedFuture(new IngestResponse(500, "{\"error\":\"db error\"}", null));
			}
			return delegate.send(body);
		};
		Northstar client = TestClients.builder(this.server, CaptureOptions.all()).transport(poisoned).build();
		NorthstarFlusher flusher = NorthstarFlusher.builder(client)
			.batchSize(1)
			.maxBatchSize(1)
			.flushInterval(Duration.ofMillis(10))
			.maxRetention(Duration.ofSeconds(2))
			.build()
			.start();
		Session session = client.session();
		assertThat(flusher.flush(Duration.ofSeconds(30)).completed()).isTrue();
		session.run("poison").close();
		await().atMost(Duration.ofSeconds(30)).until(() -> dropped(client, "expired") == 1);
		assertThat(poisonAttempts.get()).as("retried with backoff, not given up early").isGreaterThan(2);
		UUID good = session.run("good").id();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.store().run(good).isPresent());
		assertThat(dropped(client, "expired")).isEqualTo(1);
		flusher.close();
	}

	@Test
	void shouldDropAScoreWhoseRunWasRefusedInsteadOfPoisoningTheNextBatch() {
		Northstar client = TestClients.builder(this.server, CaptureOptions.all()).transport(refusing("refused-run")).build();
		NorthstarFlusher flusher = NorthstarFlusher.builder(client).batchSize(2).maxBatchSize(2).build();
		Session refused = client.session();
		Run refusedRun = refused.run("refused-run");
		client.score(refusedRun.id(), "quality", 1.0);
		Session kept = client.session();
		Run keptRun = kept.run("kept");
		FlushResult result = flusher.flush(Duration.ofSeconds(30));
		assertThat(result.completed()).isFalse();
		assertThat(result.remaining()).isZero();
		assertThat(result.rejected()).isEqualTo(2);
		assertThat(this.server.store().rejectedBatches()).isZero();
		assertThat(this.server.store().run(keptRun.id())).isPresent();
		assertThat(dropped(client, "rejected")).isEqualTo(2);
		flusher.close();
	}

	/** A transport to the server that answers 400 for every body that holds the marker, as for a bad record. */
	private IngestTransport refusing(String marker) {
		IngestTransport delegate = JdkHttpIngestTransport.builder()
			.endpoint(this.server.ingestUri())
			.apiKey(TestClients.API_KEY)
			.build();
		return (body) -> new String(body, StandardCharsets.UTF_8).contains(marker)
				? CompletableFuture.completedFuture(new IngestResponse(400, "{\"error\":\"refused " + marker + "\"}", null))
				: delegate.send(body);
	}

	@Test
	void shouldCompleteAFlushRequestedDuringASendOnlyWhenEverythingIsSent() throws Exception {
		GatedTransport gated = new GatedTransport(this.server);
		CountDownLatch firstSend = gated.firstSend;
		CompletableFuture<Void> gate = gated.gate;
		Northstar client = TestClients.builder(this.server, CaptureOptions.all()).transport(gated).build();
		NorthstarFlusher flusher = NorthstarFlusher.builder(client)
			.batchSize(50)
			.flushInterval(Duration.ofHours(1))
			.build()
			.start();
		Run run = client.session().run("r");
		for (int i = 0; i < 70; i++) {
			run.recordCustomEvent("e" + i);
		}
		assertThat(firstSend.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<FlushResult> requested = flusher.flush();
		gate.complete(null);
		FlushResult result = requested.get(30, TimeUnit.SECONDS);
		assertThat(result.completed()).isTrue();
		assertThat(result.remaining()).isZero();
		flusher.close();
	}

	@Test
	void shouldKeepChildrenOfAnAcceptedParentWhoseLaterStateWasRefused() {
		Northstar client = TestClients.client(this.server, CaptureOptions.all());
		Session session = client.session();
		Run run = session.run("agent");
		client.flush();
		NorthstarFlusher flusher = NorthstarFlusher.builder(client).build();
		run.putMetadata("step", 1);
		this.server.enqueueFault(Fault.status(400, "{\"error\": \"injected\"}"));
		flusher.flush(Duration.ofSeconds(30));
		Span span = run.span("tool", SpanKind.TOOL);
		span.close();
		run.close();
		flusher.close();
		assertThat(this.server.store().spansOf(run.id())).hasSize(1);
		assertThat(this.server.store().run(run.id()).orElseThrow().status()).isEqualTo("ok");
	}

	@Test
	void shouldReportDownOnlyAfterRepeatedFailuresBeforeAnySuccessToo() {
		Northstar client = slowRetryClient();
		NorthstarFlusher flusher = NorthstarFlusher.builder(client).flushInterval(Duration.ofHours(1)).build().start();
		this.server.setUnavailable(true);
		client.session();
		assertThat(flusher.flush(Duration.ofSeconds(30)).completed()).isFalse();
		assertThat(this.server.requestCount()).as("the worker waits a minute to retry").isEqualTo(1);
		assertThat(flusher.stats().status()).as("one failed send").isEqualTo(FlushStats.Status.UNKNOWN);
		flusher.flush(Duration.ofSeconds(30));
		assertThat(flusher.stats().status()).as("two failed sends").isEqualTo(FlushStats.Status.UNKNOWN);
		flusher.flush(Duration.ofSeconds(30));
		assertThat(this.server.requestCount()).isEqualTo(3);
		assertThat(flusher.stats().status()).as("three failed sends").isEqualTo(FlushStats.Status.DOWN);
		this.server.setUnavailable(false);
		flusher.close();
	}

	@Test
	void shouldReportDownOnlyAfterRepeatedFailures() {
		Northstar client = slowRetryClient();
		NorthstarFlusher flusher = NorthstarFlusher.builder(client).flushInterval(Duration.ofHours(1)).build().start();
		client.session();
		assertThat(flusher.flush(Duration.ofSeconds(30)).completed()).isTrue();
		assertThat(flusher.stats().status()).isEqualTo(FlushStats.Status.UP);
		this.server.setUnavailable(true);
		client.session();
		// The round of the first flush may have tried the new session already: one or two failed sends here, three
		// or four after two more flushes (the worker itself retries only after a minute).
		assertThat(flusher.flush(Duration.ofSeconds(30)).completed()).isFalse();
		assertThat(flusher.stats().status()).as("one or two failed sends").isEqualTo(FlushStats.Status.UP);
		assertThat(flusher.stats().lastError()).contains("503");
		flusher.flush(Duration.ofSeconds(30));
		flusher.flush(Duration.ofSeconds(30));
		assertThat(flusher.stats().status()).as("three or four failed sends").isEqualTo(FlushStats.Status.DOWN);
		this.server.setUnavailable(false);
		flusher.close();
	}

	/** A client whose failed sends the worker retries only after a minute: until then only flushes try again. */
	private Northstar slowRetryClient() {
		return TestClients.builder(this.server, CaptureOptions.all())
			.retryPolicy(RetryPolicy.builder()
				.initialBackoff(Duration.ofMinutes(1))
				.maxBackoff(Duration.ofMinutes(1))
				.jitter(RetryPolicy.Jitter.NONE)
				.build())
			.build();
	}

	@Test
	void shouldIncludeRecordsCreatedWhileDraining() {
		Northstar client = client(100_000);
		NorthstarFlusher flusher = flusher(client);
		Session session = client.session();
		this.server.enqueueFault(Fault.slow(Duration.ofSeconds(2)));
		for (int i = 0; i < 60; i++) {
			session.run("before-" + i).close();
		}
		Thread closer = new Thread(flusher::close);
		closer.start();
		Run during = session.run("during");
		during.close();
		await().atMost(Duration.ofSeconds(60)).until(() -> !closer.isAlive());
		assertThat(this.server.store().run(during.id())).as("created while the drain ran").isPresent();
		assertThat(this.server.store().runs()).hasSize(61);
		assertThat(dropped(client, "shutdown")).isZero();
	}

	@Test
	void shouldValidateSettingsNamingTheParameter() {
		Northstar client = client(10);
		org.assertj.core.api.Assertions
			.assertThatIllegalArgumentException()
			.isThrownBy(() -> NorthstarFlusher.builder(client).batchSize(0))
			.withMessage("batchSize must be > 0, was 0");
		org.assertj.core.api.Assertions
			.assertThatIllegalArgumentException()
			.isThrownBy(() -> NorthstarFlusher.builder(client).flushInterval(Duration.ofSeconds(-5)))
			.withMessage("flushInterval must be > 0, was PT-5S");
		org.assertj.core.api.Assertions
			.assertThatIllegalArgumentException()
			.isThrownBy(() -> NorthstarFlusher.builder(client).batchSize(100).maxBatchSize(60).build())
			.withMessage("maxBatchSize must be >= batchSize (100), was 60");
		org.assertj.core.api.Assertions
			.assertThatIllegalArgumentException()
			.isThrownBy(() -> NorthstarFlusher.builder(client).maxBatchBytes(0))
			.withMessage("maxBatchBytes must be > 0, was 0");
		assertThat(NorthstarFlusher.builder(client).batchSize(1200).build().maxBatchSize()).isEqualTo(1200);
		NorthstarFlusher defaults = NorthstarFlusher.builder(client).build();
		assertThat(defaults.batchSize()).isEqualTo(50);
		assertThat(defaults.maxBatchSize()).isEqualTo(1000);
		assertThat(defaults.maxBatchBytes()).isEqualTo(1024 * 1024);
		assertThat(defaults.flushInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(defaults.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(defaults.stats().status()).isEqualTo(FlushStats.Status.UNKNOWN);
	}

	@Test
	void shouldRunOnOneNamedDaemonThread() {
		Northstar client = client(100);
		NorthstarFlusher flusher = flusher(client);
		Thread thread = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((t) -> t.getName().equals(NorthstarFlusher.THREAD_NAME))
			.findFirst()
			.orElseThrow();
		assertThat(thread.isDaemon()).isTrue();
		flusher.close();
		flusher.close();
		assertThat(flusher.isRunning()).isFalse();
	}

}
