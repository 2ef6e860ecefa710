package ai.northstar.spring.ai;

import java.util.Map;

import ai.northstar.Northstar;
import ai.northstar.prompt.CompiledPrompt;
import ai.northstar.prompt.Prompts;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BoundPrompt}: which call's prompt a model round finds through real Micrometer observations.
 */
class BoundPromptTests {

	private final ObservationRegistry registry = ObservationRegistry.create();

	BoundPromptTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
	}

	@Test
	void shouldFindTheNearestCallsPromptAndStopAtACallThatBoundNone(@TempDir java.nio.file.Path folder)
			throws Exception {
		java.nio.file.Files.writeString(folder.resolve("outer.txt"), "Outer {{ x }} 😀");
		CompiledPrompt compiled;
		try (Northstar disabled = Northstar.noop()) {
			compiled = Prompts.builder(disabled)
				.fallbackLocation(folder.toString())
				.build()
				.get("outer")
				.compile(Map.of("x", "é"));
		}
		Observation outerCall = start("chat client outer", null);
		BoundPrompt.remember(outerCall.getContext(), compiled);
		Observation advisor = start("advisor", outerCall);
		Observation round = start("chat model", advisor);
		assertThat(BoundPrompt.find(round.getContext())).isSameAs(compiled);

		Observation tool = start("tool", round);
		Observation innerCall = start("chat client inner", tool);
		BoundPrompt.remember(innerCall.getContext(), "not a compiled prompt");
		Observation innerRound = start("chat model", innerCall);
		assertThat(BoundPrompt.find(innerRound.getContext())).isNull();

		Observation unobservedRound = start("chat model", null);
		assertThat(BoundPrompt.find(unobservedRound.getContext())).isNull();
	}

	private Observation start(String name, Observation parent) {
		return Observation.createNotStarted(name, this.registry).parentObservation(parent).start();
	}

}
