package ai.northstar;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.northstar.internal.NorthstarInternals;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.PromptVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CoreAccess}, what the SDK's own modules reach of a client through {@link NorthstarInternals},
 * against the local NorthStar.
 */
class CoreAccessTests {

	private LocalIngestServer server;

	private Northstar client;

	@BeforeEach
	void start() {
		this.server = LocalIngestServer.builder().apiKey(TestClients.API_KEY).build();
		this.client = TestClients.client(this.server, CaptureOptions.all());
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void shouldStoreAPromptLinkWithItsSpanAndTheRequestedAttribute() {
		PromptVersion prompt = this.server.store().prompts().define("support-answer", 3, List.of("prod"),
				"Réponds à {{ question }} 😀", null, null, null, List.of("question"));
		Run run = this.client.session().run("agent");
		Span model = run.span("chat gpt-4o", SpanKind.MODEL);
		NorthstarInternals.linkPrompt(model, prompt.id(), Map.of("question", "Où est la gare?", "apiKey", "ns_x"),
				prompt.contentHash());
		model.close();
		run.close();
		this.client.flush();
		assertThat(this.server.store().rejectionMessages()).isEmpty();
		assertThat(this.server.store().promptLinks()).singleElement().satisfies((link) -> {
			assertThat(link.spanId()).isEqualTo(model.id());
			assertThat(link.traceId()).isEqualTo(run.id());
			assertThat(link.promptVersionId()).isEqualTo(prompt.id());
			assertThat(link.variableValues().get("question").asString()).isEqualTo("Où est la gare?");
			assertThat(link.variableValues().get("apiKey").asString()).isEqualTo("[REDACTED]");
		});
		JsonNode requested = this.server.store().span(model.id()).orElseThrow().attributes()
			.get("prompt.compile.requested");
		assertThat(requested.get("prompt_version_id").asString()).isEqualTo(prompt.id().toString());
		assertThat(requested.get("content_hash").asString()).isEqualTo(prompt.contentHash());
	}

	@Test
	void shouldRedactSecretsByKeyInMetadataAttributesAndEventAttributes() {
		Run run = this.client.session(Map.of("token", "ns_session_secret")).run("agent", Map.of("password", "hunter2"));
		run.putMetadata("apiKey", "ns_put_secret");
		Span span = run.span("tool", SpanKind.TOOL, null, Map.of("clientSecret", "s3cr3t"));
		span.setAttribute("authorization", "Bearer x");
		span.recordToolResult("ok", Map.of("X-Api-Key", "ns_event_secret"));
		span.close();
		run.close();
		this.client.flush();
		String stored = this.server.store().runs().toString() + this.server.store().spans()
				+ this.server.store().events() + this.server.store().sessions();
		assertThat(stored).doesNotContain("ns_session_secret", "hunter2", "ns_put_secret", "s3cr3t", "Bearer x",
				"ns_event_secret");
		assertThat(this.server.store().run(run.id()).orElseThrow().metadata().get("password").asString())
			.isEqualTo("[REDACTED]");
	}

	@Test
	void shouldFindALiveRunByItsIdAndNotAnUnknownOne() {
		Run run = this.client.session().run("agent");
		assertThat(NorthstarInternals.findRun(this.client, run.id())).containsSame(run);
		assertThat(NorthstarInternals.findRun(this.client, UUID.randomUUID())).isEmpty();
	}

	@Test
	void shouldCountModelCallsUnderAnEvaluationAsTheRunsEvaluationCostEvenAfterItEnded() {
		Run run = this.client.session().run("agent");
		try (Span model = run.span("chat gpt-4o", SpanKind.MODEL)) {
			model.recordUsage("gpt-4o", 1000, 100);
		}
		run.close();
		this.client.flush();
		Span evaluation = run.span("evaluation relevancy", SpanKind.CUSTOM);
		NorthstarInternals.markEvaluation(evaluation);
		try (Span judge = evaluation.span("chat gpt-4o", SpanKind.MODEL)) {
			judge.recordUsage("gpt-4o", 2000, 200);
		}
		evaluation.close();
		this.client.flush();
		JsonNode metadata = this.server.store().run(run.id()).orElseThrow().metadata();
		BigDecimal cost = metadata.get("cost_usd").decimalValue();
		BigDecimal evaluationCost = metadata.get("evaluation_cost_usd").decimalValue();
		assertThat(cost).isPositive();
		assertThat(evaluationCost).isEqualByComparingTo(cost.multiply(BigDecimal.valueOf(2)));
		assertThat(metadata.get("total_input_tokens").asLong()).isEqualTo(1000);
		assertThat(this.server.store().run(run.id()).orElseThrow().status()).isEqualTo("ok");
	}

}
