package ai.northstar.spring.ai;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpringAiTracer}'s hooks when the client cannot be had.
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

}
