package ai.northstar.spring.transport;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.unicode.StorableTextScenario;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebClientIngestTransport} with text drawn from the whole of Unicode in every string field of
 * every record (the core's {@link StorableTextScenario}): stored exactly as recorded but for the two documented
 * replacements, every body valid UTF-8 JSON.
 */
@Timeout(60)
class WebClientStorableTextTests {

	@ParameterizedTest
	@ValueSource(longs = { 11, 12, 20261201 })
	void shouldStoreEveryStringAsRecordedWhenSentThroughTheWebClientTransport(long seed) {
		try (LocalIngestServer server = LocalIngestServer.builder().apiKey("ns_text").build()) {
			WebClientIngestTransport transport = WebClientIngestTransport.builder(WebClient.builder())
				.endpoint(server.ingestUri())
				.apiKey("ns_text")
				.build();
			Northstar client = Northstar.builder()
				.apiKey("ns_text")
				.endpoint(server.ingestUri())
				.capture(CaptureOptions.all())
				.transport(transport)
				.build();
			StorableTextScenario scenario = StorableTextScenario.record(client, seed, 40);
			assertThat(scenario.strings()).isGreaterThan(1000);
			scenario.assertStored(server);
			client.close();
		}
	}

}
