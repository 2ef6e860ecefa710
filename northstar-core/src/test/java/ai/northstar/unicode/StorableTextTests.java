package ai.northstar.unicode;

import java.time.Duration;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.transport.JdkHttpIngestTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StorableTextScenario} through the {@link JdkHttpIngestTransport}: every string field of every
 * record, drawn from the whole of Unicode, reaches the local NorthStar exactly as recorded but for the two
 * documented replacements.
 */
@Timeout(60)
class StorableTextTests {

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 20261201 })
	void shouldStoreEveryStringAsRecordedWhenSentThroughTheJdkTransport(long seed) {
		try (LocalIngestServer server = LocalIngestServer.builder().apiKey("ns_text").build()) {
			Northstar client = Northstar.builder()
				.apiKey("ns_text")
				.endpoint(server.ingestUri())
				.capture(CaptureOptions.all())
				.requestTimeout(Duration.ofSeconds(10))
				.build();
			StorableTextScenario scenario = StorableTextScenario.record(client, seed, 40);
			assertThat(scenario.strings()).isGreaterThan(1000);
			scenario.assertStored(server);
			client.close();
		}
	}

	@Test
	void shouldReplaceExactlyTheTwoUnstorableCharactersWhenComputingTheExpectedText() {
		assertThat(HostileText.expected("a\u0000b\uD800c\uDC00😀\uFFFF")).isEqualTo("ab\uFFFDc\uFFFD😀\uFFFF");
		assertThat(HostileText.expected("\uDE00\uD83D")).isEqualTo("\uFFFD\uFFFD");
	}

}
