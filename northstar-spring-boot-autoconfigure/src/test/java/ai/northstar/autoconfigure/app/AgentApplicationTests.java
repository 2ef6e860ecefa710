package ai.northstar.autoconfigure.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import ai.northstar.Northstar;
import ai.northstar.ScoreOptions;
import ai.northstar.autoconfigure.app.AgentApplication.Answer;
import ai.northstar.autoconfigure.app.AgentApplication.SupportAgent;
import ai.northstar.capture.ContentCapture;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.LocalStore;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSession;
import ai.northstar.local.StoredSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Hooks;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link AgentApplication}: the application booted with a real web server on a random port, traced with
 * annotations only, sending to a loopback ingest server that validates like the backend. The test closes the context
 * itself and checks the stored tree afterwards. It boots with {@link SpringApplicationBuilder} rather than
 * {@code @SpringBootTest}: Spring Framework 7's test context cache restarts its context after each test method, which
 * fails once the test has closed it.
 */
@Timeout(60)
class AgentApplicationTests {

	private static final String API_KEY = "ns_booted";

	private final LocalIngestServer server = LocalIngestServer.builder().apiKey(API_KEY).build();

	@AfterEach
	void stopServer() {
		this.server.close();
		Hooks.disableAutomaticContextPropagation();
	}

	private ConfigurableApplicationContext boot(String... extra) {
		List<String> properties = new java.util.ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"northstar.api-key=" + API_KEY, "northstar.endpoint=" + this.server.ingestUri(),
				"northstar.project=shop", "northstar.environment=test", "northstar.flush-interval=200ms",
				"northstar.shutdown-timeout=10s", "management.endpoints.web.exposure.include=health,northstar",
				"management.endpoint.health.show-details=always"));
		properties.addAll(List.of(extra));
		return new SpringApplicationBuilder(AgentApplication.class).web(WebApplicationType.REACTIVE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(booleans = { false, true })
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void shouldLogOneWarningAndCountWhatWasNotSentWhenTheContextClosesWithTheBackendDown(boolean debug,
			org.springframework.boot.test.system.CapturedOutput output) {
		ConfigurableApplicationContext context = boot("northstar.shutdown-timeout=3s", "northstar.debug=" + debug);
		SupportAgent agent = context.getBean(SupportAgent.class);
		Northstar northstar = context.getBean(Northstar.class);
		this.server.setUnavailable(true);
		agent.answer("refund policy", "key");
		agent.answer("shipping", "key");
		context.close();
		assertThat(output.toString().split("NorthStar shut down with", -1)).as("exactly one warning").hasSize(2);
		assertThat(output).containsPattern("WARN .*NorthStar shut down with \\d+ records not sent within 3s \\(last error: "
				+ "HTTP 503: Service unavailable\\)");
		assertThat(northstar.stats().dropped().get("shutdown")).isPositive();
		assertThat(northstar.stats().pending()).isZero();
		assertThat(this.server.store().runs()).isEmpty();
		if (debug) {
			assertThat(output).contains("NorthStar could not send a batch");
		}
	}

	@Test
	void shouldDeliverTheWholeTraceTreeWhenTheApplicationStops() {
		ConfigurableApplicationContext context = boot();
		SupportAgent agent = context.getBean(SupportAgent.class);
		Northstar northstar = context.getBean(Northstar.class);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		WebClient http = WebClient.create("http://127.0.0.1:" + port);
		Answer answer = http.get()
			.uri("/answer?q={q}", "refund policy")
			.retrieve()
			.bodyToMono(Answer.class)
			.block(Duration.ofSeconds(10));
		assertThat(answer.facts()).isEqualTo("facts about refund policy");
		String reactive = http.get()
			.uri("/reactive?topic={topic}", "billing")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(reactive).isEqualTo("BILLING!");
		assertThat(agent.asyncHop("history")).isEqualTo("summary of history");
		assertThat(agent.stream(5).collectList().block(Duration.ofSeconds(10))).hasSize(5);
		assertThatIllegalStateException().isThrownBy(() -> agent.failing("pricing"))
			.withMessage("model unavailable for pricing");
		UUID answerTrace = UUID.fromString(answer.traceId());
		northstar.score(answerTrace, "helpfulness", 0.9);
		northstar.score(answerTrace, "resolved", true, ScoreOptions.builder().comment("booted").build());

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(http.get()
			.uri("/actuator/health/northstar")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(5))).contains("\"status\":\"UP\""));
		String endpoint = http.get()
			.uri("/actuator/northstar")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(5));
		assertThat(endpoint).contains("\"apiKey\":\"******\"").doesNotContain(API_KEY)
			.contains("\"active\":true", "\"requestTimeout\"", "\"maxRetention\"",
					"\"contextPropagation\":{\"reactor\":true,\"executors\":true}");

		ai.northstar.NorthstarFlusher flusher = context.getBean(ai.northstar.NorthstarFlusher.class);
		context.close();

		LocalStore store = this.server.store();
		assertThat(store.rejectedBatches()).isZero();
		assertThat(northstar.stats().pending()).isZero();
		assertThat(flusher.stats().dropped()).allSatisfy((reason, count) -> assertThat(count)
			.as(reason)
			.isZero());

		StoredSession session = store.sessions().get(0);
		assertThat(store.sessions()).hasSize(1);
		assertThat(session.endedAt()).isNotNull();
		assertThat(session.metadata().get("project").asString()).isEqualTo("shop");
		assertThat(session.metadata().get("environment").asString()).isEqualTo("test");

		Map<String, StoredRun> runs = store.runsOf(session.id())
			.stream()
			.collect(Collectors.toMap(StoredRun::name, Function.identity()));
		assertThat(runs).containsOnlyKeys("support-agent", "reactive", "asyncHop", "stream", "failing");
		assertThat(runs.values()).allSatisfy((run) -> {
			assertThat(run.endedAt()).isNotNull();
			assertThat(run.metadata().get("latency_ms").isIntegralNumber()).isTrue();
			assertThat(run.metadata().get("environment").asString()).isEqualTo("test");
		});
		assertThat(runs.values()).filteredOn((run) -> !run.name().equals("failing"))
			.extracting(StoredRun::status)
			.containsOnly("ok");

		StoredRun supportAgent = runs.get("support-agent");
		assertThat(supportAgent.id()).isEqualTo(answerTrace);
		assertThat(supportAgent.metadata().get("tags").get(0).asString()).isEqualTo("booted");
		Map<String, StoredSpan> spans = spansByName(store.spansOf(supportAgent.id()));
		assertThat(spans).containsOnlyKeys("search", "fetch");
		assertThat(spans.get("search").parentSpanId()).isNull();
		assertThat(spans.get("search").kind()).isEqualTo("tool");
		assertThat(spans.get("fetch").parentSpanId()).isEqualTo(spans.get("search").id());
		assertThat(spans.get("fetch").kind()).isEqualTo("workflow");
		List<StoredEvent> agentEvents = store.eventsOf(supportAgent.id());
		StoredEvent input = only(agentEvents, "user_input", null);
		assertThat(input.content().get("question").asString()).isEqualTo("refund policy");
		assertThat(input.content().get("apiKey").asString()).isEqualTo(ContentCapture.REDACTED);
		assertThat(agentEvents.toString()).doesNotContain("ns_user_secret_123");
		JsonNode response = only(agentEvents, "final_response", null).content();
		assertThat(response.get("traceId").asString()).isEqualTo(answer.traceId());
		StoredEvent step = only(agentEvents, "custom", null);
		assertThat(step.content().get("name").asString()).isEqualTo("step");
		assertThat(step.attributes().get("northstar_type").asString()).isEqualTo("event");
		assertThat(only(agentEvents, "tool_arguments", spans.get("fetch").id()).content().get("query").asString())
			.isEqualTo("refund policy");
		assertThat(only(agentEvents, "tool_result", spans.get("search").id()).content().asString())
			.isEqualTo("facts about refund policy");

		StoredRun reactiveRun = runs.get("reactive");
		assertThat(store.spansOf(reactiveRun.id())).singleElement().satisfies((span) -> {
			assertThat(span.name()).isEqualTo("lookup");
			assertThat(span.parentSpanId()).isNull();
			assertThat(span.status()).isEqualTo("ok");
		});
		assertThat(only(store.eventsOf(reactiveRun.id()), "final_response", null).content().asString())
			.isEqualTo("BILLING!");

		assertThat(store.spansOf(runs.get("asyncHop").id())).singleElement().satisfies((span) -> {
			assertThat(span.name()).isEqualTo("summarize");
			assertThat(span.parentSpanId()).isNull();
			assertThat(span.status()).isEqualTo("ok");
		});

		JsonNode chunks = only(store.eventsOf(runs.get("stream").id()), "final_response", null).content();
		assertThat(chunks.valueStream().map(JsonNode::asString)).containsExactly("chunk-1", "chunk-2", "chunk-3",
				"chunk-4", "chunk-5");

		StoredRun failing = runs.get("failing");
		assertThat(failing.status()).isEqualTo("error");
		assertThat(failing.error().get("type").asString()).isEqualTo("IllegalStateException");
		assertThat(failing.error().get("message").asString()).isEqualTo("model unavailable for pricing");

		assertThat(store.scoresOf(supportAgent.id())).extracting(StoredScore::name, StoredScore::dataType)
			.containsExactlyInAnyOrder(tuple("helpfulness", "numeric"), tuple("resolved", "boolean"));
	}

	@Test
	void shouldStoreNamesArgumentsAndResultsInEveryScriptWhenTracedWithAnnotations() {
		ConfigurableApplicationContext context = boot();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		String question = "Où est la gare? 駅はどこ? איפה התחנה? 👩‍💻";
		String answer = WebClient.create("http://127.0.0.1:" + port)
			.get()
			.uri("/polyglot?q={q}", question)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		String expected = "סיכום: Grüße aus München 中文 😀: " + question;
		assertThat(answer).isEqualTo(expected);
		context.close();

		LocalStore store = this.server.store();
		assertThat(store.rejectedBatches()).isZero();
		StoredRun run = store.runs().stream().filter((stored) -> !stored.name().isEmpty()).findFirst().orElseThrow();
		assertThat(run.name()).isEqualTo("résumé-agent 履歴書 😀");
		assertThat(run.metadata().get("tags").get(0).asString()).isEqualTo("日本語");
		List<StoredEvent> events = store.eventsOf(run.id());
		JsonNode input = only(events, "user_input", null).content();
		assertThat(input.get("質問").asString()).isEqualTo(question);
		assertThat(input.get("apiKey").asString()).isEqualTo(ContentCapture.REDACTED);
		assertThat(only(events, "final_response", null).content().asString()).isEqualTo(expected);
		Map<String, StoredSpan> spans = spansByName(store.spansOf(run.id()));
		assertThat(spans).containsOnlyKeys("検索-ツール", "تلخيص");
		StoredSpan search = spans.get("検索-ツール");
		assertThat(only(events, "tool_arguments", search.id()).content().get("クエリ").asString()).isEqualTo(question);
		assertThat(only(events, "tool_result", search.id()).content().asString())
			.isEqualTo("Grüße aus München 中文 😀: " + question);
		StoredSpan summary = spans.get("تلخيص");
		assertThat(only(events, "tool_arguments", summary.id()).content().get("نص").asString())
			.isEqualTo("Grüße aus München 中文 😀: " + question);
	}

	private static Map<String, StoredSpan> spansByName(List<StoredSpan> spans) {
		return spans.stream().collect(Collectors.toMap(StoredSpan::name, Function.identity()));
	}

	private static StoredEvent only(List<StoredEvent> events, String type, UUID spanId) {
		List<StoredEvent> matching = events.stream()
			.filter((event) -> event.type().equals(type) && Objects.equals(event.spanId(), spanId))
			.toList();
		assertThat(matching).as(type + " events of span " + spanId).hasSize(1);
		return matching.get(0);
	}

}
