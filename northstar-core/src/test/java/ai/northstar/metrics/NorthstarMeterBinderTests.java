package ai.northstar.metrics;

import java.time.Duration;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.Session;
import ai.northstar.local.Fault;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.transport.RetryPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link NorthstarMeterBinder}.
 */
class NorthstarMeterBinderTests {

	private LocalIngestServer server;

	@BeforeEach
	void startServer() {
		this.server = LocalIngestServer.builder().apiKey("ns_test").build();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void shouldCountQueueSentDroppedFlushesAndRetries() {
		Northstar client = Northstar.builder()
			.apiKey("ns_test")
			.endpoint(this.server.ingestUri())
			.capture(CaptureOptions.all())
			.maxQueueSize(3)
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(10)).build())
			.build();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new NorthstarMeterBinder(client).bindTo(registry);
		Session session = client.session();
		session.run("a");
		session.run("b");
		session.run("dropped-1");
		session.run("dropped-2");
		assertThat(registry.get("northstar.queue.size").gauge().value()).isEqualTo(3.0);
		assertThat(registry.get("northstar.records.dropped").tag("reason", "queue_full").counter().count()).isEqualTo(2);
		assertThat(registry.get("northstar.records.dropped").tag("reason", "shutdown").counter().count()).isZero();

		this.server.enqueueFault(Fault.status(503));
		NorthstarFlusher flusher = NorthstarFlusher.builder(client).build();
		flusher.close();
		assertThat(registry.get("northstar.records.sent").counter().count()).isEqualTo(3);
		assertThat(registry.get("northstar.retries").counter().count()).isEqualTo(1);
		assertThat(registry.get("northstar.flush").tag("outcome", "success").timer().count()).isEqualTo(1);
		assertThat(registry.get("northstar.queue.size").gauge().value()).isZero();
	}

	@Test
	void shouldCountRetriesOfAStartedFlusher() {
		Northstar client = Northstar.builder()
			.apiKey("ns_test")
			.endpoint(this.server.ingestUri())
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(10)).build())
			.build();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new NorthstarMeterBinder(client).bindTo(registry);
		this.server.enqueueFault(Fault.status(503));
		this.server.enqueueFault(Fault.status(503));
		try (NorthstarFlusher flusher = NorthstarFlusher.builder(client)
			.flushInterval(Duration.ofMillis(20))
			.build()
			.start()) {
			client.session().run("retried").close();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(registry.get("northstar.records.sent").counter().count()).isEqualTo(2));
			assertThat(this.server.pendingFaults()).isZero();
			assertThat(registry.get("northstar.retries").counter().count()).isEqualTo(2);
		}
	}

}
