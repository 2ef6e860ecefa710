package ai.northstar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.northstar.data.Batch;
import ai.northstar.data.EventData;
import ai.northstar.data.ScoreData;
import ai.northstar.internal.export.WireFormat;
import ai.northstar.local.Fault;
import ai.northstar.transport.RetryPolicy;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Northstar} against a real loopback server that validates like the NorthStar backend.
 */
class NorthstarClientTests {

	private LocalIngestServer server;

	private Northstar client;

	@BeforeEach
	void startServer() {
		this.server = LocalIngestServer.builder().apiKey("ns_test").build();
		this.client = TestClients.client(this.server, CaptureOptions.all());
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void shouldTimeARunItsSpansAndEventsInOrderOnTheSystemClock() {
		java.time.Instant before = java.time.Instant.now();
		Run run = this.client.session().run("timed");
		Span agent = run.span("plan", SpanKind.AGENT);
		Span tool = agent.span("search", SpanKind.TOOL);
		EventData event = tool.recordToolResult("found").orElseThrow();
		tool.close();
		agent.close();
		run.close();
		java.time.Instant after = java.time.Instant.now();
		Batch batch = this.client.flush();

		java.time.Instant runEnd = batch.runs().get(0).endedAt();
		assertThat(batch.spans()).hasSize(2).allSatisfy((span) -> {
			assertThat(span.startedAt()).isAfterOrEqualTo(run.startedAt()).isBeforeOrEqualTo(span.endedAt());
			assertThat(span.endedAt()).isBeforeOrEqualTo(runEnd);
		});
		assertThat(event.createdAt()).isAfterOrEqualTo(batch.spans().get(1).startedAt())
			.isBeforeOrEqualTo(batch.spans().get(1).endedAt());
		// Read from the run's monotonic anchor, yet on the wall clock's time line.
		assertThat(run.startedAt()).isBetween(before, after);
		assertThat(runEnd).isBetween(before.minusSeconds(1), after.plusSeconds(1));
	}

	@Test
	void shouldReadEveryTimestampFromAGivenClock() {
		java.time.Instant fixed = java.time.Instant.parse("2026-01-02T03:04:05.123456789Z");
		Northstar fixedClient = TestClients.builder(this.server, CaptureOptions.all())
			.clock(java.time.Clock.fixed(fixed, java.time.ZoneOffset.UTC))
			.build();
		Run run = fixedClient.session().run("fixed");
		try (Span span = run.span("tool", SpanKind.TOOL)) {
			span.recordToolResult(1);
		}
		run.close();
		Batch batch = fixedClient.flush();
		assertThat(batch.runs().get(0).startedAt()).isEqualTo(fixed);
		assertThat(batch.runs().get(0).endedAt()).isEqualTo(fixed);
		assertThat(batch.spans().get(0).startedAt()).isEqualTo(fixed);
		assertThat(batch.spans().get(0).endedAt()).isEqualTo(fixed);
		assertThat(batch.events().get(0).createdAt()).isEqualTo(fixed);
	}

	@Test
	void shouldSendFullTraceThatTheBackendStoresExactly() {
		UUID runId;
		UUID toolSpanId;
		UUID errorRunId;
		try (Session session = this.client.session(Map.of("source", "cli"))) {
			try (Run run = session.run("research-agent", Map.of("user", "u-1"))) {
				runId = run.id();
				run.recordSystemMessage("You are helpful.");
				run.recordUserInput("Find the docs.");
				run.recordAssistantMessage("Searching.");
				try (Span agent = run.span("plan", SpanKind.AGENT, 1, Map.of("goal", "docs"))) {
					agent.recordReasoning("I should search.");
					try (Span tool = run.span("search-docs", SpanKind.TOOL)) {
						toolSpanId = tool.id();
						assertThat(tool.parent()).isSameAs(agent);
						tool.recordToolArguments(Map.of("query", "docs"));
						tool.recordToolResult(List.of("a", "b"));
						try (Span child = tool.span("http-get", SpanKind.CUSTOM)) {
							child.setAttribute("status", 200);
						}
					}
					try (Span model = agent.span("llm", SpanKind.MODEL)) {
						model.recordUsage("gpt-4o", 1000, 200);
					}
				}
				run.recordToolResult("run-level tool result");
				run.recordCustomEvent(Map.of("k", "v"), Map.of("northstar_type", "event"));
				run.recordFinalResponse("Found.");
				this.client.score(run.id(), "relevance", 0.92);
				this.client.score(run.id(), "answered", true);
				this.client.score(run.id(), "verdict", "good",
						ScoreOptions.builder().spanId(toolSpanId).comment("checked").build());
			}
			Run failed = session.run("failing-agent");
			errorRunId = failed.id();
			failed.recordError(new IllegalStateException("boom"));
			failed.close();
		}

		assertThat(this.server.store().rejectedBatches()).isZero();
		StoredRun run = this.server.store().run(runId).orElseThrow();
		assertThat(run.status()).isEqualTo("ok");
		assertThat(run.endedAt()).isNotNull();
		assertThat(run.metadata().get("user").asString()).isEqualTo("u-1");
		assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(1000);
		assertThat(run.metadata().get("total_output_tokens").asLong()).isEqualTo(200);
		assertThat(run.metadata().get("cost_usd").decimalValue()).isEqualByComparingTo("0.0045");
		List<StoredSpan> spans = this.server.store().spansOf(runId);
		assertThat(spans).extracting(StoredSpan::name).containsExactlyInAnyOrder("plan", "search-docs", "http-get", "llm");
		Map<String, StoredSpan> byName = new LinkedHashMap<>();
		spans.forEach((span) -> byName.put(span.name(), span));
		assertThat(byName.get("plan").parentSpanId()).isNull();
		assertThat(byName.get("plan").iteration()).isEqualTo(1);
		assertThat(byName.get("search-docs").parentSpanId()).isEqualTo(byName.get("plan").id());
		assertThat(byName.get("http-get").parentSpanId()).isEqualTo(byName.get("search-docs").id());
		assertThat(byName.get("http-get").attributes().get("status").asInt()).isEqualTo(200);
		assertThat(byName.get("llm").kind()).isEqualTo("model");
		assertThat(byName.get("llm").attributes().get("pricing_source").asString()).isEqualTo("pricing_table");
		assertThat(byName.get("llm").attributes().get("total_tokens").asLong()).isEqualTo(1200);
		assertThat(spans).allSatisfy((span) -> {
			assertThat(span.status()).isEqualTo("ok");
			assertThat(span.endedAt()).isNotNull();
		});
		List<StoredEvent> events = this.server.store().eventsOf(runId);
		assertThat(events).extracting(StoredEvent::type)
			.containsExactlyInAnyOrder("system_message", "user_input", "assistant_message", "reasoning",
					"tool_arguments", "tool_result", "tool_result", "custom", "final_response");
		StoredEvent arguments = events.stream().filter((e) -> e.type().equals("tool_arguments")).findFirst().orElseThrow();
		assertThat(arguments.spanId()).isEqualTo(toolSpanId);
		assertThat(arguments.content().get("query").asString()).isEqualTo("docs");
		List<StoredScore> scores = this.server.store().scoresOf(runId);
		assertThat(scores).extracting(StoredScore::name, StoredScore::dataType)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("relevance", "numeric"),
					org.assertj.core.groups.Tuple.tuple("answered", "boolean"),
					org.assertj.core.groups.Tuple.tuple("verdict", "categorical"));
		StoredRun failed = this.server.store().run(errorRunId).orElseThrow();
		assertThat(failed.status()).isEqualTo("error");
		assertThat(failed.error().get("type").asString()).isEqualTo("IllegalStateException");
		assertThat(failed.error().get("message").asString()).isEqualTo("boom");
		assertThat(failed.error().get("module").asString()).isEqualTo("java.lang");
		assertThat(this.server.store().sessions()).singleElement()
			.satisfies((session) -> assertThat(session.endedAt()).isNotNull());
		assertThat(this.client.stats().pending()).isZero();
	}

	@Test
	void shouldSendEachRecordOnceInItsLatestState() {
		Session session = this.client.session();
		Run run = session.run("agent");
		run.close();
		Batch batch = this.client.flush();
		assertThat(batch.runs()).singleElement().satisfies((data) -> {
			assertThat(data.status()).isEqualTo(RunStatus.OK);
			assertThat(data.endedAt()).isNotNull();
		});
		assertThat(this.client.lastFlushedBatch()).isSameAs(batch);
		assertThat(this.client.flush().isEmpty()).isTrue();
	}

	@Test
	void shouldWriteNothingForTypedEventsWhoseFlagIsOff() {
		Northstar quiet = TestClients.client(this.server, CaptureOptions.builder().userInput(true).build());
		Session session = quiet.session();
		Run run = session.run("agent");
		assertThat(run.recordUserInput("q")).isPresent();
		assertThat(run.recordFinalResponse("a")).isEmpty();
		assertThat(run.recordSystemMessage("s")).isEmpty();
		assertThat(run.recordAssistantMessage("m")).isEmpty();
		assertThat(run.recordToolResult("r")).isEmpty();
		Span span = run.span("tool", SpanKind.TOOL);
		assertThat(span.recordReasoning("r")).isEmpty();
		assertThat(span.recordToolArguments("a")).isEmpty();
		assertThat(span.recordToolResult("r")).isEmpty();
		assertThat(span.recordCustomEvent("c")).isPresent();
		assertThat(run.recordCustomEvent("c")).isPresent();
		assertThat(quiet.flush().events()).extracting(EventData::type)
			.containsExactly(EventType.USER_INPUT, EventType.CUSTOM, EventType.CUSTOM);
	}

	@Test
	void shouldKeepEverythingPendingWhenTheBackendFailsAndResendTheSameIds() {
		Session session = this.client.session();
		Run run = session.run("agent");
		run.recordUserInput("hello");
		for (int i = 0; i < RetryPolicy.DEFAULT_MAX_ATTEMPTS; i++) {
			this.server.enqueueFault(Fault.status(503, "{\"error\": \"overloaded\"}"));
		}
		assertThatExceptionOfType(NorthstarException.class).isThrownBy(this.client::flush).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(503);
			assertThat(ex.serverError()).isEqualTo("overloaded");
			assertThat(ex.getMessage()).doesNotContain("ns_test");
		});
		assertThat(this.client.stats().pending()).isEqualTo(3);
		run.close();
		Batch batch = this.client.flush();
		assertThat(batch.sessions()).extracting((s) -> s.id()).containsExactly(session.id());
		assertThat(batch.runs()).singleElement().satisfies((data) -> {
			assertThat(data.id()).isEqualTo(run.id());
			assertThat(data.status()).isEqualTo(RunStatus.OK);
		});
		assertThat(batch.events()).hasSize(1);
		assertThat(this.server.store().run(run.id()).orElseThrow().status()).isEqualTo("ok");
	}

	@Test
	void shouldSplitOnlyWhereABatchWouldCarryMoreThanFiveHundredScores() {
		Northstar roomy = TestClients.builder(this.server, CaptureOptions.all()).maxQueueSize(10_000).build();
		Session session = roomy.session();
		Run run = session.run("agent");
		for (int i = 0; i < 1200; i++) {
			roomy.score(run.id(), "s" + i, i);
		}
		int before = this.server.requestCount();
		Batch batch = roomy.flush();
		assertThat(this.server.requestCount() - before).isEqualTo(3);
		assertThat(batch.scores()).hasSize(1200);
		assertThat(this.server.store().scoresOf(run.id())).hasSize(1200);
	}

	@Test
	void shouldAddFailingFlushAsSuppressedToTheBlocksException() {
		this.server.setUnavailable(true);
		IllegalStateException thrown = new IllegalStateException("agent failed");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> {
			try (Session session = this.client.session()) {
				session.run("agent");
				throw thrown;
			}
		}).isSameAs(thrown).satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
			.isInstanceOf(NorthstarException.class));
	}

	@Test
	void shouldEndCallbackRunWithErrorAndRethrowTheSameException() {
		IOException failure = new IOException("disk full");
		Session session = this.client.session();
		List<Run> seen = new ArrayList<>();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> session.run("agent", (run) -> {
			seen.add(run);
			return run.span("write", SpanKind.TOOL, (span) -> {
				throw failure;
			});
		})).isSameAs(failure);
		Batch batch = this.client.flush();
		assertThat(batch.runs()).singleElement().satisfies((data) -> {
			assertThat(data.status()).isEqualTo(RunStatus.ERROR);
			assertThat(data.error().type()).isEqualTo("IOException");
		});
		assertThat(batch.spans()).singleElement().satisfies((data) -> assertThat(data.status()).isEqualTo(RunStatus.ERROR));
		int length = session.run("ok", (run) -> run.name().length());
		assertThat(length).isEqualTo(2);
	}

	@Test
	void shouldInferScoreTypes() {
		UUID trace = this.client.session().run("agent").id();
		ScoreData numeric = this.client.score(trace, "n", 3);
		ScoreData bool = this.client.score(trace, "b", false);
		ScoreData categorical = this.client.score(trace, "c", new StringBuilder("good"));
		assertThat(numeric.dataType()).isEqualTo(ScoreDataType.NUMERIC);
		assertThat(numeric.value()).isEqualTo(3.0);
		assertThat(bool.dataType()).isEqualTo(ScoreDataType.BOOLEAN);
		assertThat(bool.value()).isZero();
		assertThat(categorical.dataType()).isEqualTo(ScoreDataType.CATEGORICAL);
		assertThat(categorical.stringValue()).isEqualTo("good");
		assertThat(categorical.source()).isEqualTo("api");
		this.client.flush();
		assertThat(this.server.store().scoresOf(trace)).hasSize(3);
	}

	@Test
	void shouldRejectInvalidScores() {
		UUID trace = UUID.randomUUID();
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.score(trace, " ", 1))
			.withMessage("name must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.score(trace, "n", Double.NaN))
			.withMessage("A score value must be finite, was NaN");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.score(trace, "n", Double.POSITIVE_INFINITY));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.score(trace, "n", 1,
					ScoreOptions.builder().dataType(ScoreDataType.BOOLEAN).build()))
			.withMessage("Data type BOOLEAN disagrees with the value, which is NUMERIC");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.score(trace, "n", List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.score(trace, "n", ""));
		assertThat(this.client.stats().pending()).isZero();
	}

	@Test
	void shouldRemoveNulCharactersAndNonFiniteNumbersBeforeSending() {
		Session session = this.client.session(Map.of("k\u0000ey", "v\u0000al"));
		Run run = session.run("na\u0000me");
		run.recordUserInput(Map.of("text", "a\u0000b", "ratio", Double.NaN));
		run.recordError(new IllegalStateException("bad\u0000message"));
		run.close();
		this.client.score(run.id(), "sc\u0000ore", "lab\u0000el");
		this.client.flush();
		assertThat(this.server.store().rejectedBatches()).isZero();
		assertThat(this.server.store().run(run.id()).orElseThrow().name()).isEqualTo("name");
		JsonNode content = this.server.store().eventsOf(run.id()).get(0).content();
		assertThat(content.get("text").asString()).isEqualTo("ab");
		assertThat(content.get("ratio").isNull()).isTrue();
		assertThat(this.server.store().run(run.id()).orElseThrow().error().get("message").asString())
			.isEqualTo("badmessage");
		assertThat(this.server.store().sessions().get(0).metadata().get("key").asString()).isEqualTo("val");
	}

	@Test
	void shouldRedactSecretsInNestedContentBeforeQueueing() {
		Run run = this.client.session().run("agent");
		EventData event = run.recordUserInput(Map.of("config", Map.of("api_key", "ns_live_123", "region", "eu"),
				"headers", List.of(Map.of("Authorization", "Bearer abc")))).orElseThrow();
		assertThat(event.content().toString()).doesNotContain("ns_live_123").doesNotContain("Bearer abc");
		this.client.flush();
		JsonNode stored = this.server.store().eventsOf(run.id()).get(0).content();
		assertThat(stored.at("/config/api_key").asString()).isEqualTo("[REDACTED]");
		assertThat(stored.at("/config/region").asString()).isEqualTo("eu");
		assertThat(stored.at("/headers/0/Authorization").asString()).isEqualTo("[REDACTED]");
	}

	@Test
	void shouldSnapshotContentSoLaterMutationCannotChangeIt() {
		Run run = this.client.session().run("agent");
		List<String> docs = new ArrayList<>(List.of("a"));
		run.recordUserInput(docs);
		docs.add("b");
		this.client.flush();
		assertThat(this.server.store().eventsOf(run.id()).get(0).content().size()).isEqualTo(1);
	}

	@Test
	void shouldWriteProtocolKeysAndAlwaysTheEventContent() {
		Run run = this.client.session().run("agent");
		run.recordUserInput(null);
		Batch batch = this.client.flush();
		JsonNode json = WireFormat.mapper().readTree(WireFormat.write(batch));
		assertThat(json.get("schema_version").asInt()).isEqualTo(2);
		JsonNode event = json.get("events").get(0);
		assertThat(event.has("content")).isTrue();
		assertThat(event.get("content").isNull()).isTrue();
		assertThat(event.has("span_id")).isFalse();
		// Empty objects are left out: the backend stores an absent metadata object as {}.
		assertThat(json.get("runs").get(0).propertyNames()).containsExactlyInAnyOrder("id", "session_id", "name",
				"started_at", "status");
		assertThat(json.toString()).doesNotContain("project_id");
		assertThat(json.at("/runs/0/started_at").asString())
			.matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$");
	}

	@Test
	void shouldSendBearerKeyAndUncompressedJson() {
		this.client.session();
		this.client.flush();
		var request = this.server.lastRequest();
		assertThat(request.header("Authorization")).isEqualTo("Bearer ns_test");
		assertThat(request.header("Content-Type")).startsWith("application/json");
		assertThat(request.header("Content-Encoding")).isNull();
	}

	@Test
	void shouldFlushAsynchronously() throws Exception {
		this.client.session().run("agent").close();
		Batch batch = this.client.flushAsync().get();
		assertThat(batch.runs()).hasSize(1);
		this.server.setUnavailable(true);
		this.client.session();
		assertThat(this.client.flushAsync()).failsWithin(java.time.Duration.ofSeconds(30))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(NorthstarException.class);
	}

	@Test
	void shouldFailClearlyWhenTheKeyIsRefused() {
		Northstar wrongKey = TestClients.builder(this.server, CaptureOptions.none()).apiKey("ns_wrong").build();
		wrongKey.session();
		assertThatExceptionOfType(NorthstarException.class).isThrownBy(wrongKey::flush)
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("ns_wrong"));
	}

}
