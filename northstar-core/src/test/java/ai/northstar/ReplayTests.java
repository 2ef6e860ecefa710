package ai.northstar;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.northstar.data.Batch;
import ai.northstar.internal.export.WireFormat;
import ai.northstar.local.LocalIngestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link Replay} and {@link Run#fromJson(String, UUID)}.
 */
class ReplayTests {

	private LocalIngestServer server;

	private Northstar client;

	@BeforeEach
	void startServer() {
		this.server = LocalIngestServer.builder().apiKey(TestClients.API_KEY).build();
		this.client = TestClients.client(this.server, CaptureOptions.all());
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private Run recordRun() {
		Run run = this.client.session().run("agent");
		run.recordUserInput("add things");
		try (Span add = run.span("add", SpanKind.TOOL)) {
			add.recordToolArguments(Map.of("a", 2, "b", 3));
			add.recordToolResult(5);
		}
		try (Span model = run.span("llm", SpanKind.MODEL)) {
			model.recordToolArguments(Map.of("ignored", true));
		}
		try (Span add = run.span("add", SpanKind.TOOL)) {
			add.recordToolArguments(Map.of("a", 10, "b", 1));
			add.recordToolResult(11);
		}
		run.recordFinalResponse("16");
		run.close();
		return run;
	}

	private static final ReplayTool ADD = (call) -> call.named().get("a").asInt() + call.named().get("b").asInt();

	@Test
	void shouldRetainEventsInRecordingOrderUpToTheLimitWhenThreadsRecordConcurrently() throws Exception {
		Northstar roomy = TestClients.builder(this.server, CaptureOptions.all()).maxQueueSize(10_000).build();
		Run run = roomy.session().run("parallel tools");
		int threads = 4;
		int perThread = 300;
		java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(threads);
		java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
		try {
			List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < perThread; i++) {
						run.recordCustomEvent(thread + ":" + i);
					}
					return null;
				}));
			}
			start.countDown();
			for (java.util.concurrent.Future<?> future : futures) {
				future.get(30, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}

		List<String> retained = run.events().stream().map((event) -> event.content().stringValue()).toList();
		assertThat(retained).hasSize(Run.MAX_RETAINED_EVENTS).doesNotHaveDuplicates();
		for (int t = 0; t < threads; t++) {
			String prefix = t + ":";
			List<Integer> ofThread = retained.stream()
				.filter((content) -> content.startsWith(prefix))
				.map((content) -> Integer.parseInt(content.substring(prefix.length())))
				.toList();
			// Each thread's events are retained in the order it recorded them, with none of its first ones missing.
			assertThat(ofThread).isSorted();
			assertThat(ofThread).isEqualTo(java.util.stream.IntStream.range(0, ofThread.size()).boxed().toList());
		}
		assertThat(roomy.flush().events()).hasSize(threads * perThread);
	}

	@Test
	void shouldTurnEventsIntoStepsAndToolCalls() {
		Replay replay = recordRun().replay(Map.of("add", ADD));
		assertThat(replay.steps()).hasSize(7);
		assertThat(replay.steps()).filteredOn(Replay.Step::toolCall).hasSize(2);
		assertThat(replay.toolCalls()).extracting(Replay.ToolCall::toolName).containsExactly("add", "add");
		assertThat(replay.toolResults()).extracting((node) -> node.asInt()).containsExactly(5, 11);
	}

	@Test
	void shouldReplayToolCallsAndReportMatches() {
		Replay replay = recordRun().replay(Map.of("add", ADD));
		List<tools.jackson.databind.JsonNode> results = replay.replay();
		assertThat(results).extracting((node) -> node.asInt()).containsExactly(5, 11);
		assertThat(replay.diff(results).allMatch()).isTrue();
		ReplayDiff changed = replay.diff(List.of(5, 12));
		assertThat(changed.allMatch()).isFalse();
		assertThat(changed.mismatches()).singleElement()
			.satisfies((entry) -> assertThat(entry.call().index()).isEqualTo(1));
	}

	@Test
	void shouldNameTheMissingTool() {
		Replay replay = recordRun().replay(Map.of());
		assertThatIllegalStateException().isThrownBy(replay::replay)
			.withMessageContaining("No tool registered for recorded tool call 'add'");
	}

	@Test
	void shouldWrapAFailingTool() {
		Replay replay = recordRun().replay(Map.of("add", (call) -> {
			throw new IllegalStateException("down");
		}));
		assertThatExceptionOfType(Replay.ReplayException.class).isThrownBy(replay::replay)
			.withMessageContaining("Tool 'add' failed")
			.withCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void shouldRebuildARunFromTheJsonOfAFlushedBatch() {
		Run run = recordRun();
		Batch batch = this.client.flush();
		String json = WireFormat.writeString(batch);
		Run rebuilt = Run.fromJson(json, run.id());
		assertThat(rebuilt.name()).isEqualTo("agent");
		assertThat(rebuilt.status()).isEqualTo(RunStatus.OK);
		Replay replay = rebuilt.replay(Map.of("add", ADD));
		assertThat(replay.diff(replay.replay()).allMatch()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> rebuilt.recordUserInput("x"))
			.withMessageContaining("read-only");
	}

	@Test
	void shouldReplayToolArgumentsRecordedByThePythonSdk() {
		UUID runId = UUID.randomUUID();
		UUID spanId = UUID.randomUUID();
		String json = """
				{"schema_version": 2,
				 "sessions": [{"id": "%3$s", "created_at": "2026-01-01T00:00:00Z", "metadata": {}}],
				 "runs": [{"id": "%1$s", "session_id": "%3$s", "name": "py", "started_at": "2026-01-01T00:00:00Z",
				           "status": "ok", "metadata": {}}],
				 "spans": [{"id": "%2$s", "run_id": "%1$s", "kind": "tool", "name": "add",
				            "started_at": "2026-01-01T00:00:00Z", "status": "ok", "attributes": {}}],
				 "events": [
				   {"id": "%4$s", "run_id": "%1$s", "span_id": "%2$s", "type": "tool_arguments",
				    "created_at": "2026-01-01T00:00:01Z", "content": {"args": [2], "kwargs": {"b": 3}}, "attributes": {}},
				   {"id": "%5$s", "run_id": "%1$s", "span_id": "%2$s", "type": "tool_result",
				    "created_at": "2026-01-01T00:00:02Z", "content": 5, "attributes": {}}]}
				""".formatted(runId, spanId, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		Replay replay = Run.fromJson(json, runId)
			.replay(Map.of("add", (call) -> call.positional().get(0).asInt() + call.named().get("b").asInt()));
		assertThat(replay.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.positional()).hasSize(1);
			assertThat(call.named()).containsOnlyKeys("b");
		});
		assertThat(replay.diff(replay.replay()).allMatch()).isTrue();
	}

	@Test
	void shouldRefuseJsonThatHoldsNoSuchRun() {
		String json = WireFormat.writeString(Batch.empty());
		UUID id = UUID.randomUUID();
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Run.fromJson(json, id))
			.withMessage("The batch holds no run with id " + id);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Run.fromJson("{oops", id))
			.withMessageStartingWith("Not a NorthStar batch");
	}

}
