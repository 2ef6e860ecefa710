package ai.northstar.sample.agent;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import ai.northstar.Northstar;
import ai.northstar.local.LocalStore;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSpan;
import ai.northstar.sample.SampleHttp;
import ai.northstar.sample.SampleHttp.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
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

	@Autowired
	private LocalStore store;

	@Test
	void shouldRecordTheWholeAgentRunWhenAQuestionIsAsked() {
		Response response = SampleHttp.ask(this.port, QUESTION);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("answer").asString()).contains("0.85 * 100 = 85").contains("Scoring runs");
		assertThat(response.body().get("sources")).isNotEmpty();
		UUID traceId = response.traceId();

		StoredRun run = SampleHttp.awaitRun(this.northstar, this.store, traceId);
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

		List<StoredSpan> spans = this.store.spansOf(traceId);
		List<StoredSpan> agents = ofKind(spans, "agent");
		assertThat(agents).extracting(StoredSpan::name).containsExactly("plan", "plan");
		assertThat(agents).extracting(StoredSpan::iteration).containsExactlyInAnyOrder(1, 2);
		assertThat(agents).allSatisfy((span) -> assertThat(span.parentSpanId()).isNull());
		StoredSpan second = agents.stream().filter((span) -> span.iteration() == 2).findFirst().orElseThrow();

		List<StoredSpan> tools = ofKind(spans, "tool");
		assertThat(tools).extracting(StoredSpan::name)
			.containsExactlyInAnyOrder("search_docs", "calculator", "fetch_page", "fetch_page");
		assertThat(tools).allSatisfy((span) -> assertThat(span.parentSpanId()).isNotNull());
		StoredSpan failedFetch = tools.stream()
			.filter((span) -> span.name().equals("fetch_page") && span.status().equals("error"))
			.findFirst()
			.orElseThrow();
		assertThat(failedFetch.parentSpanId()).isEqualTo(second.id());
		assertThat(failedFetch.error().get("type").asString()).isEqualTo("PageFetchException");
		assertThat(failedFetch.error().get("message").asString()).contains("402 Payment Required");
		assertThat(tools).filteredOn((span) -> span != failedFetch).extracting(StoredSpan::status).containsOnly("ok");

		List<StoredSpan> models = ofKind(spans, "model");
		assertThat(models).hasSize(3).allSatisfy((span) -> {
			JsonNode attributes = span.attributes();
			assertThat(span.name()).isEqualTo("chat");
			assertThat(attributes.get("model").asString()).isEqualTo("gpt-4o");
			assertThat(attributes.get("input_tokens").asLong()).isPositive();
			assertThat(attributes.get("output_tokens").asLong()).isPositive();
			assertThat(attributes.get("cost_usd").decimalValue()).isGreaterThan(BigDecimal.ZERO);
			assertThat(attributes.get("pricing_source").asString()).isEqualTo("pricing_table");
		});

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
			assertThat(event.attributes().get("northstar_type").asString()).isEqualTo("metric");
			assertThat(event.content().get("name").asString()).isEqualTo("documents_found");
		});

		StoredEvent fetchArguments = events.stream()
			.filter((event) -> event.type().equals("tool_arguments") && failedFetch.id().equals(event.spanId()))
			.findFirst()
			.orElseThrow();
		assertThat(fetchArguments.content().get("url").asString()).startsWith("https://paywalled.example/");
		assertThat(fetchArguments.content().get("apiKey").asString()).isEqualTo("[REDACTED]");
		assertThat(events).allSatisfy((event) -> assertThat(event.content().toString())
			.doesNotContain("sk-sample-not-a-real-key"));

		Map<String, StoredScore> scores = this.store.scoresOf(traceId).stream()
			.collect(Collectors.toMap(StoredScore::name, (score) -> score));
		assertThat(scores.get("relevance").dataType()).isEqualTo("numeric");
		assertThat(scores.get("relevance").value()).isGreaterThan(0).isLessThanOrEqualTo(1);
		assertThat(scores.get("relevance").comment()).isNotBlank();
		assertThat(scores.get("answered").dataType()).isEqualTo("boolean");
		assertThat(scores.get("answered").value()).isEqualTo(1.0);
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
	void shouldRejectABlankQuestionWhenAsked() {
		int runs = this.store.runs().size();
		Response response = SampleHttp.ask(this.port, "  ");
		assertThat(response.status()).isEqualTo(400);
		assertThat(this.store.runs()).hasSize(runs);
	}

	private static List<StoredSpan> ofKind(List<StoredSpan> spans, String kind) {
		return spans.stream().filter((span) -> span.kind().equals(kind)).toList();
	}

}
