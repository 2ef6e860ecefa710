package ai.northstar;

import java.time.Duration;

import ai.northstar.local.LocalIngestServer;
import ai.northstar.transport.RetryPolicy;

/**
 * Clients wired to a {@link LocalIngestServer}, with short backoffs so failure tests stay fast.
 */
final class TestClients {

	static final String API_KEY = "ns_test";

	private TestClients() {
	}

	static Northstar client(LocalIngestServer server, CaptureOptions capture) {
		return builder(server, capture).build();
	}

	static Northstar.Builder builder(LocalIngestServer server, CaptureOptions capture) {
		return Northstar.builder()
			.apiKey(API_KEY)
			.endpoint(server.ingestUri())
			.capture(capture)
			.requestTimeout(Duration.ofSeconds(5))
			.retryPolicy(fastRetries());
	}

	static RetryPolicy fastRetries() {
		return RetryPolicy.builder()
			.initialBackoff(Duration.ofMillis(10))
			.maxBackoff(Duration.ofMillis(50))
			.build();
	}

}
