package ai.northstar.genai;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ai.northstar.CaptureOptions;
import ai.northstar.ChatMessage;
import ai.northstar.ModelPricing;
import ai.northstar.Northstar;
import ai.northstar.Run;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.TraceContext;
import ai.northstar.capture.ContentCapture;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.LocalStore;
import ai.northstar.local.RecordedRequest;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModelRound}, {@link ToolExecution}, {@link EmbeddingCall}, {@link AgentCall} and
 * {@link AutoTraceRun}: what each
 * stores on a loopback NorthStar that validates like the backend.
 */
@Timeout(30)
class GenAiRecordersTests {

	private static final String API_KEY = "ns_genai";

	private LocalIngestServer server;

	private Northstar client;

	@BeforeEach
	void start() {
		this.server = LocalIngestServer.builder().apiKey(API_KEY).build();
		this.client = client(CaptureOptions.all());
	}

	private Northstar client(CaptureOptions capture) {
		return Northstar.builder()
			.apiKey(API_KEY)
			.endpoint(this.server.ingestUri())
			.capture(capture)
			.pricing(ModelPricing.builder().pricePerMillion("house-model", 1.0, 2.0).build())
			.build();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void shouldRecordAModelRoundWithMessagesUsageAndOptionsWhenItSucceeds() {
		Run run = this.client.startRun("agent", Map.of());
		ModelRound round = ModelRound.start(this.client, TraceContext.of(run), "house-model", "openai", false)
			.orElseThrow();
		round.requestOptions(0.2, 256, null);
		String question = "Où est la gare? 駅はどこ? 👩‍💻";
		round.inputMessages(List.of(ChatMessage.system("Réponds en français 🇫🇷"), ChatMessage.user(question),
				ChatMessage.assistant(null, new ChatMessage.ToolCall("call_1", "météo", Map.of("ville", "Zürich"))),
				ChatMessage.tool("call_1", "météo", "{\"temp\": 21}")));
		round.succeed(new ModelRoundResult("house-model-2025", ChatMessage.assistant("La gare est à gauche 🚉",
				new ChatMessage.ToolCall("call_2", "carte", Map.of("lieu", "gare"))), "Il faut regarder la carte 🧭",
				new TokenUsage(1_000_000, 500_000, 42L), "TOOL_CALLS"));
		round.succeed(new ModelRoundResult(null, ChatMessage.assistant("twice"), null, TokenUsage.of(1, 1), null));
		run.close();
		this.client.flush();

		LocalStore store = this.server.store();
		assertThat(store.rejectedBatches()).isZero();
		StoredSpan span = store.spansOf(run.id()).get(0);
		assertThat(store.spansOf(run.id())).hasSize(1);
		assertThat(span.kind()).isEqualTo("model");
		assertThat(span.name()).isEqualTo("chat house-model");
		assertThat(span.status()).isEqualTo("ok");
		assertThat(span.parentSpanId()).isNull();
		JsonNode attributes = span.attributes();
		assertThat(attributes.get("provider").asString()).isEqualTo("openai");
		assertThat(attributes.get("model").asString()).isEqualTo("house-model-2025");
		assertThat(attributes.get("temperature").asDouble()).isEqualTo(0.2);
		assertThat(attributes.get("max_tokens").asInt()).isEqualTo(256);
		assertThat(keys(attributes)).doesNotContain("top_p", "streaming", "time_to_first_token_ms");
		assertThat(attributes.get("input_tokens").asLong()).isEqualTo(1_000_000);
		assertThat(attributes.get("output_tokens").asLong()).isEqualTo(500_000);
		assertThat(attributes.get("total_tokens").asLong()).isEqualTo(1_500_000);
		assertThat(attributes.get("cache_read_tokens").asLong()).isEqualTo(42);
		assertThat(attributes.get("pricing_source").asString()).isEqualTo("pricing_table");
		assertThat(attributes.get("cost_usd").decimalValue()).isEqualByComparingTo("2.0");
		assertThat(attributes.get("finish_reason").asString()).isEqualTo("TOOL_CALLS");
		assertThat(attributes.get("latency_ms").isIntegralNumber()).isTrue();

		List<StoredEvent> events = store.eventsOf(run.id());
		assertThat(events).extracting(StoredEvent::type)
			.containsExactly("system_message", "user_input", "assistant_message", "tool_arguments", "tool_result",
					"assistant_message", "tool_arguments", "reasoning");
		assertThat(events).allSatisfy((event) -> assertThat(event.spanId()).isEqualTo(span.id()));
		assertThat(events.get(1).content().asString()).isEqualTo(question);
		assertThat(events.get(3).content().get("ville").asString()).isEqualTo("Zürich");
		assertThat(events.get(3).attributes().get("name").asString()).isEqualTo("météo");
		assertThat(events.get(5).content().asString()).isEqualTo("La gare est à gauche 🚉");
		assertThat(events.get(6).attributes().get("tool_call_id").asString()).isEqualTo("call_2");
		assertThat(events.get(7).content().asString()).isEqualTo("Il faut regarder la carte 🧭");

		StoredRun stored = store.run(run.id()).orElseThrow();
		assertThat(stored.metadata().get("total_input_tokens").asLong()).isEqualTo(1_000_000);
	}

	@Test
	void shouldPriceUsageAndSumItOnTheRunWhenSeveralRoundsRun() {
		Run run = this.client.startRun("agent", Map.of());
		for (int i = 0; i < 3; i++) {
			ModelRound round = ModelRound.start(this.client, TraceContext.of(run), "house-model", null, false)
				.orElseThrow();
			round.succeed(new ModelRoundResult(null, ChatMessage.assistant("ok"), null, TokenUsage.of(1_000_000, 0),
					"STOP"));
		}
		run.close();
		this.client.flush();
		List<StoredSpan> spans = this.server.store().spansOf(run.id());
		assertThat(spans).hasSize(3).allSatisfy((span) -> {
			assertThat(span.attributes().get("cost_usd").decimalValue()).isEqualByComparingTo("1.0");
			assertThat(span.attributes().get("pricing_source").asString()).isEqualTo("pricing_table");
			assertThat(keys(span.attributes())).doesNotContain("provider");
		});
		StoredRun stored = this.server.store().run(run.id()).orElseThrow();
		assertThat(stored.metadata().get("cost_usd").decimalValue()).isEqualByComparingTo("3.0");
		assertThat(stored.metadata().get("total_input_tokens").asLong()).isEqualTo(3_000_000);
	}

	@Test
	void shouldRecordPartialTextAndCancellationWhenAStreamIsCancelled() {
		Run run = this.client.startRun("agent", Map.of());
		ModelRound round = ModelRound.start(this.client, TraceContext.of(run), null, "fake", true).orElseThrow();
		round.appendText("Bonjour ");
		round.appendText("");
		round.appendText("le monde 🌍");
		round.cancel();
		round.succeed(new ModelRoundResult(null, ChatMessage.assistant("late"), null, null, null));
		run.close();
		this.client.flush();

		StoredSpan span = this.server.store().spansOf(run.id()).get(0);
		assertThat(span.name()).isEqualTo("chat");
		assertThat(span.status()).isEqualTo("error");
		assertThat(span.error().get("type").asString()).isEqualTo("CancellationException");
		assertThat(span.error().get("message").asString()).isEqualTo("cancelled");
		assertThat(span.attributes().get("cancelled").asBoolean()).isTrue();
		assertThat(span.attributes().get("streaming").asBoolean()).isTrue();
		assertThat(span.attributes().get("time_to_first_token_ms").isIntegralNumber()).isTrue();
		assertThat(this.server.store().eventsOf(run.id())).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo("assistant_message");
			assertThat(event.content().asString()).isEqualTo("Bonjour le monde 🌍");
		});
	}

	@Test
	void shouldKeepABoundedPrefixOfAHugeStreamWithoutSplittingACharacter() {
		ModelRound round = ModelRound.start(this.client, TraceContext.of(this.client.startRun("agent", Map.of())),
				null, "fake", true).orElseThrow();
		String chunk = "Grüße 中文 😀 ".repeat(1000);
		for (int i = 0; i < 200; i++) {
			round.appendText(chunk);
		}
		String partial = round.partialText();
		assertThat(partial.length()).isLessThanOrEqualTo(ModelRound.MAX_PARTIAL_TEXT)
			.isGreaterThan(ModelRound.MAX_PARTIAL_TEXT - 2);
		assertThat(chunk.repeat(200)).startsWith(partial);
		assertThat(Character.isHighSurrogate(partial.charAt(partial.length() - 1))).isFalse();
		round.cancel();
	}

	@Test
	void shouldRecordTheErrorAndPartialTextWhenAStreamFails() {
		Run run = this.client.startRun("agent", Map.of());
		ModelRound round = ModelRound.start(this.client, TraceContext.of(run), "house-model", null, true)
			.orElseThrow();
		round.appendText("Half an answ");
		round.fail(new IllegalStateException("connection reset 🔌"));
		run.close();
		this.client.flush();
		StoredSpan span = this.server.store().spansOf(run.id()).get(0);
		assertThat(span.status()).isEqualTo("error");
		assertThat(span.error().get("message").asString()).isEqualTo("connection reset 🔌");
		assertThat(keys(span.attributes())).doesNotContain("cancelled");
		assertThat(this.server.store().eventsOf(run.id())).extracting((event) -> event.content().asString())
			.containsExactly("Half an answ");
	}

	@Test
	void shouldNestUnderTheParentSpanAndRecordJsonArgumentsAndResultsWhenAToolRuns() {
		Run run = this.client.startRun("agent", Map.of());
		Span agent = run.span("chat_client", SpanKind.AGENT);
		ToolExecution tool = ToolExecution.start(this.client, TraceContext.of(agent), "天気",
				"call_🌦", "{\"city\": \"東京\", \"password\": \"hunter2\"}").orElseThrow();
		try (TraceContext.Scope scope = tool.context().makeCurrent()) {
			this.client.startSpan("inner", SpanKind.CUSTOM).orElseThrow().close();
		}
		tool.succeed("{\"forecast\": \"晴れ ☀️\", \"high\": 28}");
		tool.fail(new IllegalStateException("late"), null);
		ToolExecution text = ToolExecution.start(this.client, TraceContext.of(agent), "echo", null, "not json {")
			.orElseThrow();
		text.succeed("\"plain text ✓\"");
		ToolExecution number = ToolExecution.start(this.client, TraceContext.of(agent), "count", "", "42")
			.orElseThrow();
		number.succeed("42");
		agent.close();
		run.close();
		this.client.flush();

		LocalStore store = this.server.store();
		assertThat(store.rejectedBatches()).isZero();
		Map<String, StoredSpan> spans = byName(store.spansOf(run.id()));
		StoredSpan weather = spans.get("天気");
		assertThat(weather.kind()).isEqualTo("tool");
		assertThat(weather.status()).isEqualTo("ok");
		assertThat(weather.parentSpanId()).isEqualTo(agent.id());
		assertThat(weather.attributes().get("tool_call_id").asString()).isEqualTo("call_🌦");
		assertThat(spans.get("inner").parentSpanId()).isEqualTo(weather.id());
		List<StoredEvent> events = store.eventsOf(run.id());
		JsonNode arguments = only(events, "tool_arguments", weather.id()).content();
		assertThat(arguments.get("city").asString()).isEqualTo("東京");
		assertThat(arguments.get("password").asString()).isEqualTo(ContentCapture.REDACTED);
		JsonNode result = only(events, "tool_result", weather.id()).content();
		assertThat(result.get("forecast").asString()).isEqualTo("晴れ ☀️");
		assertThat(result.get("high").asInt()).isEqualTo(28);
		assertThat(only(events, "tool_arguments", spans.get("echo").id()).content().asString()).isEqualTo("not json {");
		assertThat(only(events, "tool_result", spans.get("echo").id()).content().asString()).isEqualTo("plain text ✓");
		assertThat(only(events, "tool_arguments", spans.get("count").id()).content().asString()).isEqualTo("42");
		assertThat(only(events, "tool_result", spans.get("count").id()).content().asInt()).isEqualTo(42);
		assertThat(keys(spans.get("count").attributes())).doesNotContain("tool_call_id");
	}

	@Test
	void shouldEndErrorWithTheToolsExceptionWhenTheFrameworkTurnsItIntoAResult() {
		Run run = this.client.startRun("agent", Map.of());
		ToolExecution tool = ToolExecution.start(this.client, TraceContext.of(run), "fetch_page", "c1", "{}")
			.orElseThrow();
		tool.recordError(new IllegalArgumentException("402 Payment Required für paywalled.example"));
		tool.succeed("402 Payment Required für paywalled.example");
		run.close();
		this.client.flush();
		StoredSpan span = this.server.store().spansOf(run.id()).get(0);
		assertThat(span.status()).isEqualTo("error");
		assertThat(span.error().get("type").asString()).isEqualTo("IllegalArgumentException");
		assertThat(only(this.server.store().eventsOf(run.id()), "tool_result", span.id()).content().asString())
			.isEqualTo("402 Payment Required für paywalled.example");
	}

	@Test
	void shouldRecordEmbeddingUsageAndOnlyTheCountOfInputsUnlessAsked() {
		Run run = this.client.startRun("agent", Map.of());
		EmbeddingCall call = EmbeddingCall.start(this.client, TraceContext.of(run), "house-model", "openai", 2)
			.orElseThrow();
		call.succeed("house-model", 2_000_000L, 1536);
		EmbeddingCall withInputs = EmbeddingCall.start(this.client, TraceContext.of(run), null, null, 1).orElseThrow();
		withInputs.recordInputs(List.of("Grüße 😀"));
		withInputs.fail(new IllegalStateException("rate limited"));
		run.close();
		this.client.flush();
		Map<String, StoredSpan> spans = byName(this.server.store().spansOf(run.id()));
		StoredSpan embedding = spans.get("embedding house-model");
		assertThat(embedding.kind()).isEqualTo("custom");
		assertThat(embedding.attributes().get("input_count").asInt()).isEqualTo(2);
		assertThat(embedding.attributes().get("input_tokens").asLong()).isEqualTo(2_000_000);
		assertThat(embedding.attributes().get("cost_usd").decimalValue()).isEqualByComparingTo("2.0");
		assertThat(embedding.attributes().get("dimensions").asInt()).isEqualTo(1536);
		assertThat(embedding.attributes().get("provider").asString()).isEqualTo("openai");
		StoredSpan failed = spans.get("embedding");
		assertThat(failed.status()).isEqualTo("error");
		List<StoredEvent> events = this.server.store().eventsOf(run.id());
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.spanId()).isEqualTo(failed.id());
			assertThat(event.type()).isEqualTo("custom");
			assertThat(event.attributes().get("northstar_type").asString()).isEqualTo("embedding_input");
			assertThat(event.content().get("inputs").get(0).asString()).isEqualTo("Grüße 😀");
		});
	}

	@Test
	void shouldStartAndEndARunWithInputAndAnswerWhenOutsideAnyTrace() {
		AutoTraceRun ok = AutoTraceRun.start(this.client, "chat_client", "¿Dónde está? 🤔").orElseThrow();
		ModelRound.start(this.client, ok.context(), "house-model", null, false)
			.orElseThrow()
			.succeed(new ModelRoundResult(null, ChatMessage.assistant("Aquí"), null, TokenUsage.of(1_000_000, 0),
					null));
		ok.succeed("Aquí");
		ok.fail(new IllegalStateException("late"));
		AutoTraceRun cancelled = AutoTraceRun.start(this.client, "chat gpt-4o", null).orElseThrow();
		cancelled.cancel("Aq");
		this.client.flush();

		LocalStore store = this.server.store();
		StoredRun okRun = store.run(ok.run().id()).orElseThrow();
		assertThat(okRun.name()).isEqualTo("chat_client");
		assertThat(okRun.status()).isEqualTo("ok");
		assertThat(okRun.endedAt()).isNotNull();
		assertThat(okRun.metadata().get("latency_ms").isIntegralNumber()).isTrue();
		assertThat(okRun.metadata().get("cost_usd").decimalValue()).isEqualByComparingTo("1.0");
		assertThat(store.eventsOf(okRun.id())).filteredOn((event) -> event.spanId() == null)
			.extracting(StoredEvent::type, (event) -> event.content().asString())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("user_input", "¿Dónde está? 🤔"),
					org.assertj.core.groups.Tuple.tuple("final_response", "Aquí"));
		StoredRun cancelledRun = store.run(cancelled.run().id()).orElseThrow();
		assertThat(cancelledRun.status()).isEqualTo("error");
		assertThat(cancelledRun.metadata().get("cancelled").asBoolean()).isTrue();
		assertThat(cancelledRun.error().get("type").asString()).isEqualTo("CancellationException");
	}

	@Test
	void shouldHoldRoundsUnderTheAgentSpanAndEndItOnceWhenAnAgentCallEnds() {
		Run run = this.client.startRun("agent", Map.of());
		AgentCall ok = AgentCall.start(this.client, TraceContext.of(run), "chat_client", true).orElseThrow();
		ModelRound.start(this.client, ok.context(), "house-model", null, true)
			.orElseThrow()
			.succeed(new ModelRoundResult(null, null, null, TokenUsage.of(1, 1), null));
		ok.succeed();
		ok.cancel();
		AgentCall failed = AgentCall.start(this.client, TraceContext.of(run), "chat_client", false).orElseThrow();
		failed.fail(new IllegalStateException("échec ❌"));
		AgentCall cancelled = AgentCall.start(this.client, TraceContext.of(run), "chat_client", true).orElseThrow();
		cancelled.cancel();
		run.close();
		this.client.flush();
		List<StoredSpan> spans = this.server.store().spansOf(run.id());
		StoredSpan agent = spans.stream().filter((span) -> span.id().equals(ok.span().id())).findFirst().orElseThrow();
		assertThat(agent.kind()).isEqualTo("agent");
		assertThat(agent.status()).isEqualTo("ok");
		assertThat(agent.attributes().get("streaming").asBoolean()).isTrue();
		assertThat(spans).filteredOn((span) -> span.kind().equals("model"))
			.singleElement()
			.satisfies((span) -> assertThat(span.parentSpanId()).isEqualTo(agent.id()));
		assertThat(spans).filteredOn((span) -> span.id().equals(failed.span().id()))
			.singleElement()
			.satisfies((span) -> {
				assertThat(span.status()).isEqualTo("error");
				assertThat(span.error().get("message").asString()).isEqualTo("échec ❌");
				assertThat(keys(span.attributes())).doesNotContain("streaming");
			});
		assertThat(spans).filteredOn((span) -> span.id().equals(cancelled.span().id()))
			.singleElement()
			.satisfies((span) -> assertThat(span.attributes().get("cancelled").asBoolean()).isTrue());
	}

	@Test
	void shouldRecordNothingWhenTracingIsOffOrTheParentIsEmpty() {
		Northstar noop = Northstar.noop();
		assertThat(ModelRound.start(noop, TraceContext.empty(), "m", null, false)).isEmpty();
		assertThat(ModelRound.start(this.client, TraceContext.empty(), "m", null, false)).isEmpty();
		assertThat(ToolExecution.start(this.client, TraceContext.empty(), "t", null, "{}")).isEmpty();
		assertThat(EmbeddingCall.start(noop, TraceContext.empty(), "m", null, 1)).isEmpty();
		assertThat(AutoTraceRun.start(noop, "chat_client", "hi")).isEmpty();
		assertThat(AgentCall.start(this.client, TraceContext.empty(), "chat_client", false)).isEmpty();
		assertThat(TraceContext.current().isEmpty()).isTrue();
	}

	@Test
	void shouldKeepTheCaptureFlagsWhenTheyAreOff() {
		Northstar quiet = client(CaptureOptions.none());
		Run run = quiet.startRun("agent", Map.of());
		ModelRound round = ModelRound.start(quiet, TraceContext.of(run), "house-model", null, false).orElseThrow();
		round.inputMessages(List.of(ChatMessage.user("secret question")));
		round.succeed(new ModelRoundResult(null, ChatMessage.assistant("secret answer"), "secret thought",
				TokenUsage.of(10, 5), "STOP"));
		run.close();
		quiet.flush();
		assertThat(this.server.store().eventsOf(run.id())).isEmpty();
		assertThat(this.server.store().spansOf(run.id()).get(0).attributes().get("input_tokens").asLong())
			.isEqualTo(10);
	}

	@Test
	void shouldEndOnceWhenStreamChunksAndEndsArriveFromManyThreads() throws Exception {
		Run run = this.client.startRun("agent", Map.of());
		ModelRound round = ModelRound.start(this.client, TraceContext.of(run), "house-model", null, true)
			.orElseThrow();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		CountDownLatch go = new CountDownLatch(1);
		try {
			for (int i = 0; i < 8; i++) {
				int index = i;
				executor.execute(() -> {
					try {
						go.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					round.appendText("x");
					if (index % 2 == 0) {
						round.cancel();
					}
					else {
						round.succeed(new ModelRoundResult(null, ChatMessage.assistant("done"), null,
								TokenUsage.of(1_000_000, 0), null));
					}
				});
			}
			go.countDown();
		}
		finally {
			executor.shutdown();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		run.close();
		this.client.flush();
		assertThat(this.server.store().rejectedBatches()).isZero();
		assertThat(this.server.store().eventsOf(run.id())).hasSize(1);
		StoredSpan span = this.server.store().spansOf(run.id()).get(0);
		assertThat(span.endedAt()).isNotNull();
		assertThat(round.isEnded()).isTrue();
	}

	@Test
	void shouldSendEveryNumberOfJsonToolTextWithItsValueExactlyNeverRoundedOrLost() {
		Run run = this.client.startRun("banque", Map.of());
		ToolExecution tool = ToolExecution.start(this.client, TraceContext.of(run), "virement", "call_💶",
				"{\"montant\": 12345678901234567.89, \"compte\": 123456789012345678901234567890, \"taux\": 0.1}")
			.orElseThrow();
		tool.succeed("[1e400, 1.50, -0.0, 2.5e-400]");
		run.close();
		this.client.flush();

		String wire = this.server.requests().stream().map(RecordedRequest::bodyAsString).reduce("", String::concat);
		assertThat(wire).contains("\"montant\":12345678901234567.89", "\"compte\":123456789012345678901234567890",
				"\"taux\":0.1");
		StoredSpan span = byName(this.server.store().spansOf(run.id())).get("virement");
		List<StoredEvent> events = this.server.store().eventsOf(run.id());
		JsonNode arguments = only(events, "tool_arguments", span.id()).content();
		assertThat(arguments.get("montant").decimalValue()).isEqualByComparingTo("12345678901234567.89");
		JsonNode result = only(events, "tool_result", span.id()).content();
		assertThat(result.isArray()).isTrue();
		assertThat(result.get(0).isNull()).as("1e400 is no double, yet a JSON number: kept, never null").isFalse();
		assertThat(result.get(0).decimalValue()).isEqualByComparingTo("1e400");
		assertThat(result.get(1).decimalValue()).isEqualByComparingTo("1.50");
		assertThat(result.get(3).decimalValue()).isEqualByComparingTo("2.5e-400");
	}

	@Test
	void shouldParseOnlyCompleteJsonWhenReadingFrameworkText() {
		assertThat(JsonContent.parseOrKeep(null)).isNull();
		assertThat(JsonContent.parseOrKeep("  ")).isEqualTo("  ");
		assertThat(JsonContent.parseOrKeep("{\"a\": 1} trailing")).isEqualTo("{\"a\": 1} trailing");
		assertThat(JsonContent.parseOrKeep("hello")).isEqualTo("hello");
		assertThat(JsonContent.parseOrKeep("\"héllo\"")).isInstanceOf(JsonNode.class)
			.extracting((node) -> ((JsonNode) node).asString())
			.isEqualTo("héllo");
		assertThat(JsonContent.parseObjectOrKeep("[1, 2]")).isEqualTo("[1, 2]");
		assertThat(JsonContent.parseObjectOrKeep("{\"k\": [1]}")).isInstanceOf(JsonNode.class);
		String huge = "\"" + "a".repeat(JsonContent.MAX_PARSED_LENGTH) + "\"";
		assertThat(JsonContent.parseOrKeep(huge)).isSameAs(huge);
	}

	private static java.util.Set<String> keys(JsonNode node) {
		return new java.util.HashSet<>(node.propertyNames());
	}

	private static Map<String, StoredSpan> byName(List<StoredSpan> spans) {
		return spans.stream()
			.collect(java.util.stream.Collectors.toMap(StoredSpan::name, java.util.function.Function.identity()));
	}

	private static StoredEvent only(List<StoredEvent> events, String type, UUID spanId) {
		List<StoredEvent> matching = events.stream()
			.filter((event) -> event.type().equals(type) && Objects.equals(event.spanId(), spanId))
			.toList();
		assertThat(matching).as(type + " of " + spanId).hasSize(1);
		return matching.get(0);
	}

}
