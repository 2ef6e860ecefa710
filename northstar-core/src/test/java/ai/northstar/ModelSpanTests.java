package ai.northstar;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import ai.northstar.data.EventData;
import ai.northstar.local.LocalIngestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the model-span recording of {@link Span}: usage, cost and chat messages.
 */
class ModelSpanTests {

	private LocalIngestServer server;

	private Northstar client;

	@BeforeEach
	void startServer() {
		this.server = LocalIngestServer.builder().apiKey(TestClients.API_KEY).build();
		this.client = TestClients.builder(this.server, CaptureOptions.all())
			.pricing(ModelPricing.builder().pricePerMillion("house-model", 1.0, 2.0).build())
			.build();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void shouldSetUsageAttributesAndAggregateThemOnTheRun() {
		Run run = this.client.session().run("agent");
		try (Span first = run.span("llm-1", SpanKind.MODEL)) {
			first.recordUsage("house-model", 1_000_000, 500_000);
			Map<String, JsonNode> attributes = first.attributes();
			assertThat(attributes.get("model").asString()).isEqualTo("house-model");
			assertThat(attributes.get("input_tokens").asLong()).isEqualTo(1_000_000);
			assertThat(attributes.get("output_tokens").asLong()).isEqualTo(500_000);
			assertThat(attributes.get("total_tokens").asLong()).isEqualTo(1_500_000);
			assertThat(attributes.get("cost_usd").decimalValue()).isEqualByComparingTo("2.0");
			assertThat(attributes.get("pricing_source").asString()).isEqualTo("pricing_table");
		}
		try (Span second = run.span("llm-2", SpanKind.MODEL)) {
			second.recordUsage("mystery-model", 10, 20);
			second.recordUsage("mystery-model", 100, 200);
			assertThat(second.attributes().get("pricing_source").asString()).isEqualTo("unknown");
			assertThat(second.attributes().get("cost_usd").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
		}
		run.close();
		assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(1_000_100);
		assertThat(run.metadata().get("total_output_tokens").asLong()).isEqualTo(500_200);
		assertThat(run.metadata().get("cost_usd").decimalValue()).isEqualByComparingTo("2.0");
		this.client.flush();
		assertThat(this.server.store().run(run.id()).orElseThrow().metadata().get("total_input_tokens").asLong())
			.isEqualTo(1_000_100);
	}

	@Test
	void shouldMapChatMessagesToEventsByRole() {
		Run run = this.client.session().run("agent");
		List<EventData> events;
		try (Span model = run.span("llm", SpanKind.MODEL)) {
			events = model.recordInputMessages("gpt-4o", List.of(ChatMessage.system("Be brief."),
					ChatMessage.user("Add 2 and 3"),
					ChatMessage.assistant(null, new ChatMessage.ToolCall("call_1", "add", Map.of("a", 2, "b", 3))),
					ChatMessage.tool("call_1", "add", 5),
					Map.of("role", "assistant", "content", "It is 5.", "tool_calls",
							List.of(Map.of("id", "call_2", "type", "function", "function",
									Map.of("name", "log", "arguments", "{\"x\":1}")))),
					Map.of("role", "tool", "tool_call_id", "call_2", "name", "log", "content", "ok")));
			events = new java.util.ArrayList<>(events);
			events.addAll(model.recordOutputMessage("gpt-4o", ChatMessage.assistant("Done.")));
			assertThat(model.attributes().get("model").asString()).isEqualTo("gpt-4o");
		}
		assertThat(events).extracting(EventData::type)
			.containsExactly(EventType.SYSTEM_MESSAGE, EventType.USER_INPUT, EventType.ASSISTANT_MESSAGE,
					EventType.TOOL_ARGUMENTS, EventType.TOOL_RESULT, EventType.ASSISTANT_MESSAGE,
					EventType.TOOL_ARGUMENTS, EventType.TOOL_RESULT, EventType.ASSISTANT_MESSAGE);
		EventData firstCall = events.get(3);
		assertThat(firstCall.attributes().get("tool_call_id").asString()).isEqualTo("call_1");
		assertThat(firstCall.attributes().get("name").asString()).isEqualTo("add");
		assertThat(firstCall.content().get("a").asInt()).isEqualTo(2);
		EventData firstResult = events.get(4);
		assertThat(firstResult.attributes().get("tool_call_id").asString()).isEqualTo("call_1");
		assertThat(firstResult.attributes().get("name").asString()).isEqualTo("add");
		assertThat(firstResult.content().asInt()).isEqualTo(5);
		assertThat(events.get(6).attributes().get("name").asString()).isEqualTo("log");
		assertThat(events.get(7).attributes().get("tool_call_id").asString()).isEqualTo("call_2");
		assertThat(events).allSatisfy((event) -> assertThat(event.spanId()).isNotNull());
		this.client.flush();
		assertThat(this.server.store().eventsOf(run.id())).hasSize(9);
	}

}
