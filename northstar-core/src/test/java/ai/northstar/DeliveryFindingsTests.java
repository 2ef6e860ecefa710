package ai.northstar;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import ai.northstar.internal.NorthstarInternals;
import ai.northstar.internal.export.QueueListener;
import ai.northstar.local.Fault;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.RecordedRequest;
import ai.northstar.local.StoredRun;
import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.JdkHttpIngestTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the delivery pipeline behind {@link Northstar} and {@link NorthstarFlusher}: each test reproduces one
 * finding of the delivery issue against the local NorthStar with the fault that caused it, and asserts what was
 * stored, counted and logged, and that no application thread waited. (The context-close finding is tested with a
 * booted application in the starter's tests; the JVM shutdown hook and the memory bound in forked JVMs, in
 * {@code ForkedDeliveryTests}.)
 */
@Timeout(120)
class DeliveryFindingsTests {

	private LocalIngestServer server;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@BeforeEach
	void startServer() {
		this.server = LocalIngestServer.builder().apiKey(TestClients.API_KEY).build();
	}

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.server.close();
	}

	private Northstar client() {
		return client(TestClients.builder(this.server, CaptureOptions.all()));
	}

	private Northstar client(Northstar.Builder builder) {
		Northstar client = builder.build();
		this.closeables.add(client);
		return client;
	}

	private static NorthstarFlusher.Builder flusher(Northstar client) {
		return NorthstarFlusher.builder(client).flushInterval(Duration.ofMillis(50)).registerShutdownHook(false);
	}

	private static long dropped(Northstar client, String reason) {
		return NorthstarFlusherTests.dropped(client, reason);
	}

	/** Finding 1 (core part): a close with the backend down logs one warning saying how many records were lost. */
	@Test
	void shouldLogOneWarningWithTheCountAndTheLastErrorWhenClosingWithTheBackendDown() {
		try (LogCapture logs = LogCapture.pipeline()) {
			Northstar client = client();
			NorthstarFlusher flusher = flusher(client).shutdownTimeout(Duration.ofSeconds(1)).build().start();
			this.server.setUnavailable(true);
			Session session = client.session();
			for (int i = 0; i < 3; i++) {
				session.run("run " + i).close();
			}
			client.flush(Duration.ofMillis(1));
			await().atMost(Duration.ofSeconds(30)).until(() -> client.stats().lastError() != null);
			flusher.close();
			assertThat(logs.messages(Level.WARNING)).filteredOn((message) -> message.startsWith("NorthStar shut down"))
				.containsExactly("NorthStar shut down with 4 records not sent within 1s (last error: HTTP 503: "
						+ "Service unavailable)");
			assertThat(dropped(client, "shutdown")).isEqualTo(4);
		}
	}

	/** Finding 15 at shutdown: an attempt the shutdown deadline cut short is not logged as about to be retried. */
	@Test
	void shouldNotPromiseARetryForAnAttemptTheShutdownDeadlineCutShort() {
		try (LogCapture logs = LogCapture.pipeline()) {
			Northstar client = client(TestClients.builder(this.server, CaptureOptions.all()).debug(true));
			NorthstarFlusher flusher = flusher(client).shutdownTimeout(Duration.ofSeconds(1)).build().start();
			this.server.enqueueFault(Fault.hang());
			client.session().run("on the wire at shutdown").close();
			flusher.flush(Duration.ofMillis(1));
			await().atMost(Duration.ofSeconds(30)).until(() -> this.server.requestCount() == 1);
			flusher.close();
			assertThat(logs.messages(Level.WARNING)).filteredOn((message) -> message.contains("could not send"))
				.singleElement()
				.satisfies((message) -> assertThat(message).contains("shutdown deadline", "not retried")
					.doesNotContain("retrying in"));
			assertThat(dropped(client, "shutdown")).isEqualTo(2);
		}
	}

	/**
	 * Finding 1: when the shutdown deadline cuts short an attempt to a backend that was already failing, the warning
	 * still gives the backend's error, not the abandoned attempt.
	 */
	@Test
	void shouldKeepTheBackendsLastErrorWhenTheShutdownDeadlineCutsAnAttemptShort() {
		try (LogCapture logs = LogCapture.pipeline()) {
			Northstar client = client();
			NorthstarFlusher flusher = flusher(client).shutdownTimeout(Duration.ofSeconds(1)).build().start();
			this.server.enqueueFault(Fault.status(503, "{\"error\": \"Überlastet — 过载 😵\"}"));
			for (int i = 0; i < 10; i++) {
				this.server.enqueueFault(Fault.hang());
			}
			client.session().run("coupé ✂️").close();
			client.flush(Duration.ofMillis(1));
			await().atMost(Duration.ofSeconds(30)).until(() -> client.stats().lastError() != null);
			flusher.close();
			assertThat(logs.messages(Level.WARNING)).filteredOn((message) -> message.startsWith("NorthStar shut down"))
				.containsExactly("NorthStar shut down with 2 records not sent within 1s (last error: HTTP 503: "
						+ "Überlastet — 过载 😵)");
			assertThat(client.stats().lastError()).isEqualTo("HTTP 503: Überlastet — 过载 😵");
			assertThat(dropped(client, "shutdown")).isEqualTo(2);
		}
	}

	/** Finding 2: an outage with connection refused loses nothing once the backend is back. */
	@Test
	void shouldKeepEverythingThroughAnOutageWithConnectionsRefusedAndDeliverItAfter() {
		int port = this.server.port();
		URI endpoint = this.server.ingestUri();
		this.server.close();
		Northstar client = client(Northstar.builder()
			.apiKey(TestClients.API_KEY)
			.endpoint(endpoint)
			.capture(CaptureOptions.all())
			.retryPolicy(TestClients.fastRetries()));
		NorthstarFlusher flusher = flusher(client).build().start();
		Session session = client.session();
		List<UUID> runs = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Run run = session.run("during the outage " + i);
			run.close();
			runs.add(run.id());
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> client.stats().lastError() != null);
		assertThat(client.stats().lastError()).contains("ConnectException");
		this.server = LocalIngestServer.builder().apiKey(TestClients.API_KEY).port(port).build();
		await().atMost(Duration.ofSeconds(90)).until(() -> this.server.store().runs().size() == runs.size());
		flusher.close();
		assertThat(this.server.store().runs()).allSatisfy((run) -> assertThat(run.status()).isEqualTo("ok"));
		assertThat(client.stats().droppedTotal()).isZero();
	}

	/** Finding 3: with a flusher, closing a session hands its records over and never waits for the network. */
	@Test
	void shouldReturnFromSessionCloseWithoutWaitingWhenTheBackendNeverAnswers() throws Exception {
		Northstar client = client();
		NorthstarFlusher flusher = flusher(client).shutdownTimeout(Duration.ofMillis(500)).build().start();
		for (int i = 0; i < 20; i++) {
			this.server.enqueueFault(Fault.hang());
		}
		Session session = client.session();
		session.run("agent").close();
		CompletableFuture<Void> closed = CompletableFuture.runAsync(session::close);
		// The backend holds every request forever: only a close that does not wait can complete.
		closed.get(30, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(this.server.store().runs()).isEmpty();
		flusher.close();
	}

	/**
	 * Finding 4: without a flusher, a close while another thread's synchronous flush is on the wire still closes in
	 * time, and every record ends counted.
	 */
	@Test
	void shouldCountEveryRecordWhenClosingWhileAnotherThreadFlushesSynchronously() throws Exception {
		Northstar client = client(TestClients.builder(this.server, CaptureOptions.all())
			.requestTimeout(Duration.ofSeconds(2)));
		Session session = client.session();
		for (int i = 0; i < 10; i++) {
			session.run("run " + i);
		}
		// More hung attempts than fit in the shutdown deadline (10 s, 2 s each): nothing can be stored in time.
		for (int i = 0; i < 20; i++) {
			this.server.enqueueFault(Fault.hang());
		}
		CompletableFuture<ai.northstar.data.Batch> flushing = CompletableFuture.supplyAsync(client::flush);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.requestCount() > 0);
		client.close();
		assertThatException().isThrownBy(() -> flushing.get(60, java.util.concurrent.TimeUnit.SECONDS));
		FlushStats stats = client.stats();
		assertThat(stats.pending()).isZero();
		assertThat(stats.sent() + stats.droppedTotal()).isEqualTo(11);
		assertThat(dropped(client, "shutdown")).isEqualTo(11);
	}

	/**
	 * Finding 4, with the flush waiting out a long {@code Retry-After}: close wakes it at the shutdown deadline, and
	 * returns with every record counted.
	 */
	@Test
	void shouldCountEveryRecordWhenClosingWhileAnotherThreadsFlushWaitsOutARetryAfter() throws Exception {
		Northstar client = client();
		NorthstarFlusher.builder(client).shutdownTimeout(Duration.ofSeconds(1)).build();
		client.session().run("waits").close();
		this.server.enqueueFault(Fault.status429(50));
		Thread flushing = daemon("flushes", () -> client.flush());
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.requestCount() == 1 && isWaiting(flushing));
		client.close();
		assertThat(client.stats().pending()).isZero();
		assertThat(dropped(client, "shutdown")).isEqualTo(2);
		flushing.join(TimeUnit.SECONDS.toMillis(20));
		assertThat(flushing.isAlive()).as("woken at the shutdown deadline, not after 50 s").isFalse();
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	/** Finding 5: the request timeout bounds a whole attempt, even when the backend trickles its answer. */
	@Test
	void shouldAbandonAnAttemptWhoseAnswerTricklesPastTheRequestTimeout() {
		Northstar client = client(TestClients.builder(this.server, CaptureOptions.all())
			.requestTimeout(Duration.ofSeconds(1)));
		this.server.enqueueFault(Fault.trickle(Duration.ofSeconds(1)));
		NorthstarFlusher flusher = flusher(client).build().start();
		Run run = client.session().run("trickled");
		run.close();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.requestCount() >= 2
				&& this.server.store().run(run.id()).map((stored) -> stored.status().equals("ok")).orElse(false));
		assertThat(client.stats().lastError()).contains("timed out");
		flusher.close();
		assertThat(client.stats().droppedTotal()).isZero();
	}

	/** Finding 7: one record the backend refuses is the only one dropped; the good records of its batch are stored. */
	@Test
	void shouldDropOnlyTheRecordTheBackendRefusesAndStoreTheRestOfItsBatch() {
		try (LogCapture logs = LogCapture.pipeline()) {
			Northstar client = client();
			Session session = client.session();
			List<UUID> good = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				Run run = session.run("good " + i);
				run.close();
				good.add(run.id());
			}
			UUID unknownRun = UUID.randomUUID();
			ai.northstar.data.ScoreData orphan = client.score(unknownRun, "quality", 0.5);
			for (int i = 0; i < 9; i++) {
				client.score(good.get(i), "quality", 0.9);
			}
			NorthstarFlusher flusher = flusher(client).build().start();
			FlushResult result = flusher.flush(Duration.ofSeconds(30));
			assertThat(result.rejected()).isEqualTo(1);
			assertThat(result.completed()).isFalse();
			assertThat(result.lastError()).contains("Payload contains invalid project references");
			flusher.close();
			assertThat(this.server.store().runs()).extracting(StoredRun::id).containsExactlyInAnyOrderElementsOf(good);
			assertThat(this.server.store().scores()).hasSize(9);
			assertThat(dropped(client, "rejected")).isEqualTo(1);
			assertThat(logs.messages(Level.WARNING)).filteredOn((message) -> message.startsWith("NorthStar refused"))
				.singleElement()
				.satisfies((message) -> assertThat(message).contains("score", orphan.id().toString(),
						"Payload contains invalid project references"));
		}
	}

	/** Finding 7: a 413 splits the batch instead of dropping it, and lowers the byte budget of later batches. */
	@Test
	void shouldSplitABatchTheBackendFindsTooLargeAndSendSmallerBatchesAfter() {
		IngestTransport delegate = jdkTransport();
		List<Integer> refusedSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
		IngestTransport limited = (body) -> {
			if (body.length > 40_000) {
				refusedSizes.add(body.length);
				return CompletableFuture.completedFuture(new IngestResponse(413, "{\"error\":\"Payload too large\"}", null));
			}
			return delegate.send(body);
		};
		Northstar client = client(TestClients.builder(this.server, CaptureOptions.all()).transport(limited));
		Session session = client.session();
		for (int i = 0; i < 40; i++) {
			session.run("run " + i).recordUserInput("x".repeat(2_000));
		}
		NorthstarFlusher flusher = flusher(client).build().start();
		assertThat(flusher.flush(Duration.ofSeconds(30)).completed()).isTrue();
		for (int i = 0; i < 40; i++) {
			session.run("later " + i).recordUserInput("y".repeat(2_000));
		}
		int refusedBefore = refusedSizes.size();
		assertThat(flusher.flush(Duration.ofSeconds(30)).completed()).isTrue();
		flusher.close();
		assertThat(refusedBefore).isPositive();
		assertThat(refusedSizes).as("later batches fit the lowered budget").hasSize(refusedBefore);
		assertThat(this.server.store().runs()).hasSize(80);
		assertThat(this.server.store().events()).hasSize(80);
		assertThat(client.stats().droppedTotal()).isZero();
	}

	/** Finding 9: one record is bounded as a whole; values over the cap are truncated, keys kept, never null. */
	@Test
	void shouldBoundARecordAsAWholeAndKeepEveryKeyWhenMetadataIsHuge() {
		Northstar client = client(TestClients.builder(this.server, CaptureOptions.all()).maxQueueSize(10_000));
		Run run = client.session().run("huge", Map.of("initial", "z".repeat(100_000)));
		for (int i = 0; i < 200; i++) {
			run.putMetadata("key-" + i, "v".repeat(60_000));
		}
		Map<String, Object> many = new LinkedHashMap<>();
		for (int i = 0; i < 100; i++) {
			many.put("attribute-" + i, "w".repeat(10_000));
		}
		Span span = run.span("wide", SpanKind.TOOL, null, many);
		span.close();
		run.close();
		NorthstarFlusher flusher = flusher(client).build().start();
		flusher.close();
		for (RecordedRequest request : this.server.requests()) {
			assertThat(request.body().length).isLessThanOrEqualTo(NorthstarFlusher.DEFAULT_MAX_BATCH_BYTES);
		}
		JsonNode metadata = this.server.store().run(run.id()).orElseThrow().metadata();
		assertThat(metadata.size()).isEqualTo(201);
		for (int i = 0; i < 200; i++) {
			JsonNode value = metadata.get("key-" + i);
			assertThat(value).as("key-" + i).isNotNull();
			assertThat(value.isNull()).isFalse();
		}
		assertThat(metadata.get("key-199").get("truncated").booleanValue()).isTrue();
		assertThat(metadata.get("initial").get("truncated").booleanValue()).isTrue();
		JsonNode attributes = this.server.store().span(span.id()).orElseThrow().attributes();
		assertThat(attributes.size()).isEqualTo(100);
		assertThat(this.server.store().rejectedBatches()).isZero();
	}

	/** Finding 10: a state applied late by the backend never stays stored: the latest state is sent again after. */
	@Test
	void shouldSendTheLatestStateAgainWhenAnAttemptWithoutAnswerIsAppliedLate() {
		Northstar client = client(TestClients.builder(this.server, CaptureOptions.all())
			.requestTimeout(Duration.ofSeconds(1)));
		NorthstarFlusher flusher = flusher(client).lateAnswerWindow(Duration.ofSeconds(3)).build().start();
		this.server.enqueueFault(Fault.slow(Duration.ofMillis(2_000)));
		Run run = client.session().run("late");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.requestCount() >= 1);
		run.close();
		// The ended run is stored first; then the backend applies the older attempt, which says "running".
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.server.store().run(run.id()).map((stored) -> stored.status().equals("running"))
				.orElse(false));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.server.store().run(run.id()).map((stored) -> stored.status().equals("ok")).orElse(false));
		flusher.close();
		assertThat(this.server.store().run(run.id()).orElseThrow().endedAt()).isNotNull();
	}

	/**
	 * Findings 8 and 10 together: at most {@code maxQueueSize} records are watched for a late answer, so the window
	 * keeps no more of the application's records alive than the queue would; past it, the ones watched longest are
	 * sent again at once rather than at the end of their window.
	 */
	@Test
	void shouldWatchAtMostMaxQueueSizeRecordsForLateAnswers() {
		Northstar client = client(TestClients.builder(this.server, CaptureOptions.all())
			.requestTimeout(Duration.ofSeconds(1))
			.maxQueueSize(20));
		NorthstarFlusher flusher = flusher(client).flushInterval(Duration.ofHours(1))
			.lateAnswerWindow(Duration.ofMinutes(10))
			.build()
			.start();
		Session session = client.session();
		List<UUID> firstWave = new ArrayList<>();
		for (int wave = 0; wave < 2; wave++) {
			List<UUID> runs = new ArrayList<>();
			for (int i = 0; i < 15; i++) {
				Run run = session.run("wave " + wave + ", run " + i);
				run.close();
				runs.add(run.id());
			}
			// The first attempt of the wave gets no answer within the request timeout; the retry is stored.
			this.server.enqueueFault(Fault.slow(Duration.ofMillis(1_500)));
			client.flush(Duration.ofSeconds(30));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> runs.stream().allMatch((id) -> this.server.store().run(id).isPresent()));
			if (wave == 0) {
				firstWave.addAll(runs);
			}
		}
		// 31 records were watched and 20 may be: the session and ten runs of the first wave were sent a third time.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> firstWave.stream().filter((id) -> requestsHolding(id) >= 3).count() >= 10);
		assertThat(client.stats().droppedTotal()).isZero();
		flusher.close();
	}

	private long requestsHolding(UUID id) {
		return this.server.requests().stream().filter((request) -> request.bodyAsString().contains(id.toString())).count();
	}

	/**
	 * Finding 2's retention, with a batch cut ahead: records cut into the batch behind one on the wire are not
	 * expired while they wait for it, so when they are stored they count as sent, not as dropped.
	 */
	@Test
	void shouldNotExpireRecordsCutIntoTheBatchBehindOneOnTheWire() {
		Northstar client = client(TestClients.builder(this.server, CaptureOptions.all()).maxQueueSize(5000));
		Session session = client.session();
		for (int i = 0; i < 1999; i++) {
			session.run("run " + i).close();
		}
		// Answered within the request timeout, but once every record pending now is past the retention.
		this.server.enqueueFault(Fault.slow(Duration.ofMillis(3_000)));
		// All 2,000 records wait when it starts: two batches of 1,000, the second cut while the first travels.
		NorthstarFlusher flusher = flusher(client).maxBatchSize(1000)
			.maxRetention(Duration.ofSeconds(2))
			.build()
			.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.store().runs().size() == 1999);
		// The backend stores a batch before it answers; the client counts it once the answer is in.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.stats().sent()).isEqualTo(2000));
		assertThat(this.server.requestCount()).isEqualTo(2);
		assertThat(dropped(client, "expired")).isZero();
		flusher.close();
	}

	/**
	 * Finding 4's neighbour: {@code close()} keeps to its shutdown timeout even while a flusher being built waits for
	 * a synchronous flush on another thread, whose attempt hangs for a minute.
	 */
	@Test
	void shouldCloseWithinTheShutdownTimeoutWhileAFlusherWaitsForASynchronousFlush() throws Exception {
		Northstar client = client(TestClients.builder(this.server, CaptureOptions.all())
			.requestTimeout(Duration.ofSeconds(60)));
		this.server.enqueueFault(Fault.hang());
		client.session().run("on the wire").close();
		Thread flushing = daemon("flushes", () -> client.flush());
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.requestCount() >= 1);
		Thread building = daemon("builds a flusher", () -> NorthstarFlusher.builder(client).build());
		await().atMost(Duration.ofSeconds(30)).until(() -> isWaiting(building));
		CompletableFuture<Void> closing = CompletableFuture.runAsync(client::close);
		// The client's shutdown timeout is 10 s; the attempt on the wire ends only after 60 s.
		assertThatCode(() -> closing.get(25, TimeUnit.SECONDS)).doesNotThrowAnyException();
		building.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(building.isAlive()).isFalse();
		// The flush finishes the shutdown close() left to it: what it could not send is counted.
		flushing.join(TimeUnit.SECONDS.toMillis(90));
		assertThat(flushing.isAlive()).isFalse();
		assertThat(client.stats().sent() + dropped(client, "shutdown")).isEqualTo(2);
	}

	/**
	 * Finding 4's neighbour: a synchronous flush waiting behind another one is not left waiting for good when a
	 * flusher starts first and takes over sending; the flusher sends its records.
	 */
	@Test
	void shouldNotLeaveASynchronousFlushWaitingWhenAFlusherStartsWhileItWaits() throws Exception {
		Northstar client = client(TestClients.builder(this.server, CaptureOptions.all())
			.requestTimeout(Duration.ofSeconds(2)));
		NorthstarFlusher flusher = NorthstarFlusher.builder(client).registerShutdownHook(false).build();
		this.closeables.add(flusher);
		Session session = client.session();
		session.run("first").close();
		// The first flush's first attempt hangs until its 2 s timeout; its retry is stored.
		this.server.enqueueFault(Fault.hang());
		daemon("flushes first", () -> client.flush());
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.requestCount() >= 1);
		Thread starting = daemon("starts the flusher", flusher::start);
		await().atMost(Duration.ofSeconds(30)).until(() -> isWaiting(starting));
		Run second = session.run("second");
		second.close();
		Thread waiting = daemon("flushes second", () -> client.flush());
		waiting.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(waiting.isAlive()).as("the second flush still waits").isFalse();
		await().atMost(Duration.ofSeconds(30)).until(flusher::isRunning);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.store().run(second.id()).isPresent());
	}

	private static boolean isWaiting(Thread thread) {
		return thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING;
	}

	private static Thread daemon(String name, Runnable action) {
		Thread thread = new Thread(() -> {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				// A flush that failed or a flusher refused after close: what this test looks at is close().
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/**
	 * Finding 9 for names and scores: a name passed a prompt by mistake, a judge's long feedback as a comment, a long
	 * category are cut, so each record stays small; every character kept is exactly as given.
	 */
	@Test
	void shouldCutLongNamesAndScoreTextsSoThatEveryRecordStaysSmall() {
		Northstar client = client();
		String text = "Réponse du juge 😀 — ".repeat(50_000);
		Run run = client.session().run(text);
		Span span = run.span(text, SpanKind.TOOL);
		span.close();
		run.close();
		client.score(run.id(), text, text, ScoreOptions.builder().comment(text).build());
		client.flush();
		StoredRun storedRun = this.server.store().run(run.id()).orElseThrow();
		assertThat(storedRun.name()).hasSize(1024).isEqualTo(text.substring(0, 1024));
		assertThat(this.server.store().spansOf(run.id())).singleElement()
			.satisfies((stored) -> assertThat(stored.name()).isEqualTo(text.substring(0, 1024)));
		assertThat(this.server.store().scoresOf(run.id())).singleElement().satisfies((score) -> {
			assertThat(score.name()).isEqualTo(text.substring(0, 1024));
			assertThat(score.stringValue()).isEqualTo(text.substring(0, 1024));
			assertThat(score.comment()).hasSize(32 * 1024).isEqualTo(text.substring(0, 32 * 1024));
		});
		assertThat(this.server.requests()).allSatisfy((request) -> assertThat(request.body()).hasSizeLessThan(200_000));
	}

	/**
	 * Finding 9 for many keys: a map of 100,000 attributes, or 1,500 metadata keys merged one by one, keeps the keys
	 * that fit (exactly, in order), counts the rest under {@code _northstar_omitted_keys}, and keeps the SDK's own
	 * summary keys; the record stays within its bound.
	 */
	@Test
	void shouldKeepTheKeysThatFitCountTheRestAndKeepTheSummaryKeysWhenAMapHasTooManyKeys() {
		Northstar client = client();
		Map<String, Object> many = new LinkedHashMap<>();
		for (int i = 0; i < 100_000; i++) {
			many.put("clé " + i, "valeur 😀 " + i);
		}
		Run run = client.session().run("many keys");
		Span span = run.span("tool", SpanKind.TOOL, null, many);
		span.close();
		for (int i = 0; i < 1500; i++) {
			run.putMetadata("key " + i, i);
		}
		run.putMetadata("latency_ms", 42);
		run.close();
		client.flush();
		JsonNode attributes = this.server.store().spansOf(run.id()).get(0).attributes();
		assertThat(attributes.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThan(300_000);
		int kept = attributes.size() - 1;
		assertThat(kept).isBetween(100, 1000);
		assertThat(attributes.get("_northstar_omitted_keys").asInt()).isEqualTo(100_000 - kept);
		for (int i = 0; i < kept; i++) {
			assertThat(attributes.get("clé " + i).asString()).isEqualTo("valeur 😀 " + i);
		}
		JsonNode metadata = this.server.store().run(run.id()).orElseThrow().metadata();
		assertThat(metadata.get("latency_ms").asInt()).isEqualTo(42);
		assertThat(metadata.get("key 999").asInt()).isEqualTo(999);
		assertThat(metadata.has("key 1000")).isFalse();
		assertThat(metadata.get("_northstar_omitted_keys").asInt()).isEqualTo(500);
	}

	/** Finding 11: a flush reports records the backend refused, and health says DOWN. */
	@Test
	void shouldReportRejectedRecordsAndDownWhenTheBackendRefusesThem() {
		Northstar client = client();
		client.score(UUID.randomUUID(), "orphan", 1.0);
		NorthstarFlusher flusher = flusher(client).build().start();
		FlushResult result = flusher.flush(Duration.ofSeconds(30));
		assertThat(result.completed()).isFalse();
		assertThat(result.rejected()).isEqualTo(1);
		assertThat(result.lastError()).contains("400");
		assertThat(flusher.stats().status()).isEqualTo(FlushStats.Status.DOWN);
		assertThat(flusher.stats().dropped()).containsEntry("rejected", 1L);
		flusher.close();
	}

	/** Finding 11: an endpoint that keeps answering a redirect turns health DOWN and keeps the records. */
	@Test
	void shouldPauseAndReportDownWhenTheEndpointAnswersARedirect() {
		for (int i = 0; i < 5; i++) {
			this.server.enqueueFault(Fault.status(301, "{}"));
		}
		Northstar client = client();
		NorthstarFlusher flusher = flusher(client).build().start();
		client.session().run("kept").close();
		FlushResult result = flusher.flush(Duration.ofSeconds(30));
		assertThat(result.completed()).isFalse();
		assertThat(result.lastError()).contains("301");
		assertThat(flusher.stats().status()).isEqualTo(FlushStats.Status.DOWN);
		assertThat(client.stats().pending()).as("the session and the run, kept").isEqualTo(2);
		flusher.close();
	}

	/** Finding 12: a refused key pauses sending, which resumes once the key is accepted again. */
	@Test
	void shouldResumeSendingOnceTheKeyIsAcceptedAgain() {
		this.server.setApiKeys(List.of("ns_someone_else"));
		try (LogCapture logs = LogCapture.pipeline()) {
			Northstar client = client();
			NorthstarFlusher flusher = flusher(client).refusalPause(Duration.ofMillis(500)).build().start();
			Run run = client.session().run("waits for the key");
			run.close();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(flusher.stats().status()).isEqualTo(FlushStats.Status.DOWN));
			this.server.setApiKeys(List.of(TestClients.API_KEY));
			await().atMost(Duration.ofSeconds(30)).until(() -> this.server.store().run(run.id()).isPresent());
			// The backend stores a batch before it answers; the client's health turns once the answer is in.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(flusher.stats().status()).isEqualTo(FlushStats.Status.UP));
			flusher.close();
			assertThat(logs.messages(Level.SEVERE)).singleElement()
				.satisfies((message) -> assertThat(message).contains("refused the API key", "401"));
			assertThat(client.stats().droppedTotal()).isZero();
		}
	}

	/** Finding 15, while the key is refused: in debug mode every attempt made again is logged, with the count. */
	@Test
	void shouldLogEveryAttemptStillRefusedInDebugMode() {
		this.server.setApiKeys(List.of("ns_someone_else"));
		try (LogCapture logs = LogCapture.pipeline()) {
			Northstar client = client(TestClients.builder(this.server, CaptureOptions.all()).debug(true));
			NorthstarFlusher flusher = flusher(client).refusalPause(Duration.ofMillis(100)).build().start();
			client.session().run("waits for the key").close();
			await().atMost(Duration.ofSeconds(30)).until(() -> this.server.requestCount() >= 3);
			flusher.close();
			assertThat(logs.messages(Level.SEVERE)).singleElement()
				.satisfies((message) -> assertThat(message).contains("refused the API key"));
			assertThat(logs.messages(Level.WARNING)).filteredOn((message) -> message.contains("still refused"))
				.hasSizeGreaterThanOrEqualTo(2)
				.satisfies((messages) -> {
					assertThat(messages.get(0)).contains("HTTP 401", "2 attempts in a row");
					assertThat(messages.get(1)).contains("HTTP 401", "3 attempts in a row");
				});
		}
	}

	/**
	 * Finding 12, with nothing left to send: once a pause is over and every record has expired, the worker waits for
	 * new records instead of waking again and again.
	 */
	@Test
	void shouldWaitWithoutSpinningWhenAPauseIsOverAndNothingIsLeftToSend() throws Exception {
		this.server.setApiKeys(List.of("ns_someone_else"));
		Northstar client = client();
		Set<Thread> before = flushThreads();
		NorthstarFlusher flusher = flusher(client).refusalPause(Duration.ofMillis(50))
			.maxRetention(Duration.ofMillis(300))
			.build()
			.start();
		Set<Thread> started = flushThreads();
		started.removeAll(before);
		Thread worker = started.iterator().next();
		client.session().run("expires while the key is refused").close();
		await().atMost(Duration.ofSeconds(30)).until(() -> dropped(client, "expired") == 2);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long cpuBefore = threads.getThreadCpuTime(worker.getId());
		Thread.sleep(1000);
		long cpu = threads.getThreadCpuTime(worker.getId()) - cpuBefore;
		// A worker that waits uses next to no CPU in a second; one that spins uses most of it.
		assertThat(Duration.ofNanos(cpu)).isLessThan(Duration.ofMillis(250));
		assertThat(client.stats().pending()).isZero();
		flusher.close();
	}

	private static Set<Thread> flushThreads() {
		Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
		threads.removeIf((thread) -> !NorthstarFlusher.THREAD_NAME.equals(thread.getName()));
		return threads;
	}

	/** Finding 13: an exception whose message cannot be read is recorded, and never replaces the application's. */
	@Test
	void shouldRecordAnUnreadableErrorAndRethrowTheApplicationsOwnException() {
		Northstar client = client();
		RuntimeException unreadable = new IllegalStateException() {

			@Override
			public String getMessage() {
				throw new UnsupportedOperationException("no message for you");
			}

		};
		Session session = client.session();
		assertThatException().isThrownBy(() -> session.run("fails", (run) -> {
			throw unreadable;
		})).isSameAs(unreadable);
		Run run = session.run("records it");
		assertThatCode(() -> run.recordError(unreadable)).doesNotThrowAnyException();
		assertThatException().isThrownBy(() -> run.span("tool", SpanKind.TOOL, (span) -> {
			throw unreadable;
		})).isSameAs(unreadable);
		run.close();
		client.flush();
		assertThat(this.server.store().run(run.id()).orElseThrow().error().get("message").asString())
			.isEqualTo("<unavailable>");
	}

	/**
	 * Finding 13 with errors that are not exceptions: a {@code getMessage()} or a getter that throws an
	 * {@link AssertionError} (as Kotlin's {@code TODO()} throws {@code NotImplementedError}) is recorded, never thrown,
	 * and the body runs once.
	 */
	@Test
	void shouldRecordWhatApplicationCodeThrowsAsAnErrorAndRunTheBodyOnce() {
		Northstar client = client();
		RuntimeException unreadable = new IllegalStateException() {

			@Override
			public String getMessage() {
				throw new AssertionError("no message for you");
			}

		};
		Session session = client.session();
		assertThatException().isThrownBy(() -> session.run("fails", (run) -> {
			throw unreadable;
		})).isSameAs(unreadable);
		AtomicInteger ran = new AtomicInteger();
		TraceOptions hostileInput = TraceOptions.builder().input(new FailingBean()).build();
		UUID[] traced = new UUID[1];
		String result = client.trace("hostile input", hostileInput, () -> {
			ran.incrementAndGet();
			traced[0] = client.currentTraceId().orElseThrow();
			return "done";
		});
		assertThat(result).isEqualTo("done");
		assertThat(ran).hasValue(1);
		client.flush();
		assertThat(this.server.store().eventsOf(traced[0])).filteredOn((event) -> event.type().equals("user_input"))
			.singleElement()
			.satisfies((event) -> assertThat(event.content().toString()).contains("<unserializable"));
		assertThat(this.server.store().runs()).filteredOn((run) -> run.name().equals("fails"))
			.singleElement()
			.satisfies((run) -> assertThat(run.error().get("message").asString()).isEqualTo("<unavailable>"));
	}

	/** A bean whose getter fails with an error, not an exception. */
	public static final class FailingBean {

		public String getText() {
			throw new AssertionError("no text for you");
		}

	}

	/** Finding 14: a listener that throws never reaches the application. */
	@Test
	void shouldNeverLetAThrowingListenerReachTheApplication() {
		Northstar client = client();
		NorthstarInternals.pipeline(client).queue().addListener(new QueueListener() {

			@Override
			public void onQueued(int pending) {
				throw new IllegalStateException("broken listener");
			}

			@Override
			public void onSent(int count) {
				throw new IllegalStateException("broken listener");
			}

		});
		Session session = client.session();
		assertThatCode(() -> session.run("fine").close()).doesNotThrowAnyException();
		assertThat(client.flush().runs()).hasSize(1);
	}

	/** Finding 15: in debug mode failed attempts are logged, at most one line per 10 seconds, with counts. */
	@Test
	void shouldLogFailedAttemptsRateLimitedWhenDebugIsOn() {
		try (LogCapture logs = LogCapture.pipeline()) {
			Northstar client = client(TestClients.builder(this.server, CaptureOptions.all()).debug(true));
			NorthstarFlusher flusher = flusher(client).shutdownTimeout(Duration.ofMillis(200)).build().start();
			this.server.setUnavailable(true);
			client.session().run("during the outage").close();
			AtomicInteger requests = new AtomicInteger();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				requests.set(this.server.requestCount());
				return requests.get() >= 5;
			});
			flusher.close();
			List<String> lines = logs.messages(Level.WARNING)
				.stream()
				.filter((message) -> message.startsWith("NorthStar could not send"))
				.toList();
			assertThat(lines).hasSizeBetween(1, 2);
			assertThat(lines.get(0)).contains("HTTP 503", "retrying in", "records are kept");
		}
	}

	/** Finding 16: records made after close are counted, and a later flush returns an empty batch. */
	@Test
	void shouldCountRecordsMadeAfterCloseAndReturnAnEmptyBatchFromALaterFlush() {
		Northstar client = client();
		client.session().run("before").close();
		client.close();
		assertThat(this.server.store().runs()).hasSize(1);
		client.session().run("after").close();
		// The session and the run, each once: a record dropped on arrival is never queued again.
		assertThat(dropped(client, "shutdown")).isEqualTo(2);
		assertThat(client.stats().pending()).isZero();
		assertThat(client.flush().isEmpty()).isTrue();
		assertThat(client.flush(Duration.ofSeconds(1)).remaining()).isZero();
	}

	/**
	 * Finding 16, asynchronously: after close, neither asynchronous flush throws, although the thread they ran on is
	 * gone.
	 */
	@Test
	void shouldAnswerAsynchronousFlushesAfterCloseWithoutThrowing() throws Exception {
		Northstar client = client();
		client.session().run("before").close();
		assertThat(client.flushAsync().get(30, TimeUnit.SECONDS).runs()).hasSize(1);
		client.close();
		client.session().run("after").close();
		assertThatCode(() -> {
			assertThat(client.flushAsync().get(30, TimeUnit.SECONDS).isEmpty()).isTrue();
			FlushResult result = client.flush(Duration.ofSeconds(1));
			assertThat(result.remaining()).isZero();
			assertThat(result.lastError()).isNull();
		}).doesNotThrowAnyException();
		assertThat(dropped(client, "shutdown")).isEqualTo(2);
	}

	/** Finding 1: the shutdown warning's count is the number itself, in any locale (no "1,200" or "1.200"). */
	@Test
	void shouldWriteTheCountOfTheShutdownWarningWithoutGroupingInAnyLocale() {
		Locale locale = Locale.getDefault();
		Locale.setDefault(Locale.GERMANY);
		try (LogCapture logs = LogCapture.pipeline()) {
			Northstar client = client(TestClients.builder(this.server, CaptureOptions.all()).maxQueueSize(5000));
			NorthstarFlusher flusher = flusher(client).shutdownTimeout(Duration.ofSeconds(1)).build().start();
			this.server.setUnavailable(true);
			Session session = client.session();
			for (int i = 0; i < 1199; i++) {
				session.run("run " + i).close();
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> client.stats().lastError() != null);
			flusher.close();
			assertThat(logs.messages(Level.WARNING)).filteredOn((message) -> message.startsWith("NorthStar shut down"))
				.singleElement()
				.satisfies((message) -> assertThat(message).startsWith("NorthStar shut down with 1200 records not sent"));
			assertThat(dropped(client, "shutdown")).isEqualTo(1200);
		}
		finally {
			Locale.setDefault(locale);
		}
	}

	/** Finding 8, in process: a live run keeps no content of the events it sent. */
	@Test
	void shouldKeepNoContentOfEventsAlreadySent() {
		Northstar client = client();
		Run run = client.session().run("long-lived");
		for (int i = 0; i < 50; i++) {
			run.recordCustomEvent("big " + i + " " + "x".repeat(10_000));
		}
		assertThat(run.events()).hasSize(50);
		client.flush();
		assertThat(run.events()).as("sent: the run holds none of their content").isEmpty();
		run.recordCustomEvent("after");
		assertThat(run.events()).hasSize(1);
		assertThat(this.server.store().eventsOf(run.id())).hasSize(50);
	}

	private JdkHttpIngestTransport jdkTransport() {
		JdkHttpIngestTransport transport = JdkHttpIngestTransport.builder()
			.endpoint(this.server.ingestUri())
			.apiKey(TestClients.API_KEY)
			.build();
		this.closeables.add(transport);
		return transport;
	}

}
