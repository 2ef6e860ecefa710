package ai.northstar.spring.ai.openai;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import ai.northstar.Northstar;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Hooks;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link OpenAiAgentApplication}: the Spring AI integration with a real provider module, Spring AI's OpenAI
 * chat model, auto-configured by its starter and pointed ({@code spring.ai.openai.base-url}) at a loopback server that speaks the OpenAI
 * chat-completions API ({@link FakeOpenAiServer}), so the provider's own request, response, streaming and
 * tool-calling code runs end to end.
 */
@Timeout(60)
class OpenAiProviderTests {

	private static final String API_KEY = "ns_openai";

	private static LocalIngestServer northstarServer;

	private static FakeOpenAiServer openAi;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void boot() throws Exception {
		northstarServer = LocalIngestServer.builder().apiKey(API_KEY).build();
		openAi = new FakeOpenAiServer();
		context = new SpringApplicationBuilder(OpenAiAgentApplication.class).web(WebApplicationType.NONE)
			.properties("northstar.api-key=" + API_KEY, "northstar.endpoint=" + northstarServer.ingestUri(),
					"northstar.flush-interval=100ms")
			// Command-line arguments win over the test application.properties that turns OpenAI off elsewhere
			.run("--spring.ai.model.chat=openai", "--spring.ai.openai.api-key=sk-test-not-a-key",
					"--spring.ai.openai.base-url=" + openAi.baseUrl(),
					"--spring.ai.openai.chat.options.model=gpt-4o-mini",
					"--spring.ai.openai.chat.options.temperature=0.7");
	}

	@AfterAll
	static void stop() {
		context.close();
		openAi.close();
		northstarServer.close();
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void shouldRecordTheProvidersRoundsAndToolWhenABlockingCallUsesATool() {
		String question = "Quel temps fait-il à Zürich?";
		String answer = context.getBean(ChatClient.class).prompt().user(question).call().content();
		assertThat(answer).isEqualTo("Il fait beau à Zürich ☀️");

		StoredRun run = awaitRun(question);
		List<StoredSpan> spans = spans(run);
		assertThat(spans).extracting(StoredSpan::name)
			.containsExactly("chat_client", "chat gpt-4o-mini", "weather", "chat gpt-4o-mini");
		JsonNode first = spans.get(1).attributes();
		assertThat(first.get("provider").asString()).isEqualTo("openai");
		assertThat(first.get("model").asString()).isEqualTo(FakeOpenAiServer.RESPONSE_MODEL);
		assertThat(first.get("input_tokens").asLong()).isEqualTo(50);
		assertThat(first.get("output_tokens").asLong()).isEqualTo(12);
		assertThat(first.get("cache_read_tokens").asLong()).isEqualTo(32);
		assertThat(first.get("finish_reason").asString()).isEqualTo("TOOL_CALLS");
		assertThat(first.get("temperature").asDouble()).isEqualTo(0.7);
		assertThat(first.get("pricing_source").asString()).isEqualTo("pricing_table");
		assertThat(spans.get(3).attributes().get("finish_reason").asString()).isEqualTo("STOP");
		StoredSpan tool = spans.get(2);
		assertThat(tool.attributes().get("tool_call_id").asString()).isEqualTo("call_abc");
		List<StoredEvent> events = northstarServer.store().eventsOf(run.id());
		assertThat(only(events, "tool_arguments", tool).content().get("city").asString()).isEqualTo("Zürich");
		assertThat(only(events, "tool_result", tool).content().asString()).isEqualTo("sunny in Zürich");
		assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(140);
		assertThat(openAi.requests()).filteredOn((request) -> !request.path("stream").asBoolean(false))
			.hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void shouldRecordTheCachedTokensAndTimingsOfTheProvidersStreamWhenItCallsATool() {
		String question = "Quel temps fait-il à Kraków?";
		List<String> chunks = context.getBean(ChatClient.class)
			.prompt()
			.user(question)
			.stream()
			.content()
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(String.join("", chunks)).isEqualTo("Il fait beau à Kraków ☀️");

		StoredRun run = awaitRun(question);
		List<StoredSpan> spans = spans(run);
		assertThat(spans).extracting(StoredSpan::name)
			.containsExactly("chat_client", "chat gpt-4o-mini", "weather", "chat gpt-4o-mini");
		StoredSpan first = spans.get(1);
		assertThat(first.attributes().get("streaming").asBoolean()).isTrue();
		assertThat(first.attributes().get("input_tokens").asLong()).isEqualTo(50);
		assertThat(first.attributes().get("cache_read_tokens").asLong()).isEqualTo(32);
		assertThat(first.attributes().get("time_to_first_token_ms").isIntegralNumber()).isTrue();
		assertThat(spans.get(3).attributes().get("input_tokens").asLong()).isEqualTo(90);
		List<StoredEvent> events = northstarServer.store().eventsOf(run.id());
		assertThat(only(events, "tool_arguments", spans.get(2)).content().get("city").asString()).isEqualTo("Kraków");
		assertThat(events).filteredOn((event) -> event.type().equals("final_response"))
			.singleElement()
			.satisfies((event) -> assertThat(event.content().asString()).isEqualTo("Il fait beau à Kraków ☀️"));
		assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(140);
	}

	private static StoredRun awaitRun(String question) {
		Northstar northstar = context.getBean(Northstar.class);
		return await().atMost(Duration.ofSeconds(20)).until(() -> {
			northstar.flush(Duration.ofSeconds(5));
			return northstarServer.store()
				.runs()
				.stream()
				.filter((run) -> run.endedAt() != null)
				.filter((run) -> northstarServer.store()
					.eventsOf(run.id())
					.stream()
					.anyMatch((event) -> event.type().equals("user_input") && event.spanId() == null
							&& question.equals(event.content().asString(null))))
				.filter((run) -> northstarServer.store().spansOf(run.id()).stream().allMatch((s) -> s.endedAt() != null))
				.findFirst()
				.orElse(null);
		}, Objects::nonNull);
	}

	private static List<StoredSpan> spans(StoredRun run) {
		return northstarServer.store()
			.spansOf(run.id())
			.stream()
			.sorted(Comparator.comparing(StoredSpan::startedAt))
			.toList();
	}

	private static StoredEvent only(List<StoredEvent> events, String type, StoredSpan span) {
		List<StoredEvent> matching = events.stream()
			.filter((event) -> event.type().equals(type) && Objects.equals(event.spanId(), span.id()))
			.toList();
		assertThat(matching).as(type).hasSize(1);
		return matching.get(0);
	}

}
