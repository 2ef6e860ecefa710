package ai.northstar.spring.ai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.RecordedRequest;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpringAiTracer}'s hooks when the client cannot be had, and for what a prompt's tool messages
 * become on the wire.
 */
class SpringAiTracerTests {

	@Test
	void shouldLetEveryCallThroughUntracedWhileTheClientCannotBeHad() {
		AtomicInteger asked = new AtomicInteger();
		SpringAiTracer tracer = SpringAiTracer.builder(() -> {
			asked.incrementAndGet();
			throw new IllegalStateException("Error creating bean with name 'northstar': context is closing");
		}).build();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new NorthstarModelObservationHandler(tracer));
		ChatModel model = new ScriptedChatModel(registry, "gpt-4o", "gpt-4o-2024-08-06",
				(prompt) -> ScriptedChatModel.Reply.text(3, 2, "Grüß ", "dich 😀"));
		assertThat(model.call(new Prompt("Hallo")).getResult().getOutput().getText()).isEqualTo("Grüß dich 😀");
		assertThat(model.stream(new Prompt("Hallo stream")).collectList().block(Duration.ofSeconds(10))).isNotEmpty();
		// Asked again at each call: a client that comes later is used then.
		assertThat(asked.get()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void shouldSendTheNumbersOfAPromptsToolCallsAndResultsWithTheirExactValue() {
		try (LocalIngestServer server = LocalIngestServer.create();
				Northstar client = Northstar.builder().apiKey("ns_test").endpoint(server.ingestUri())
					.capture(CaptureOptions.all()).build()) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new NorthstarModelObservationHandler(SpringAiTracer.builder(client).build()));
			ChatModel model = new ScriptedChatModel(registry, "gpt-4o", "gpt-4o-2024-08-06",
					(prompt) -> ScriptedChatModel.Reply.text(3, 2, "Votre solde 💶"));
			AssistantMessage.ToolCall call = new AssistantMessage.ToolCall("call_1", "function", "balance",
					"{\"montant\":12345678901234567.89}");
			model.call(new Prompt(List.of(new UserMessage("solde ?"),
					AssistantMessage.builder().content("").toolCalls(List.of(call)).build(),
					ToolResponseMessage.builder()
						.responses(List.of(new ToolResponseMessage.ToolResponse("call_1", "balance",
								"12345678901234567.89")))
						.build())));
			client.flush();

			String wire = server.requests().stream().map(RecordedRequest::bodyAsString).reduce("", String::concat);
			assertThat(wire).contains("{\"montant\":12345678901234567.89}", ":12345678901234567.89,")
				.doesNotContain("1.2345678901234568E16");
		}
	}

}
