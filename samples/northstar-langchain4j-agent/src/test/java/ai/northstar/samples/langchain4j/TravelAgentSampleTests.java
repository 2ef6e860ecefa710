package ai.northstar.samples.langchain4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import ai.northstar.local.StoredSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TravelAgentSample}: runs the sample as its {@code main} does and asserts the trace its local
 * NorthStar stored and what it printed.
 */
@Timeout(60)
class TravelAgentSampleTests {

	@Test
	void shouldStoreTheAgentsRunWithItsRoundsAndBothToolsWhenTheSampleRuns() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		TravelAgentSample.Result result = TravelAgentSample.run(TravelAgentSample.QUESTION,
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		assertThat(result.answer()).isEqualTo(
				"À Zürich il fera ensoleillé, 24 °C à Zürich ☀️ Emportez : lunettes de soleil 😎, chapeau 帽子.");
		assertThat(result.run().name()).isEqualTo("TravelAssistant.plan");
		assertThat(result.run().status()).isEqualTo("ok");
		assertThat(result.run().metadata().get("project").asString()).isEqualTo("travel-agent");
		assertThat(result.runEvent("user_input").content().asString()).isEqualTo(TravelAgentSample.QUESTION);
		assertThat(result.runEvent("final_response").content().asString()).isEqualTo(result.answer());
		assertThat(result.spans()).extracting(StoredSpan::name)
			.containsExactly("TravelAssistant.plan", "chat gpt-4o-mini", "weather", "chat gpt-4o-mini",
					"packing_list", "chat gpt-4o-mini");
		StoredSpan agent = result.spans().get(0);
		assertThat(result.spans().subList(1, 6)).allSatisfy((span) -> {
			assertThat(span.parentSpanId()).isEqualTo(agent.id());
			assertThat(span.status()).isEqualTo("ok");
		});
		assertThat(result.spans().get(1).attributes().get("cost_usd").asDouble()).isPositive();
		assertThat(result.events()).filteredOn(
				(event) -> result.spans().get(2).id().equals(event.spanId()) && event.type().equals("tool_arguments"))
			.singleElement()
			.satisfies((event) -> assertThat(event.content().get("city").asString()).isEqualTo("Zürich"));
		String output = printed.toString(StandardCharsets.UTF_8);
		assertThat(output).contains("Réponse  : " + result.answer())
			.contains("NorthStar stored run 'TravelAssistant.plan' (ok")
			.contains("- TOOL packing_list [ok] events [tool_arguments, tool_result]");
	}

}
