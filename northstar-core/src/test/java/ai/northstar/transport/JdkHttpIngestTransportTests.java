package ai.northstar.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import ai.northstar.local.Fault;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link JdkHttpIngestTransport}.
 */
@Timeout(20)
class JdkHttpIngestTransportTests {

	private static final String KEY = "ns_secret_key_123";

	private final LocalIngestServer server = LocalIngestServer.builder().apiKey(KEY).build();

	private final JdkHttpIngestTransport transport = JdkHttpIngestTransport.builder()
		.endpoint(this.server.ingestUri())
		.apiKey(KEY)
		.requestTimeout(Duration.ofSeconds(5))
		.build();

	@AfterEach
	void close() {
		this.transport.close();
		this.server.close();
	}

	@Test
	void shouldPostJsonWithBearerKeyWhenSending() {
		byte[] body = batch();
		IngestResponse response = this.transport.send(body).join();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"accepted\": true}");
		assertThat(response.retryAfter()).isNull();
		RecordedRequest request = this.server.lastRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/functions/v1/ingest-traces");
		assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
		assertThat(request.contentType()).isEqualTo("application/json");
		assertThat(request.header("Content-Encoding")).isNull();
		assertThat(request.body()).isEqualTo(body);
		assertThat(this.server.store().acceptedBatches()).isEqualTo(1);
	}

	@Test
	void shouldSendLargeBodyByteForByteWithItsLengthWhenSentTwice() {
		StringBuilder names = new StringBuilder();
		for (int i = 0; names.length() < 600_000; i++) {
			names.append(",{\"id\": \"")
				.append(UUID.randomUUID())
				.append("\", \"created_at\": \"2025-06-01T10:00:00Z\", \"metadata\": {\"note\": \"")
				.append(i)
				.append(" é 日本語 Привет مرحبا 🚀👩‍💻\"}}");
		}
		String json = "{\"schema_version\": 2, \"sessions\": [" + names.substring(1) + "]}";
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		byte[] copy = body.clone();
		assertThat(this.transport.send(body).join().status()).isEqualTo(200);
		RecordedRequest first = this.server.lastRequest();
		assertThat(first.body()).isEqualTo(copy);
		assertThat(first.header("Content-Length")).isEqualTo(Integer.toString(copy.length));
		assertThat(first.header("Transfer-Encoding")).isNull();
		assertThat(this.transport.send(body).join().status()).isEqualTo(200);
		assertThat(this.server.lastRequest().body()).isEqualTo(copy);
		assertThat(body).isEqualTo(copy);
	}

	@Test
	void shouldReturnResponseWhenServerAnswersWithError() {
		IngestResponse response = this.transport.send("{\"schema_version\": 9}".getBytes(StandardCharsets.UTF_8))
			.join();
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"schema_version must be 1 or 2\"}");
	}

	@Test
	void shouldReadRetryAfterSecondsWhenServerAnswers429() {
		this.server.enqueueFault(Fault.status429(7));
		IngestResponse response = this.transport.send(batch()).join();
		assertThat(response.status()).isEqualTo(429);
		assertThat(response.retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void shouldReadRetryAfterDateWhenServerSendsOne() {
		this.server.enqueueFault(Fault.withRetryAfter(503, "Wed, 21 Oct 2015 07:28:00 GMT"));
		IngestResponse response = this.transport.send(batch()).join();
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.retryAfter()).isEqualTo(Duration.ZERO);
	}

	@Test
	void shouldFailWithIOExceptionWhenConnectionIsDropped() {
		this.server.enqueueFault(Fault.dropConnection());
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.transport.send(batch()).join())
			.withCauseInstanceOf(IOException.class);
	}

	@Test
	void shouldFailWithTimeoutWhenServerIsTooSlow() {
		this.server.enqueueFault(Fault.slow(Duration.ofSeconds(2)));
		try (JdkHttpIngestTransport impatient = JdkHttpIngestTransport.builder()
			.endpoint(this.server.ingestUri())
			.apiKey(KEY)
			.requestTimeout(Duration.ofMillis(200))
			.build()) {
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> impatient.send(batch()).join())
				.withCauseInstanceOf(HttpTimeoutException.class);
		}
	}

	@Test
	void shouldFailWithConnectExceptionWithoutKeyWhenNothingListens() {
		URI endpoint = this.server.ingestUri();
		this.server.close();
		try (JdkHttpIngestTransport unreachable = JdkHttpIngestTransport.builder()
			.endpoint(endpoint)
			.apiKey(KEY)
			.build()) {
			CompletableFuture<IngestResponse> response = unreachable.send(batch());
			assertThatExceptionOfType(CompletionException.class).isThrownBy(response::join)
				.withCauseInstanceOf(ConnectException.class)
				.satisfies((ex) -> assertThat(ex.getCause().toString()).doesNotContain(KEY));
		}
	}

	@Test
	void shouldRunCallbacksOnDaemonThreadsWhenClientIsCreated() {
		Thread thread = this.transport.send(batch()).thenApply((response) -> Thread.currentThread()).join();
		assertThat(thread.getName()).startsWith("northstar-http-");
		assertThat(thread.isDaemon()).isTrue();
	}

	@Test
	void shouldAbortTheExchangeOfAGivenClientWhenTheSendIsCancelled() {
		this.server.enqueueFault(Fault.hang());
		RecordingHttpClient client = new RecordingHttpClient();
		try (JdkHttpIngestTransport custom = JdkHttpIngestTransport.builder()
			.endpoint(this.server.ingestUri())
			.apiKey(KEY)
			.httpClient(client)
			.requestTimeout(Duration.ofSeconds(60))
			.build()) {
			CompletableFuture<IngestResponse> sent = custom.send(batch());
			assertThat(client.exchanges).singleElement().satisfies((exchange) -> assertThat(exchange).isNotDone());
			sent.cancel(true);
			// The JDK's futures pass a cancel back to the request they depend on, which ends "Request cancelled".
			CompletableFuture<?> exchange = client.exchanges.get(0);
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(exchange::isDone);
			assertThat(exchange).as("the JDK client's own exchange").isCompletedExceptionally();
		}
	}

	@Test
	void shouldUseGivenClientWhenSet() {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		try (JdkHttpIngestTransport custom = JdkHttpIngestTransport.builder()
			.endpoint(this.server.ingestUri())
			.apiKey(KEY)
			.httpClient(client)
			.build()) {
			assertThat(custom.send(batch()).join().status()).isEqualTo(200);
		}
		assertThat(client.sendAsync(java.net.http.HttpRequest.newBuilder(this.server.ingestUri()).build(),
				java.net.http.HttpResponse.BodyHandlers.discarding())
			.orTimeout(5, TimeUnit.SECONDS)
			.join()
			.statusCode()).isEqualTo(405);
	}

	@Test
	void shouldFailSendWhenClosed() {
		this.transport.close();
		this.transport.close();
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.transport.send(batch()).join())
			.withCauseInstanceOf(IllegalStateException.class)
			.withMessageContaining("JdkHttpIngestTransport is closed");
	}

	@Test
	void shouldCompleteRequestInFlightWhenClosed() {
		this.server.enqueueFault(Fault.slow(Duration.ofMillis(300)));
		CompletableFuture<IngestResponse> response = this.transport.send(batch());
		this.transport.close();
		assertThat(response.orTimeout(10, TimeUnit.SECONDS).join().status()).isEqualTo(200);
	}

	@Test
	void shouldNeverShowApiKeyWhenPrinted() {
		assertThat(this.transport.toString()).doesNotContain(KEY)
			.isEqualTo("JdkHttpIngestTransport[endpoint=" + this.server.ingestUri()
					+ ", connectTimeout=PT5S, requestTimeout=PT5S]");
	}

	@Test
	void shouldUseDefaultTimeoutsWhenNotSet() {
		try (JdkHttpIngestTransport defaults = JdkHttpIngestTransport.builder()
			.endpoint(URI.create("https://abc123.supabase.co/functions/v1/ingest-traces"))
			.apiKey(KEY)
			.build()) {
			assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(defaults.endpoint()).hasHost("abc123.supabase.co");
		}
	}

	@Test
	void shouldRejectInvalidSettingsWithoutEchoingKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdkHttpIngestTransport.builder().endpoint(URI.create("ftp://example.com/x")))
			.withMessage("endpoint must be an absolute http or https URI, was ftp://example.com/x");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdkHttpIngestTransport.builder().endpoint(URI.create("/functions/v1/ingest-traces")))
			.withMessage("endpoint must be an absolute http or https URI, was /functions/v1/ingest-traces");
		assertThatIllegalArgumentException().isThrownBy(() -> JdkHttpIngestTransport.builder().apiKey(" "))
			.withMessage("apiKey must not be blank");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdkHttpIngestTransport.builder().apiKey(KEY + "\r\nX-Injected: 1"))
			.withMessage("apiKey must contain only visible ASCII characters (no whitespace or control characters)")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(KEY));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdkHttpIngestTransport.builder().connectTimeout(Duration.ZERO))
			.withMessage("connectTimeout must be positive, was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdkHttpIngestTransport.builder().requestTimeout(Duration.ofSeconds(-1)))
			.withMessage("requestTimeout must be positive, was PT-1S");
		assertThatIllegalStateException().isThrownBy(() -> JdkHttpIngestTransport.builder().apiKey(KEY).build())
			.withMessage("endpoint must be set");
		assertThatIllegalStateException()
			.isThrownBy(() -> JdkHttpIngestTransport.builder().endpoint(this.server.ingestUri()).build())
			.withMessage("apiKey must be set");
	}

	static byte[] batch() {
		return ("{\"schema_version\": 2, \"sessions\": [{\"id\": \"" + UUID.randomUUID()
				+ "\", \"created_at\": \"2025-06-01T10:00:00Z\"}]}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
