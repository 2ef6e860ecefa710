package ai.northstar.spring.ai.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.northstar.Northstar;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.PromptVersion;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredPromptLink;
import ai.northstar.local.StoredSpan;
import ai.northstar.prompt.CompiledPrompt;
import ai.northstar.prompt.Prompts;
import ai.northstar.spring.ai.NorthstarAdvisorParams;
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
 * Tests for {@link NorthstarAdvisorParams#bindPrompt}: a prompt pulled through the injected {@link Prompts} bean and
 * bound to a {@code ChatClient} call of {@link SpringAiAgentApplication} is linked to every model round of that call,
 * blocking or streamed, as stored by a loopback NorthStar.
 */
@Timeout(60)
class PromptBindingApplicationTests {

	private static final String API_KEY = "ns_prompt_binding";

	private static LocalIngestServer server;

	private static PromptVersion version;

	private static ConfigurableApplicationContext context;

	private static ChatClient chatClient;

	private static Northstar northstar;

	private static Prompts prompts;

	@BeforeAll
	static void boot() {
		server = LocalIngestServer.builder().apiKey(API_KEY).build();
		version = server.store().prompts().define("travel-system", 4, List.of("prod"),
				"Tu es un assistant de voyage pour {{ client }}. 旅行アシスタント 🧳", "gpt-4o", 0.3, 800,
				List.of("client"));
		context = new SpringApplicationBuilder(SpringAiAgentApplication.class).web(WebApplicationType.NONE)
			.properties("northstar.api-key=" + API_KEY, "northstar.endpoint=" + server.ingestUri(),
					"northstar.flush-interval=100ms")
			.run();
		chatClient = context.getBean(ChatClient.class);
		northstar = context.getBean(Northstar.class);
		prompts = context.getBean(Prompts.class);
	}

	@AfterAll
	static void stop() {
		context.close();
		server.close();
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void shouldLinkEveryRoundOfABlockingToolLoopWhenTheCallBindsThePrompt() {
		CompiledPrompt compiled = prompts.get("travel-system")
			.compile(Map.of("client", "Zoë 👩‍🚀", "apiKey", "ns_must_not_leak"));
		UUID runId = northstar.trace("bound-blocking", () -> {
			chatClient.prompt()
				.system(compiled.text())
				.user("Quelle est la météo à Zürich?")
				.advisors(NorthstarAdvisorParams.bindPrompt(compiled))
				.call()
				.content();
			return northstar.currentTraceId().orElseThrow();
		});
		List<StoredSpan> rounds = awaitModelSpans(runId, 2);
		assertLinked(runId, rounds);
		List<StoredPromptLink> links = server.store().promptLinksOf(runId);
		assertThat(links).allSatisfy((link) -> {
			assertThat(link.variableValues().get("client").asString()).isEqualTo("Zoë 👩‍🚀");
			assertThat(link.variableValues().get("apiKey").asString()).isEqualTo("[REDACTED]");
		});
		List<StoredEvent> systemMessages = server.store()
			.eventsOf(runId)
			.stream()
			.filter((event) -> event.type().equals("system_message"))
			.toList();
		assertThat(systemMessages).hasSize(2)
			.allSatisfy((event) -> assertThat(event.content().asString())
				.isEqualTo("Tu es un assistant de voyage pour Zoë 👩‍🚀. 旅行アシスタント 🧳"));
	}

	@Test
	void shouldLinkEveryRoundOfAStreamedToolLoopWhenTheCallBindsThePrompt() {
		CompiledPrompt compiled = prompts.get("travel-system").compile(Map.of("client", "Ахмед 🧑‍💼"));
		UUID runId = northstar.trace("bound-stream", () -> {
			chatClient.prompt()
				.system(compiled.text())
				.user("Quelle est la météo à Kyōto?")
				.advisors(NorthstarAdvisorParams.bindPrompt(compiled))
				.stream()
				.content()
				.collectList()
				.block(Duration.ofSeconds(20));
			return northstar.currentTraceId().orElseThrow();
		});
		assertLinked(runId, awaitModelSpans(runId, 2));
	}

	@Test
	void shouldLinkNothingWhenTheCallBindsNoPrompt() {
		UUID runId = northstar.trace("unbound", () -> {
			chatClient.prompt().user("Quelle est la météo à Oslo?").call().content();
			return northstar.currentTraceId().orElseThrow();
		});
		List<StoredSpan> rounds = awaitModelSpans(runId, 2);
		assertThat(rounds).allSatisfy(
				(span) -> assertThat(span.attributes().has("prompt.compile.requested")).isFalse());
		assertThat(server.store().promptLinksOf(runId)).isEmpty();
		assertThat(server.store().rejectionMessages()).isEmpty();
	}

	private static void assertLinked(UUID runId, List<StoredSpan> rounds) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(server.store().promptLinksOf(runId)).extracting(StoredPromptLink::spanId)
				.containsExactlyInAnyOrderElementsOf(rounds.stream().map(StoredSpan::id).toList()));
		assertThat(server.store().promptLinksOf(runId))
			.allSatisfy((link) -> assertThat(link.promptVersionId()).isEqualTo(version.id()));
		assertThat(rounds).allSatisfy((span) -> {
			JsonNode requested = span.attributes().get("prompt.compile.requested");
			assertThat(requested.get("prompt_version_id").asString()).isEqualTo(version.id().toString());
			assertThat(requested.get("content_hash").asString()).isEqualTo(version.contentHash());
		});
		assertThat(server.store().rejectionMessages()).isEmpty();
	}

	private static List<StoredSpan> awaitModelSpans(UUID runId, int count) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> server.store().run(runId).map((run) -> !run.status().equals("running")).orElse(false)
					&& modelSpans(runId).size() == count
					&& modelSpans(runId).stream().allMatch((span) -> span.endedAt() != null));
		return modelSpans(runId);
	}

	private static List<StoredSpan> modelSpans(UUID runId) {
		return server.store().spansOf(runId).stream().filter((span) -> span.kind().equals("model")).toList();
	}

}
