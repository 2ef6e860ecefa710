package ai.northstar.test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ai.northstar.EventType;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.ReplayDiff;
import ai.northstar.Run;
import ai.northstar.RunStatus;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.LocalStore;
import ai.northstar.transport.IngestResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NorthstarRecorder}.
 */
@Timeout(30)
class NorthstarRecorderTests {

	private static final String SESSION = "00000000-0000-4000-8000-000000000001";

	private static final String RUN = "00000000-0000-4000-8000-000000000002";

	private static final String ORPHAN_SPAN_BATCH = """
			{"schema_version": 2, "spans": [{"id": "00000000-0000-4000-8000-000000000003",
			"run_id": "00000000-0000-4000-8000-000000000099", "kind": "tool", "name": "búsqueda 🔍",
			"started_at": "2026-01-01T00:00:00Z", "status": "running", "attributes": {}}]}""";

	private final NorthstarRecorder recorder = NorthstarRecorder.create();

	@AfterEach
	void close() {
		this.recorder.close();
	}

	@Test
	void shouldRecordRunsSpansEventsAndScoresWhenTheClientFlushes() {
		UUID runId = TestAgents.ask(this.recorder.client(), TestAgents.QUESTION);

		List<RecordedRun> runs = this.recorder.awaitRuns(1);

		assertThat(runs).hasSize(1);
		RecordedRun run = runs.get(0);
		assertThat(run.id()).isEqualTo(runId);
		assertThat(run.name()).isEqualTo("research-agent 🔎");
		assertThat(run.status()).isEqualTo(RunStatus.OK);
		assertThat(run.spans()).extracting((span) -> span.name())
			.containsExactly("plan", "chat", "search_docs", "calculator");
		assertThat(run.toolCalls()).extracting(RecordedToolCall::name).containsExactly("search_docs", "calculator");
		assertThat(run.toolCalls().get(0).namedArguments().get("query").asString()).isEqualTo("política 🧾");
		assertThat(run.events(EventType.FINAL_RESPONSE).get(0).content().asString()).isEqualTo(TestAgents.ANSWER);
		assertThat(run.scores()).extracting((score) -> score.name()).containsExactly("answered ✅", "relevance");
		assertThat(run.metadata().path("total_input_tokens").asLong()).isEqualTo(120);
		assertThat(this.recorder.refusals()).isEmpty();
		assertThat(this.recorder.acceptedBatches()).isPositive();
	}

	@Test
	void shouldRefuseAnOrphanSpanExactlyLikeTheBackendWhenItsRunIsMissing() throws Exception {
		byte[] body = ORPHAN_SPAN_BATCH.getBytes(StandardCharsets.UTF_8);

		IngestResponse recorded = this.recorder.send(body).join();

		try (LocalIngestServer server = LocalIngestServer.create()) {
			HttpResponse<String> served = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(server.ingestUri())
					.header("Authorization", "Bearer ns_test")
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(recorded.status()).isEqualTo(served.statusCode()).isEqualTo(400);
			JsonMapper mapper = JsonMapper.builder().build();
			assertThat(mapper.readTree(recorded.body())).isEqualTo(mapper.readTree(served.body()));
			assertThat(mapper.readTree(recorded.body()).path("error").asString())
				.isEqualTo("Payload contains invalid project references");
		}
		assertThat(this.recorder.store().spans()).isEmpty();
		assertThat(this.recorder.refusals()).singleElement().satisfies((refusal) -> {
			assertThat(refusal.status()).isEqualTo(400);
			assertThat(refusal.batch()).contains("búsqueda 🔍");
		});
	}

	@Test
	void shouldAcceptAParentAndItsChildWhenBothAreInOneBatch() {
		String batch = """
				{"schema_version": 2,
				 "sessions": [{"id": "%s", "created_at": "2026-01-01T00:00:00Z", "metadata": {}}],
				 "runs": [{"id": "%s", "session_id": "%s", "name": "naïve 🤖", "started_at": "2026-01-01T00:00:00Z",
				   "status": "ok", "ended_at": "2026-01-01T00:00:01Z", "metadata": {}}]}"""
			.formatted(SESSION, RUN, SESSION);

		IngestResponse response = this.recorder.send(batch.getBytes(StandardCharsets.UTF_8)).join();

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"accepted\":true}");
		assertThat(this.recorder.runs()).extracting(RecordedRun::name).containsExactly("naïve 🤖");
	}

	@Test
	void shouldAnswerInvalidJsonWhenTheBodyIsNotJson() {
		IngestResponse response = this.recorder.send("{\"schema_version\": 2,".getBytes(StandardCharsets.UTF_8)).join();

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("Invalid JSON");
	}

	@Test
	void shouldAnswerAServerErrorWhenAStringHoldsNul() {
		String batch = """
				{"schema_version": 2,
				 "sessions": [{"id": "%s", "created_at": "2026-01-01T00:00:00Z", "metadata": {"note": "a\\u0000b"}}]}"""
			.formatted(SESSION);

		IngestResponse response = this.recorder.send(batch.getBytes(StandardCharsets.UTF_8)).join();

		assertThat(response.status()).isEqualTo(500);
		assertThat(this.recorder.refusals()).hasSize(1);
	}

	@Test
	void shouldFailAwaitRunsWithTheBackendErrorWhenABatchWasRefused() {
		this.recorder.send(ORPHAN_SPAN_BATCH.getBytes(StandardCharsets.UTF_8)).join();

		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.recorder.awaitRuns(1))
			.withMessageContaining("NorthStar would refuse 1 batch(es)")
			.withMessageContaining("HTTP 400 \"Payload contains invalid project references\"")
			.withMessageContaining("búsqueda 🔍");
	}

	@Test
	void shouldFailAwaitRunsWithTheRecordedRunsWhenTooFewEnd() {
		Northstar client = this.recorder.client();
		Run running = client.startRun("still running ⏳", Map.of());

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.recorder.awaitRuns(1, Duration.ofMillis(100)))
			.withMessageContaining("Expected at least 1 ended run(s)")
			.withMessageContaining("run \"still running ⏳\" [running]");
		running.close();
		assertThat(this.recorder.awaitRuns(1)).extracting(RecordedRun::name).containsExactly("still running ⏳");
	}

	@Test
	void shouldForgetRefusalsWhenReset() {
		this.recorder.send(ORPHAN_SPAN_BATCH.getBytes(StandardCharsets.UTF_8)).join();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(this.recorder::assertNoRefusals);

		this.recorder.reset();

		this.recorder.assertNoRefusals();
		assertThat(this.recorder.refusals()).isEmpty();
	}

	@Test
	void shouldHideEarlierRunsAndStillAcceptLaterRunsOfTheSameSessionWhenReset() {
		Northstar client = this.recorder.client();
		TestAgents.ask(client, "first 🥇");
		this.recorder.awaitRuns(1);

		this.recorder.reset();
		UUID second = TestAgents.ask(client, "second 🥈");

		assertThat(this.recorder.awaitRuns(1)).extracting(RecordedRun::id).containsExactly(second);
		assertThat(this.recorder.store().runs()).hasSize(2);
		assertThat(this.recorder.refusals()).isEmpty();
	}

	@Test
	void shouldWaitForTheBackgroundFlusherWhenTheBoundClientHasOne() {
		NorthstarRecorder background = NorthstarRecorder.create();
		Northstar client = Northstar.builder()
			.apiKey(NorthstarRecorder.API_KEY)
			.endpoint(NorthstarRecorder.ENDPOINT)
			.transport(background)
			.build();
		background.bind(client);
		NorthstarFlusher flusher = NorthstarFlusher.builder(client).flushInterval(Duration.ofHours(1)).build().start();
		try {
			client.trace("background 🌙", () -> "done");

			assertThat(background.awaitRuns(1)).extracting(RecordedRun::name).containsExactly("background 🌙");
		}
		finally {
			flusher.close();
		}
	}

	@Test
	void shouldWriteABatchTheBackendAcceptsWhenARunIsExported() {
		TestAgents.ask(this.recorder.client(), TestAgents.QUESTION);
		RecordedRun run = this.recorder.awaitRuns(1).get(0);

		LocalStore fresh = LocalStore.create();
		assertThat(fresh.ingest(JsonMapper.builder().build().readTree(run.toBatchJson())).isAccepted()).isTrue();
		assertThat(fresh.spans()).hasSize(4);
		assertThat(fresh.eventsOf(run.id())).hasSameSizeAs(run.events());
		ReplayDiff diff = run.replay(Map.of("search_docs",
				(call) -> List.of(Map.of("id", "doc-1", "text", "Reembolsos durante 30 días")), "calculator",
				(call) -> 42))
			.diff(run.replay(Map.of("search_docs", (call) -> List.of(), "calculator", (call) -> 42)).replay());
		assertThat(diff.mismatches()).singleElement()
			.satisfies((entry) -> assertThat(entry.call().toolName()).isEqualTo("search_docs"));
	}

	@Test
	void shouldRecordEveryRunWhenManyThreadsTraceAtOnce() throws Exception {
		Northstar client = this.recorder.client();
		int threads = 8;
		int perThread = 5;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<List<UUID>>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					start.await();
					List<UUID> ids = new ArrayList<>();
					for (int i = 0; i < perThread; i++) {
						ids.add(TestAgents.ask(client, "hilo " + thread + " · " + i + " 🧵"));
						if (i % 2 == 0) {
							client.flush(Duration.ofSeconds(10));
						}
					}
					return ids;
				}));
			}
			start.countDown();
			List<UUID> expected = new ArrayList<>();
			for (Future<List<UUID>> future : futures) {
				expected.addAll(future.get(20, TimeUnit.SECONDS));
			}

			List<RecordedRun> runs = this.recorder.awaitRuns(threads * perThread);

			assertThat(runs).extracting(RecordedRun::id).containsExactlyInAnyOrderElementsOf(expected);
			assertThat(runs).allSatisfy((run) -> assertThat(run.toolCalls()).hasSize(2));
			assertThat(this.recorder.refusals()).isEmpty();
		}
		finally {
			executor.shutdownNow();
		}
	}

}
