package ai.northstar.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link LocalIngestServer}.
 */
@Timeout(20)
class LocalIngestServerTests {

	private static final String KEY = "ns_test_key";

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final LocalIngestServer server = LocalIngestServer.builder().apiKey(KEY).build();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void shouldStoreBatchAndAnswerAcceptedWhenRequestIsValid() throws Exception {
		TestBatches.Full full = TestBatches.full();
		HttpResponse<String> response = post(full.batch().toString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestBatches.MAPPER.readTree(response.body()).get("accepted").booleanValue()).isTrue();
		assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
		assertThat(this.server.store().run(full.runId())).isPresent();
		assertThat(this.server.store().acceptedBatches()).isEqualTo(1);
	}

	@Test
	void shouldRecordRequestWhenReceived() throws Exception {
		String body = TestBatches.full().batch().toString();
		post(body);
		RecordedRequest request = this.server.lastRequest();
		assertThat(request).isNotNull();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo(LocalIngestServer.INGEST_PATH);
		assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
		assertThat(request.header("authorization")).isEqualTo("Bearer " + KEY);
		assertThat(request.contentType()).isEqualTo("application/json");
		assertThat(request.bodyAsString()).isEqualTo(body);
		assertThat(this.server.requests()).containsExactly(request);
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void shouldExposeLoopbackIngestUri() {
		assertThat(this.server.port()).isPositive();
		assertThat(this.server.ingestUri())
			.isEqualTo(URI.create("http://127.0.0.1:" + this.server.port() + "/functions/v1/ingest-traces"));
	}

	@Test
	void shouldAnswer401WhenKeyIsMissingOrWrong() throws Exception {
		HttpResponse<String> missing = send(request().POST(body("{}")).build());
		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(missing.body()).isEqualTo("{\"error\":\"Missing API key\"}");
		HttpResponse<String> wrong = send(request().header("Authorization", "Bearer ns_other").POST(body("{}")).build());
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.body()).isEqualTo("{\"error\":\"Invalid API key\"}");
		HttpResponse<String> notBearer = send(request().header("Authorization", KEY).POST(body("{}")).build());
		assertThat(notBearer.statusCode()).isEqualTo(401);
		assertThat(this.server.store().rejectedBatches()).isZero();
	}

	@Test
	void shouldAcceptAnyKeyWhenNoneIsConfigured() throws Exception {
		try (LocalIngestServer open = LocalIngestServer.create()) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(open.ingestUri())
				.header("Authorization", "Bearer anything")
				.POST(body(TestBatches.batch().toString()))
				.build());
			assertThat(response.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void shouldAnswer405WhenMethodIsNotPost() throws Exception {
		HttpResponse<String> response = send(authorized().GET().build());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).contains("POST");
	}

	@Test
	void shouldAnswer404WhenPathIsUnknown() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(this.server.baseUri().resolve("/other"))
			.header("Authorization", "Bearer " + KEY)
			.POST(body("{}"))
			.build());
		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void shouldAnswer400WhenBodyIsNotJson() throws Exception {
		assertError(post("{\"schema_version\": 2,"), 400, "Invalid JSON");
		assertError(post("{\"schema_version\": 2} {}"), 400, "Invalid JSON");
		assertError(post(""), 400, "Invalid JSON");
		assertError(post("{\"schema_version\": NaN}"), 400, "Invalid JSON");
		assertThat(this.server.store().rejectedBatches()).isEqualTo(4);
	}

	@Test
	void shouldAnswer400WhenBodyIsCompressed() throws Exception {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write(TestBatches.full().batch().toString().getBytes(StandardCharsets.UTF_8));
		}
		HttpResponse<String> response = send(authorized().header("Content-Encoding", "gzip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(compressed.toByteArray()))
			.build());
		assertError(response, 400, "Invalid JSON");
	}

	@Test
	void shouldAnswer400WithFirstProblemWhenBatchIsInvalid() throws Exception {
		TestBatches.Full full = TestBatches.full();
		TestBatches.first(full.batch(), "runs").put("foo", 1);
		assertError(post(full.batch().toString()), 400, "runs[0].foo is not allowed");
	}

	@Test
	void shouldAnswer400WhenReferencesAreInvalid() throws Exception {
		ObjectNode batch = TestBatches.add(TestBatches.batch(), "runs",
				TestBatches.run(UUID.randomUUID(), UUID.randomUUID()));
		assertError(post(batch.toString()), 400, "Payload contains invalid project references");
	}

	@Test
	void shouldAnswer500WhenBatchContainsNulCharacter() throws Exception {
		String body = TestBatches.full().batch().toString().replace("\"hello\"", "\"he\\u0000llo\"");
		assertError(post(body), 500, IngestValidator.NUL_CHARACTER_ERROR);
		assertThat(this.server.store().counts().events()).isZero();
	}

	@Test
	void shouldAnswer500WhenBatchContainsLoneSurrogateEscape() throws Exception {
		String body = TestBatches.full().batch().toString().replace("\"hello\"", "\"he\\ud800llo\"");
		assertError(post(body), 500, IngestValidator.LONE_SURROGATE_ERROR);
		assertThat(this.server.store().counts().events()).isZero();
	}

	@Test
	void shouldStoreEveryCharacterAsSentWhenTextIsNotAscii() throws Exception {
		String text = "résumé 中文 😀 עברית";
		String body = TestBatches.full().batch().toString().replace("\"hello\"", "\"" + text + "\"");
		assertThat(post(body).statusCode()).isEqualTo(200);
		assertThat(this.server.store().events()).extracting((event) -> event.content().stringValue()).contains(text);
	}

	@Test
	void shouldAnswerFaultsInOrderThenNormally() throws Exception {
		this.server.enqueueFault(Fault.status(503));
		this.server.enqueueFault(Fault.status(400, "{\"error\": \"custom\"}"));
		assertThat(this.server.pendingFaults()).isEqualTo(2);
		String body = TestBatches.full().batch().toString();
		assertError(post(body), 503, "Injected fault: HTTP 503");
		assertError(post(body), 400, "custom");
		assertThat(this.server.store().counts().runs()).isZero();
		assertThat(post(body).statusCode()).isEqualTo(200);
		assertThat(this.server.store().counts().runs()).isEqualTo(1);
		assertThat(this.server.requests()).hasSize(3);
	}

	@Test
	void shouldSendRetryAfterWhenFaultIs429() throws Exception {
		this.server.enqueueFault(Fault.status429(7));
		HttpResponse<String> response = post(TestBatches.batch().toString());
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).contains("7");
	}

	@Test
	void shouldSendRetryAfterDateWhenFaultSaysSo() throws Exception {
		this.server.enqueueFault(Fault.withRetryAfter(503, "Wed, 21 Oct 2015 07:28:00 GMT"));
		HttpResponse<String> response = post(TestBatches.batch().toString());
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).contains("Wed, 21 Oct 2015 07:28:00 GMT");
	}

	@Test
	void shouldFailClientWithIOExceptionWhenConnectionIsDropped() throws Exception {
		this.server.enqueueFault(Fault.dropConnection());
		String body = TestBatches.full().batch().toString();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> post(body))
			.isNotInstanceOf(HttpTimeoutException.class);
		assertThat(this.server.store().counts().runs()).isZero();
		assertThat(post(body).statusCode()).isEqualTo(200);
	}

	@Test
	void shouldAnswerAcceptedFalseWithoutStoringWhenFaultSaysSo() throws Exception {
		this.server.enqueueFault(Fault.acceptedFalse());
		HttpResponse<String> response = post(TestBatches.full().batch().toString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestBatches.MAPPER.readTree(response.body()).get("accepted").booleanValue()).isFalse();
		assertThat(this.server.store().counts().sessions()).isZero();
	}

	@Test
	void shouldStoreBatchAfterClientGaveUpWhenFaultIsSlow() {
		this.server.enqueueFault(Fault.slow(Duration.ofMillis(500)));
		TestBatches.Full full = TestBatches.full();
		assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> send(authorized().timeout(Duration.ofMillis(100)).POST(body(full.batch().toString())).build()));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.store().run(full.runId()).isPresent());
	}

	@Test
	void shouldNeverAnswerNorStoreWhenFaultIsHang() {
		this.server.enqueueFault(Fault.hang());
		TestBatches.Full full = TestBatches.full();
		assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> send(authorized().timeout(Duration.ofMillis(300)).POST(body(full.batch().toString())).build()));
		assertThat(this.server.store().run(full.runId())).isEmpty();
		assertThat(this.server.pendingFaults()).isZero();
	}

	@Test
	void shouldStoreThenSendHeadersAndBodyByteByByteWhenFaultIsTrickle() throws Exception {
		this.server.enqueueFault(Fault.trickle(Duration.ofMillis(20)));
		TestBatches.Full full = TestBatches.full();
		HttpResponse<java.io.InputStream> response = this.client.send(authorized().POST(body(full.batch().toString())).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.server.store().run(full.runId())).isPresent();
		try (java.io.InputStream in = response.body()) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"accepted\": true}");
		}
	}

	@Test
	void shouldAcceptNewKeyWhenKeysAreReplaced() throws Exception {
		String body = TestBatches.full().batch().toString();
		HttpRequest fixed = request().header("Authorization", "Bearer ns_fixed").POST(body(body)).build();
		assertThat(send(fixed).statusCode()).isEqualTo(401);
		this.server.setApiKeys(List.of("ns_fixed"));
		assertThat(send(fixed).statusCode()).isEqualTo(200);
		assertThat(post(body).statusCode()).isEqualTo(401);
	}

	@Test
	void shouldDelayEveryResponseWhenSlowResponsesAreSet() throws Exception {
		this.server.setSlowResponses(Duration.ofMillis(500));
		String body = TestBatches.batch().toString();
		assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> send(authorized().timeout(Duration.ofMillis(100)).POST(body(body)).build()));
		this.server.setSlowResponses(null);
		assertThat(send(authorized().timeout(Duration.ofSeconds(5)).POST(body(body)).build()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void shouldAnswer503WhenUnavailable() throws Exception {
		this.server.setUnavailable(true);
		String body = TestBatches.full().batch().toString();
		assertError(post(body), 503, "Service unavailable");
		assertError(post(body), 503, "Service unavailable");
		this.server.setUnavailable(false);
		assertThat(post(body).statusCode()).isEqualTo(200);
	}

	@Test
	void shouldHandleRequestsConcurrently() {
		List<TestBatches.Full> batches = IntStream.range(0, 16).mapToObj((i) -> TestBatches.full()).toList();
		List<CompletableFuture<HttpResponse<String>>> responses = batches.stream()
			.map((full) -> this.client.sendAsync(authorized().POST(body(full.batch().toString())).build(),
					HttpResponse.BodyHandlers.ofString()))
			.toList();
		assertThat(responses).allSatisfy((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
		assertThat(this.server.store().counts().runs()).isEqualTo(16);
		assertThat(this.server.requestCount()).isEqualTo(16);
	}

	@Test
	void shouldKeepOnlyLastRequestsWhenLimitIsReached() throws Exception {
		try (LocalIngestServer small = LocalIngestServer.builder().maxRecordedRequests(2).build()) {
			for (int i = 0; i < 3; i++) {
				send(HttpRequest.newBuilder(small.ingestUri())
					.header("Authorization", "Bearer k")
					.POST(body("{\"schema_version\": " + i + "}"))
					.build());
			}
			assertThat(small.requests()).extracting(RecordedRequest::bodyAsString)
				.containsExactly("{\"schema_version\": 1}", "{\"schema_version\": 2}");
			assertThat(small.requestCount()).isEqualTo(3);
			small.clearRequests();
			assertThat(small.requests()).isEmpty();
			assertThat(small.requestCount()).isZero();
		}
	}

	@Test
	void shouldRefuseConnectionsWhenClosed() {
		this.server.close();
		this.server.close();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> post("{}"));
	}

	@Test
	void shouldShareStoreWhenGivenOne() throws Exception {
		LocalStore store = LocalStore.create();
		try (LocalIngestServer shared = LocalIngestServer.builder().store(store).build()) {
			assertThat(shared.store()).isSameAs(store);
		}
	}

	@Test
	void shouldRejectInvalidSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalIngestServer.builder().executorThreads(0))
			.withMessage("executorThreads must be > 0, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalIngestServer.builder().port(70000))
			.withMessage("port must be between 0 and 65535, was 70000");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalIngestServer.builder().maxRecordedRequests(-1))
			.withMessage("maxRecordedRequests must be >= 0, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalIngestServer.builder().apiKey(" "))
			.withMessage("apiKey must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.status(42))
			.withMessage("status must be between 100 and 599, was 42");
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.status429(-1))
			.withMessage("retryAfterSeconds must be >= 0, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.slow(Duration.ofSeconds(-1)))
			.withMessage("delay must not be negative, was PT-1S");
	}

	private HttpResponse<String> post(String json) throws IOException, InterruptedException {
		return send(authorized().POST(body(json)).build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request() {
		return HttpRequest.newBuilder(this.server.ingestUri())
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/json");
	}

	private HttpRequest.Builder authorized() {
		return request().header("Authorization", "Bearer " + KEY);
	}

	private static HttpRequest.BodyPublisher body(String json) {
		return HttpRequest.BodyPublishers.ofString(json);
	}

	private static void assertError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(TestBatches.MAPPER.readTree(response.body()).get("error").stringValue()).isEqualTo(error);
	}

}
