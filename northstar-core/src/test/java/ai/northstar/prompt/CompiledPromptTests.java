package ai.northstar.prompt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import ai.northstar.ModelCall;
import ai.northstar.Northstar;
import ai.northstar.Run;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.data.Batch;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.PromptVersion;
import ai.northstar.local.StoredPromptLink;
import ai.northstar.unicode.HostileText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CompiledPrompt}: compiling a pulled prompt and binding it to model spans, stored by the local
 * NorthStar.
 */
class CompiledPromptTests {

	private LocalIngestServer server;

	private Northstar client;

	private PromptVersion version;

	@BeforeEach
	void start() {
		this.server = LocalIngestServer.builder().apiKey(PromptTestSupport.API_KEY).build();
		this.version = this.server.store().prompts().define("support-answer", 7, List.of("prod"),
				"Réponds à {{ question }} pour {audience} 🙂", "gpt-4o", null, null, List.of("question", "audience"));
		this.client = PromptTestSupport.clientBuilder(this.server).build();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.close();
	}

	@Test
	void shouldCompileTheTextAndKeepExtraVariablesWhenGivenMoreThanTheTemplateUses() {
		CompiledPrompt compiled = this.client.prompts()
			.get("support-answer")
			.compile(Map.of("question", "Où est la gare ?", "audience", "Ünïcødé 用户", "tenant", "acme"));
		assertThat(compiled.text()).isEqualTo("Réponds à Où est la gare ? pour Ünïcødé 用户 🙂");
		assertThat(compiled.variables()).containsOnlyKeys("question", "audience", "tenant");
		assertThat(compiled.prompt().versionId()).isEqualTo(this.version.id());
	}

	@Test
	void shouldNameTheMissingVariablesWhenCompiledWithoutThem() {
		Prompt prompt = this.client.prompts().get("support-answer");
		assertThatIllegalArgumentException().isThrownBy(() -> prompt.compile(Map.of("tenant", "acme")))
			.withMessage("Missing prompt variables: audience, question");
	}

	@Test
	void shouldLinkToTheCurrentModelSpanAndStoreTheLinkWithItsSpanWhenBoundInsideIt() {
		HostileText hostile = new HostileText(7);
		String question = hostile.next(300) + " é 中文 العربية 😀";
		Map<String, Object> values = new HashMap<>();
		values.put("question", question);
		values.put("audience", "équipe 👩‍💻");
		values.put("apiKey", "ns_secret_value");
		CompiledPrompt compiled = this.client.prompts().get("support-answer").compile(values);
		Span[] model = new Span[1];
		Run run = this.client.trace("agent", () -> {
			try (ModelCall call = this.client.modelCall("chat gpt-4o", "gpt-4o")) {
				model[0] = call.span().orElseThrow();
				assertThat(compiled.bind()).isTrue();
			}
			return model[0].run();
		});
		this.client.flush();
		assertThat(this.server.store().rejectionMessages()).isEmpty();
		StoredPromptLink link = this.server.store().promptLinks().get(0);
		assertThat(this.server.store().promptLinks()).hasSize(1);
		assertThat(link.spanId()).isEqualTo(model[0].id());
		assertThat(link.traceId()).isEqualTo(run.id());
		assertThat(link.promptVersionId()).isEqualTo(this.version.id());
		assertThat(link.variableValues().get("question").asString()).isEqualTo(HostileText.expected(question));
		assertThat(link.variableValues().get("audience").asString()).isEqualTo("équipe 👩‍💻");
		assertThat(link.variableValues().get("apiKey").asString()).isEqualTo("[REDACTED]");
		JsonNode requested = this.server.store().span(model[0].id()).orElseThrow().attributes()
			.get("prompt.compile.requested");
		assertThat(requested.get("prompt_version_id").asString()).isEqualTo(this.version.id().toString());
		assertThat(requested.get("content_hash").asString()).isEqualTo(this.version.contentHash());
	}

	@Test
	void shouldStoreTheLinkWithinTheRecordBoundWhenValuesAreHugeNullOrKeyedInAnyScript() {
		String huge = "é中😀".repeat(350_000);
		Map<String, Object> values = new HashMap<>();
		values.put("question", huge);
		values.put("audience", null);
		values.put("clé 🔑 مفتاح", "valeur ✓");
		CompiledPrompt compiled = this.client.prompts().get("support-answer").compile(values);
		assertThat(compiled.text()).isEqualTo("Réponds à " + huge + " pour null 🙂");
		Run run = this.client.session().run("agent");
		Span model = run.span("chat gpt-4o", SpanKind.MODEL);
		assertThat(compiled.bind(model)).isTrue();
		model.close();
		run.close();
		this.client.flush();
		assertThat(this.server.store().rejectionMessages()).isEmpty();
		StoredPromptLink link = this.server.store().promptLinks().get(0);
		assertThat(link.variableValues().get("clé 🔑 مفتاح").asString()).isEqualTo("valeur ✓");
		assertThat(link.variableValues().get("audience").isNull()).isTrue();
		// The huge value is cut like any content, so that the link fits a batch
		assertThat(link.variableValues().toString().length()).isLessThan(huge.length());
	}

	@Test
	void shouldSendTheLinkInTheSpansBatchOrALaterOneWhenBoundBeforeOrAfterTheSpanWasSent() {
		CompiledPrompt compiled = this.client.prompts()
			.get("support-answer")
			.compile(Map.of("question", "q", "audience", "a"));
		Run run = this.client.session().run("agent");
		Span first = run.span("chat gpt-4o", SpanKind.MODEL);
		compiled.bind(first);
		Batch together = this.client.flush();
		assertThat(together.spans()).extracting((span) -> span.id()).contains(first.id());
		assertThat(together.promptLinks()).singleElement()
			.satisfies((link) -> assertThat(link.spanId()).isEqualTo(first.id()));
		Span second = run.span("chat gpt-4o", SpanKind.MODEL);
		second.close();
		this.client.flush();
		assertThat(compiled.bind(second)).isTrue();
		Batch later = this.client.flush();
		assertThat(later.promptLinks()).singleElement()
			.satisfies((link) -> assertThat(link.spanId()).isEqualTo(second.id()));
		first.close();
		run.close();
		this.client.flush();
		assertThat(this.server.store().rejectionMessages()).isEmpty();
		assertThat(this.server.store().promptLinksOf(run.id())).extracting(StoredPromptLink::spanId)
			.containsExactlyInAnyOrder(first.id(), second.id());
	}

	@Test
	void shouldBindNothingAndSayItInADebugLineWhenNoModelSpanIsCurrent() {
		CompiledPrompt compiled = this.client.prompts()
			.get("support-answer")
			.compile(Map.of("question", "q", "audience", "a"));
		try (PromptTestSupport.Logs logs = new PromptTestSupport.Logs(CompiledPrompt.class)) {
			assertThat(compiled.bind()).isFalse();
			this.client.trace("agent", () -> {
				assertThat(compiled.bind()).isFalse();
				this.client.span("search", SpanKind.TOOL, () -> assertThat(compiled.bind()).isFalse());
				return null;
			});
			assertThat(logs.messages(Level.FINE)).hasSize(3)
				.allSatisfy((message) -> assertThat(message).contains("not a MODEL span"));
		}
		this.client.flush();
		assertThat(this.server.store().rejectionMessages()).isEmpty();
		assertThat(this.server.store().spans()).isNotEmpty()
			.allSatisfy((span) -> assertThat(span.attributes().has("prompt.compile.requested")).isFalse());
		assertThat(this.server.store().promptLinks()).isEmpty();
	}

	@Test
	void shouldRefuseAnExplicitSpanWhenItIsNotAModelSpan() {
		CompiledPrompt compiled = this.client.prompts()
			.get("support-answer")
			.compile(Map.of("question", "q", "audience", "a"));
		Run run = this.client.session().run("agent");
		Span tool = run.span("search", SpanKind.TOOL);
		assertThatIllegalArgumentException().isThrownBy(() -> compiled.bind(tool))
			.withMessage("A prompt is bound to a MODEL span, was " + tool);
	}

	@Test
	void shouldMarkTheSpanAsFallbackAndLinkNothingWhenTheFallbackPromptIsBound() {
		this.server.setUnavailable(true);
		CompiledPrompt compiled = this.client.prompts().get("offline-answer").compile(Map.of("question", "q"));
		assertThat(compiled.prompt().isFallback()).isTrue();
		this.server.setUnavailable(false);
		Span[] model = new Span[1];
		this.client.trace("agent", () -> {
			try (ModelCall call = this.client.modelCall("chat gpt-4o", "gpt-4o")) {
				model[0] = call.span().orElseThrow();
				assertThat(compiled.bind()).isTrue();
			}
			return null;
		});
		this.client.flush();
		assertThat(this.server.store().rejectionMessages()).isEmpty();
		JsonNode attributes = this.server.store().span(model[0].id()).orElseThrow().attributes();
		assertThat(attributes.get(CompiledPrompt.FALLBACK_ATTRIBUTE).asBoolean()).isTrue();
		assertThat(attributes.has("prompt.compile.requested")).isFalse();
		assertThat(this.server.store().promptLinks()).isEmpty();
	}

}
