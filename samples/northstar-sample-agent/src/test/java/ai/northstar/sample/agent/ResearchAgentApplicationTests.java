package ai.northstar.sample.agent;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import ai.northstar.Northstar;
import ai.northstar.local.spring.LocalNorthstar;
import ai.northstar.sample.SampleTraces;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSpan;
import ai.northstar.sample.SampleHttp;
import ai.northstar.sample.SampleHttp.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link ResearchAgent}, end to end: the booted sample answers over HTTP, the starter traces it, and the
 * trace arrives in the sample's local NorthStar, validated by the protocol's rules.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ResearchAgentApplicationTests {

	static final String QUESTION = "What does the agent benchmarks report say about scores, and what is 0.85 * 100?";

	@LocalServerPort
	private int port;

	@Autowired
	private Northstar northstar;

	private SampleTraces store;

	@Autowired
	void localNorthstar(LocalNorthstar local) {
		this.store = new SampleTraces(local);
	}

	@Test
	void shouldRecordTheWholeAgentRunWhenAQuestionIsAsked() {
		Response response = SampleHttp.ask(this.port, QUESTION);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("answer").asString()).contains("0.85 * 100 = 85").contains("Scoring runs");
		assertThat(response.body().get("sources")).isNotEmpty();
		UUID traceId = response.traceId();

		SampleHttp.awaitRun(this.northstar, this.store, traceId);
		StoredRun run = SampleHttp.awaitEvaluated(this.northstar, this.store, traceId);
		assertThat(run.name()).isEqualTo("research-agent");
		assertThat(run.status()).isEqualTo("ok");
		assertThat(run.error()).isNull();
		JsonNode metadata = run.metadata();
		assertThat(metadata.get("project").asString()).isEqualTo("research-agent-sample");
		assertThat(metadata.get("environment").asString()).isEqualTo("local");
		assertThat(metadata.get("tags").toString()).isEqualTo("[\"sample\",\"research\"]");
		assertThat(metadata.get("latency_ms").isNumber()).isTrue();
		assertThat(metadata.get("total_input_tokens").asLong()).isPositive();
		assertThat(metadata.get("cost_usd").decimalValue()).isPositive();

		List<StoredSpan> spans = withoutEvaluations(this.store.spansOf(traceId));
		List<StoredSpan> agents = ofKind(spans, "agent");
		assertThat(agents).singleElement().satisfies((agent) -> {
			assertThat(agent.name()).isEqualTo("chat_client");
			assertThat(agent.parentSpanId()).isNull();
		});
		StoredSpan chatClient = agents.get(0);

		List<StoredSpan> tools = ofKind(spans, "tool");
		assertThat(tools).extracting(StoredSpan::name)
			.containsExactlyInAnyOrder("search_docs", "calculator", "fetch_page", "fetch_page");
		assertThat(tools).allSatisfy((span) -> {
			assertThat(span.parentSpanId()).isEqualTo(chatClient.id());
			assertThat(span.attributes().get("tool_call_id").asString()).startsWith("call_");
		});
		StoredSpan failedFetch = tools.stream()
			.filter((span) -> span.name().equals("fetch_page") && span.status().equals("error"))
			.findFirst()
			.orElseThrow();
		assertThat(failedFetch.error().get("type").asString()).isEqualTo("PageFetchException");
		assertThat(failedFetch.error().get("message").asString()).contains("402 Payment Required");
		assertThat(tools).filteredOn((span) -> span != failedFetch).extracting(StoredSpan::status).containsOnly("ok");
		List<StoredSpan> fetches = ofKind(spans, "custom");
		assertThat(fetches).extracting(StoredSpan::name).containsExactly("http_get", "http_get");
		assertThat(fetches).extracting(StoredSpan::parentSpanId)
			.containsExactlyInAnyOrderElementsOf(tools.stream()
				.filter((span) -> span.name().equals("fetch_page"))
				.map(StoredSpan::id)
				.toList());

		List<StoredSpan> models = ofKind(spans, "model");
		assertThat(models).hasSize(3).allSatisfy((span) -> {
			JsonNode attributes = span.attributes();
			assertThat(span.name()).isEqualTo("chat gpt-4o");
			assertThat(span.parentSpanId()).isEqualTo(chatClient.id());
			assertThat(attributes.get("model").asString()).isEqualTo("gpt-4o-2024-08-06");
			assertThat(attributes.get("provider").asString()).isEqualTo("sample");
			assertThat(attributes.get("input_tokens").asLong()).isPositive();
			assertThat(attributes.get("output_tokens").asLong()).isPositive();
			assertThat(attributes.get("cost_usd").decimalValue()).isGreaterThan(BigDecimal.ZERO);
			assertThat(attributes.get("pricing_source").asString()).isEqualTo("pricing_table");
		});
		assertThat(metadata.get("total_input_tokens").asLong()).isEqualTo(models.stream()
			.mapToLong((span) -> span.attributes().get("input_tokens").asLong())
			.sum());

		List<StoredEvent> events = this.store.eventsOf(traceId);
		Map<String, List<StoredEvent>> byType = events.stream().collect(Collectors.groupingBy(StoredEvent::type));
		assertThat(byType).containsKeys("user_input", "system_message", "assistant_message", "tool_arguments",
				"tool_result", "final_response", "custom");
		StoredEvent input = byType.get("user_input").stream().filter((event) -> event.spanId() == null).findFirst()
			.orElseThrow();
		assertThat(input.content().get("question").asString()).isEqualTo(QUESTION);
		StoredEvent output = byType.get("final_response").get(0);
		assertThat(output.content().get("traceId").asString()).isEqualTo(traceId.toString());
		assertThat(byType.get("tool_arguments")).anySatisfy((event) -> {
			assertThat(event.attributes().get("name").asString()).isEqualTo("search_docs");
			assertThat(event.attributes().get("tool_call_id").asString()).isEqualTo("call_1_1");
		});
		assertThat(byType.get("custom")).anySatisfy((event) -> {
			assertThat(event.attributes().get("northstar_type").asString()).isEqualTo("event");
			assertThat(event.content().get("name").asString()).isEqualTo("sources");
		});

		StoredEvent fetchArguments = events.stream()
			.filter((event) -> event.type().equals("tool_arguments") && failedFetch.id().equals(event.spanId()))
			.findFirst()
			.orElseThrow();
		assertThat(fetchArguments.content().get("url").asString()).startsWith("https://paywalled.example/");
		StoredSpan failedGet = fetches.stream()
			.filter((span) -> failedFetch.id().equals(span.parentSpanId()))
			.findFirst()
			.orElseThrow();
		assertThat(failedGet.status()).isEqualTo("error");
		StoredEvent getArguments = events.stream()
			.filter((event) -> event.type().equals("tool_arguments") && failedGet.id().equals(event.spanId()))
			.findFirst()
			.orElseThrow();
		assertThat(getArguments.content().get("apiKey").asString()).isEqualTo("[REDACTED]");
		assertThat(events.stream()
			.filter((event) -> event.type().equals("tool_result") && failedFetch.id().equals(event.spanId()))
			.findFirst()
			.orElseThrow()
			.content()
			.asString()).startsWith("error: GET https://paywalled.example/");
		assertThat(events).allSatisfy((event) -> assertThat(event.content().toString())
			.doesNotContain("sk-sample-not-a-real-key"));

		Map<String, StoredScore> scores = this.store.scoresOf(traceId).stream()
			.collect(Collectors.toMap(StoredScore::name, (score) -> score));
		assertThat(scores.get("relevance").dataType()).isEqualTo("numeric");
		assertThat(scores.get("relevance").value()).isGreaterThan(0).isLessThanOrEqualTo(1);
		assertThat(scores.get("relevance").comment()).isNotBlank();
		assertThat(scores.get("answered").dataType()).isEqualTo("boolean");
		assertThat(scores.get("answered").value()).isEqualTo(1.0);
		assertThat(scores).containsOnlyKeys("relevance", "answered", "relevancy", "relevancy_score");
	}

	@Test
	void shouldJudgeTheAnswerAfterTheRunAndCountTheJudgesCostApartWhenTheAnswerIsBackedByDocuments() {
		Response response = SampleHttp.ask(this.port, "How do I trace a Spring bean method with an annotation?");
		assertThat(response.status()).isEqualTo(200);
		UUID traceId = response.traceId();
		SampleHttp.awaitRun(this.northstar, this.store, traceId);
		StoredRun run = SampleHttp.awaitEvaluated(this.northstar, this.store, traceId);

		List<StoredSpan> spans = this.store.spansOf(traceId);
		StoredSpan evaluation = spans.stream()
			.filter((span) -> span.name().equals("evaluation relevancy"))
			.findFirst()
			.orElseThrow();
		assertThat(evaluation.kind()).isEqualTo("custom");
		assertThat(evaluation.parentSpanId()).isNull();
		assertThat(evaluation.attributes().get("pass").asBoolean()).isTrue();
		StoredSpan judge = spans.stream()
			.filter((span) -> evaluation.id().equals(span.parentSpanId()))
			.findFirst()
			.orElseThrow();
		assertThat(judge.name()).isEqualTo("chat_client");
		StoredSpan judgeRound = spans.stream()
			.filter((span) -> judge.id().equals(span.parentSpanId()))
			.findFirst()
			.orElseThrow();
		assertThat(judgeRound.kind()).isEqualTo("model");
		StoredEvent verdict = this.store.eventsOf(traceId).stream()
			.filter((event) -> event.type().equals("assistant_message") && judgeRound.id().equals(event.spanId()))
			.findFirst()
			.orElseThrow();
		assertThat(verdict.content().asString()).isEqualTo("YES");

		BigDecimal judgeCost = judgeRound.attributes().get("cost_usd").decimalValue();
		BigDecimal agentCost = withoutEvaluations(spans).stream()
			.filter((span) -> span.kind().equals("model"))
			.map((span) -> span.attributes().get("cost_usd").decimalValue())
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(run.metadata().get("evaluation_cost_usd").decimalValue()).isEqualByComparingTo(judgeCost);
		assertThat(run.metadata().get("cost_usd").decimalValue()).isEqualByComparingTo(agentCost);
		StoredScore relevancy = this.store.scoresOf(traceId).stream()
			.filter((score) -> score.name().equals("relevancy"))
			.findFirst()
			.orElseThrow();
		assertThat(relevancy.dataType()).isEqualTo("boolean");
		assertThat(relevancy.value()).isEqualTo(1.0);
		assertThat(relevancy.spanId()).isEqualTo(evaluation.id());
	}

	@Test
	void shouldRecordAFailedRunWhenNothingAnswersTheQuestion() {
		Response response = SampleHttp.ask(this.port, "What is the capital of Mars?");
		assertThat(response.status()).isEqualTo(422);
		UUID traceId = response.traceId();

		StoredRun run = SampleHttp.awaitRun(this.northstar, this.store, traceId);
		assertThat(run.status()).isEqualTo("error");
		assertThat(run.error().get("type").asString()).isEqualTo("NoAnswerException");
		assertThat(run.error().get("message").asString()).contains("capital of Mars");
		assertThat(this.store.scoresOf(traceId)).extracting(StoredScore::name, StoredScore::value)
			.containsExactlyInAnyOrder(tuple("relevance", 0.0),
					tuple("answered", 0.0));
		assertThat(this.store.eventsOf(traceId)).noneMatch((event) -> event.type().equals("final_response"));
	}

	@Test
	void shouldStreamTheAnswerAsServerSentEventsAndRecordTheStreamedRunWhenAsked() {
		List<ServerSentEvent<String>> events = WebClient.create("http://localhost:" + this.port)
			.post()
			.uri("/agent/stream")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("question", "How do I score a run? Wie bewerte ich einen Lauf? 😀"))
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(events).last().satisfies((event) -> assertThat(event.event()).isEqualTo("done"));
		List<ServerSentEvent<String>> chunks = events.stream().filter((event) -> "chunk".equals(event.event())).toList();
		assertThat(chunks).hasSizeGreaterThan(3);
		String answer = chunks.stream().map(ServerSentEvent::data).filter(Objects::nonNull).collect(Collectors.joining());
		assertThat(answer).contains("According to");
		UUID traceId = UUID.fromString(chunks.get(0).id());

		StoredRun run = SampleHttp.awaitRun(this.northstar, this.store, traceId);
		Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			this.northstar.flush(Duration.ofSeconds(5));
			assertThat(this.store.spansOf(traceId)).allSatisfy((span) -> assertThat(span.endedAt()).isNotNull());
		});
		assertThat(run.name()).isEqualTo("research-agent-stream");
		assertThat(run.status()).isEqualTo("ok");
		List<StoredSpan> spans = this.store.spansOf(traceId);
		assertThat(ofKind(spans, "agent")).singleElement()
			.satisfies((span) -> assertThat(span.attributes().get("streaming").asBoolean()).isTrue());
		assertThat(ofKind(spans, "model")).hasSize(3).allSatisfy((span) -> {
			assertThat(span.attributes().get("streaming").asBoolean()).isTrue();
			assertThat(span.attributes().get("time_to_first_token_ms").isIntegralNumber()).isTrue();
			assertThat(span.attributes().get("input_tokens").asLong()).isPositive();
		});
		assertThat(ofKind(spans, "tool")).extracting(StoredSpan::name).contains("search_docs", "fetch_page");
		// The stream carries the text of every round: the tool rounds' ("I will search...") and the answer's
		StoredSpan lastRound = ofKind(spans, "model").stream()
			.max(java.util.Comparator.comparing(StoredSpan::startedAt))
			.orElseThrow();
		String lastAnswer = this.store.eventsOf(traceId).stream()
			.filter((event) -> event.type().equals("assistant_message") && lastRound.id().equals(event.spanId()))
			.reduce((first, second) -> second)
			.orElseThrow()
			.content()
			.asString();
		assertThat(lastAnswer).startsWith("According to");
		assertThat(answer).endsWith(lastAnswer);
	}

	@Test
	void shouldRejectABlankQuestionWhenAsked() {
		int runs = this.store.runCount();
		Response response = SampleHttp.ask(this.port, "  ");
		assertThat(response.status()).isEqualTo(400);
		assertThat(this.store.runCount()).isEqualTo(runs);
	}

	@Test
	void shouldLinkTheSystemPromptPulledFromTheLocalNorthstarToEveryModelRoundWhenAQuestionIsAsked() {
		Response response = SampleHttp.ask(this.port, QUESTION);
		assertThat(response.status()).isEqualTo(200);
		UUID traceId = response.traceId();
		SampleHttp.awaitRun(this.northstar, this.store, traceId);
		// The agent's own model rounds; the relevancy judge's call binds no prompt
		List<UUID> models = ofKind(withoutEvaluations(this.store.spansOf(traceId)), "model").stream()
			.map(StoredSpan::id)
			.toList();
		assertThat(models).hasSize(3);
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.store.promptsOf(traceId))
				.extracting((prompt) -> prompt.link().spanId())
				.containsExactlyInAnyOrderElementsOf(models));
		assertThat(this.store.promptsOf(traceId)).allSatisfy((prompt) -> {
			assertThat(prompt.version().name()).isEqualTo(ResearchAgent.SYSTEM_PROMPT_NAME);
			assertThat(prompt.version().versionNumber()).isEqualTo(2);
			assertThat(prompt.version().labels()).contains("prod");
			assertThat(prompt.link().variableValues().get("product").asString()).isEqualTo("NorthStar");
		});
		assertThat(this.store.eventsOf(traceId))
			.filteredOn((event) -> event.type().equals("system_message") && models.contains(event.spanId()))
			.hasSize(3)
			.allSatisfy((event) -> assertThat(event.content().asString()).isEqualTo("You are a research assistant for"
					+ " NorthStar users. Answer from the documentation only, cite what you read, and use the calculator"
					+ " for arithmetic."));
		assertThat(this.store.rejections()).isEmpty();
	}

	/**
	 * Returns the spans of the agent's own work: without the relevancy evaluation's span and the spans in it.
	 */
	private static List<StoredSpan> withoutEvaluations(List<StoredSpan> spans) {
		java.util.Set<UUID> evaluation = new java.util.HashSet<>();
		spans.stream().filter((span) -> span.name().startsWith("evaluation ")).forEach((span) -> evaluation.add(span.id()));
		boolean grew = true;
		while (grew) {
			grew = spans.stream()
				.filter((span) -> span.parentSpanId() != null && evaluation.contains(span.parentSpanId()))
				.map((span) -> evaluation.add(span.id()))
				.reduce(false, Boolean::logicalOr);
		}
		return spans.stream().filter((span) -> !evaluation.contains(span.id())).toList();
	}

	private static List<StoredSpan> ofKind(List<StoredSpan> spans, String kind) {
		return spans.stream().filter((span) -> span.kind().equals(kind)).toList();
	}

}
