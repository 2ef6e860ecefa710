package ai.northstar.spring.transport;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.local.Fault;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.RecordedRequest;
import ai.northstar.transport.IngestResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.awaitility.Awaitility;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link WebClientIngestTransport}.
 */
@Timeout(30)
@ExtendWith(OutputCaptureExtension.class)
class WebClientIngestTransportTests {

	private static final byte[] EMPTY_BATCH = "{\"schema_version\": 2}".getBytes(StandardCharsets.UTF_8);

	private final LocalIngestServer server = LocalIngestServer.builder().apiKey("ns_test").build();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private WebClientIngestTransport.Builder transport(WebClient.Builder builder) {
		return WebClientIngestTransport.builder(builder).endpoint(this.server.ingestUri()).apiKey("ns_test");
	}

	@Test
	void shouldPostTheBatchWithTheKeyWhenSending() {
		IngestResponse response = transport(WebClient.builder()).build().send(EMPTY_BATCH).join();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"accepted\"");
		RecordedRequest request = this.server.lastRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.authorization()).isEqualTo("Bearer ns_test");
		assertThat(request.contentType()).startsWith("application/json");
		assertThat(request.body()).isEqualTo(EMPTY_BATCH);
	}

	@Test
	void shouldApplyTheApplicationBuilderWhenBuilt() {
		WebClient.Builder builder = WebClient.builder().defaultHeader("X-Application", "shop");
		transport(builder).build().send(EMPTY_BATCH).join();
		assertThat(this.server.lastRequest().header("X-Application")).isEqualTo("shop");
	}

	@Test
	void shouldCompleteWithTheStatusWhenTheKeyIsRefused() {
		IngestResponse response = transport(WebClient.builder()).apiKey("ns_wrong").build().send(EMPTY_BATCH).join();
		assertThat(response.status()).isEqualTo(401);
	}

	@Test
	void shouldPassRetryAfterWhenTheServerThrottles() {
		this.server.enqueueFault(Fault.status429(7));
		IngestResponse response = transport(WebClient.builder()).build().send(EMPTY_BATCH).join();
		assertThat(response.status()).isEqualTo(429);
		assertThat(response.retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void shouldCompleteExceptionallyWhenTheConnectionFails() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			port = socket.getLocalPort();
		}
		CompletableFuture<IngestResponse> future = WebClientIngestTransport.builder(WebClient.builder())
			.endpoint(URI.create("http://127.0.0.1:" + port + "/functions/v1/ingest-traces"))
			.apiKey("ns_test")
			.build()
			.send(EMPTY_BATCH);
		assertThat(future).failsWithin(Duration.ofSeconds(10))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(WebClientRequestException.class);
	}

	@Test
	void shouldReturnAtOnceAndTimeOutWhenTheServerIsSlow() {
		this.server.enqueueFault(Fault.slow(Duration.ofSeconds(5)));
		CompletableFuture<IngestResponse> future = transport(WebClient.builder())
			.requestTimeout(Duration.ofMillis(200))
			.build()
			.send(EMPTY_BATCH);
		assertThat(future).isNotDone();
		assertThat(future).failsWithin(Duration.ofSeconds(4))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(TimeoutException.class);
	}

	@Test
	void shouldEndTheExchangeQuietlyWhenTheShutdownDeadlineCutsAnAttemptShort(CapturedOutput output) {
		this.server.enqueueFault(Fault.hang());
		Northstar client = Northstar.builder()
			.apiKey("ns_test")
			.endpoint(this.server.ingestUri())
			.transport(transport(WebClient.builder()).requestTimeout(Duration.ofSeconds(20)).build())
			.build();
		NorthstarFlusher flusher = NorthstarFlusher.builder(client)
			.shutdownTimeout(Duration.ofSeconds(1))
			.registerShutdownHook(false)
			.build()
			.start();
		client.session().run("on the wire at shutdown").close();
		flusher.flush(Duration.ofMillis(1));
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> this.server.requestCount() == 1);
		client.close();
		// The server ends the exchange it held: a client still waiting for it would log the premature close.
		this.server.close();
		assertThat(client.stats().dropped()).containsEntry("shutdown", 2L);
		Awaitility.await()
			.during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> !output.toString().contains("PrematureCloseException")
					&& !output.toString().contains("The connection observed an error"));
	}

	@Test
	void shouldRejectInvalidSettingsWhenBuilding() {
		WebClientIngestTransport.Builder builder = WebClientIngestTransport.builder(WebClient.builder());
		assertThatIllegalArgumentException().isThrownBy(() -> builder.endpoint(URI.create("ftp://host/x")))
			.withMessage("endpoint must be an absolute http(s) URL, was 'ftp://host/x'");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.apiKey(" "))
			.withMessage("apiKey must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.requestTimeout(Duration.ZERO))
			.withMessage("requestTimeout must be > 0, was PT0S");
		assertThatIllegalStateException().isThrownBy(builder::build).withMessage("endpoint is required");
		assertThatIllegalStateException()
			.isThrownBy(() -> builder.endpoint(this.server.ingestUri()).build())
			.withMessage("apiKey is required");
	}

	@Test
	void shouldNotShowTheKeyWhenPrinted() {
		assertThat(transport(WebClient.builder()).build().toString()).doesNotContain("ns_test")
			.contains(this.server.ingestUri().toString());
	}

}
