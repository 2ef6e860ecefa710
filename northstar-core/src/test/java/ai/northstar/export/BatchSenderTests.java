package ai.northstar.export;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import ai.northstar.local.Fault;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.JdkHttpIngestTransport;
import ai.northstar.transport.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BatchSender}.
 */
@Timeout(20)
class BatchSenderTests {

	private static final String KEY = "ns_secret_key_456";

	private static final Duration BACKOFF = Duration.ofMillis(10);

	private static final RetryPolicy FAST = RetryPolicy.builder()
		.initialBackoff(BACKOFF)
		.maxBackoff(Duration.ofMillis(40))
		.jitter(RetryPolicy.Jitter.NONE)
		.build();

	private final LocalIngestServer server = LocalIngestServer.builder().apiKey(KEY).build();

	private final JdkHttpIngestTransport transport = transport(this.server.ingestUri(), KEY, Duration.ofSeconds(5));

	private final List<Retry> retries = new CopyOnWriteArrayList<>();

	private final BatchSender sender = BatchSender.builder(this.transport)
		.retryPolicy(FAST)
		.retryListener((attempt, status, delay) -> this.retries.add(new Retry(attempt, status, delay)))
		.build();

	@AfterEach
	void close() {
		this.transport.close();
		this.server.close();
	}

	@Test
	void shouldBeAcceptedAfterOneAttemptWhenServerAccepts() {
		SendOutcome outcome = this.sender.send(batch()).join();
		assertThat(outcome).isEqualTo(new SendOutcome(SendOutcome.Kind.ACCEPTED, 200, null, 1, null));
		assertThat(outcome.isAccepted()).isTrue();
		assertThat(this.server.store().counts().sessions()).isEqualTo(1);
		assertThat(this.retries).isEmpty();
	}

	@Test
	void shouldSendBearerJsonUncompressedWhenDelivering() {
		byte[] body = batch();
		this.sender.send(body).join();
		assertThat(this.server.lastRequest()).satisfies((request) -> {
			assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
			assertThat(request.contentType()).isEqualTo("application/json");
			assertThat(request.header("Content-Encoding")).isNull();
			assertThat(request.body()).isEqualTo(body);
		});
	}

	@Test
	void shouldBeUnauthorizedAfterOneAttemptWhenKeyIsWrong() {
		try (JdkHttpIngestTransport wrongKey = transport(this.server.ingestUri(), "ns_wrong", Duration.ofSeconds(5))) {
			SendOutcome outcome = BatchSender.create(wrongKey, FAST).send(batch()).join();
			assertThat(outcome).isEqualTo(new SendOutcome(SendOutcome.Kind.UNAUTHORIZED, 401, "Invalid API key", 1, null));
		}
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void shouldBeRejectedWithServerErrorTextAfterOneAttemptWhenBatchIsInvalid() {
		String invalid = "{\"schema_version\": 2, \"runs\": [{\"foo\": 1}]}";
		SendOutcome outcome = this.sender.send(invalid.getBytes(StandardCharsets.UTF_8)).join();
		assertThat(outcome)
			.isEqualTo(new SendOutcome(SendOutcome.Kind.REJECTED, 400, "runs[0].foo is not allowed", 1, null));
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void shouldBeRejectedWhenStatusIsFinalWithoutErrorBody() {
		this.server.enqueueFault(Fault.status(404, "not json"));
		SendOutcome outcome = this.sender.send(batch()).join();
		assertThat(outcome).isEqualTo(new SendOutcome(SendOutcome.Kind.REJECTED, 404, "HTTP 404", 1, null));
	}

	@Test
	void shouldBeAcceptedOnSecondAttemptWhenServerWasUnavailable() {
		this.server.enqueueFault(Fault.status(503));
		SendOutcome outcome = this.sender.send(batch()).join();
		assertThat(outcome).isEqualTo(new SendOutcome(SendOutcome.Kind.ACCEPTED, 200, null, 2, null));
		assertThat(this.retries).containsExactly(new Retry(1, 503, BACKOFF));
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

	@Test
	void shouldRetryWhenStatusIs408Or429Or500Or502Or504() {
		for (int status : new int[] { 408, 429, 500, 502, 504 }) {
			this.server.enqueueFault(Fault.status(status));
			this.server.enqueueFault(Fault.status(status));
			SendOutcome outcome = this.sender.send(batch()).join();
			assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.ACCEPTED);
			assertThat(outcome.attempts()).isEqualTo(3);
		}
	}

	@Test
	void shouldWaitAsServerAsksWhenRetryAfterIsSent() {
		this.server.enqueueFault(Fault.status429(1));
		SendOutcome outcome = this.sender.send(batch()).join();
		assertThat(outcome).isEqualTo(new SendOutcome(SendOutcome.Kind.ACCEPTED, 200, null, 2, Duration.ofSeconds(1)));
		assertThat(this.retries).containsExactly(new Retry(1, 429, Duration.ofSeconds(1)));
	}

	@Test
	void shouldBeAcceptedOnSecondAttemptWhenConnectionWasDropped() {
		this.server.enqueueFault(Fault.dropConnection());
		SendOutcome outcome = this.sender.send(batch()).join();
		assertThat(outcome).isEqualTo(new SendOutcome(SendOutcome.Kind.ACCEPTED, 200, null, 2, null));
		assertThat(this.retries).containsExactly(new Retry(1, 0, BACKOFF));
	}

	@Test
	void shouldFailRetryablyAfterAllAttemptsWhenServerStaysUnavailable() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueueFault(Fault.status(503));
		}
		SendOutcome outcome = this.sender.send(batch()).join();
		assertThat(outcome).isEqualTo(
				new SendOutcome(SendOutcome.Kind.RETRYABLE_FAILURE, 503, "Injected fault: HTTP 503", 3, null));
		assertThat(this.retries).containsExactly(new Retry(1, 503, BACKOFF), new Retry(2, 503, BACKOFF.multipliedBy(2)));
		assertThat(this.server.requestCount()).isEqualTo(3);
		assertThat(this.server.store().counts().sessions()).isZero();
	}

	@Test
	void shouldRetryTimeoutWhenServerIsSlowerThanRequestTimeout() {
		this.server.enqueueFault(Fault.slow(Duration.ofSeconds(2)));
		try (JdkHttpIngestTransport impatient = transport(this.server.ingestUri(), KEY, Duration.ofMillis(200))) {
			BatchSender patient = BatchSender.builder(impatient)
				.retryPolicy(FAST)
				.retryListener((attempt, status, delay) -> this.retries.add(new Retry(attempt, status, delay)))
				.build();
			SendOutcome outcome = patient.send(batch()).join();
			assertThat(outcome).isEqualTo(new SendOutcome(SendOutcome.Kind.ACCEPTED, 200, null, 2, null));
			assertThat(this.retries).containsExactly(new Retry(1, 0, BACKOFF));
		}
	}

	@Test
	void shouldDescribeTimeoutWhenEveryAttemptTimesOut() {
		this.server.setSlowResponses(Duration.ofSeconds(2));
		try (JdkHttpIngestTransport impatient = transport(this.server.ingestUri(), KEY, Duration.ofMillis(100))) {
			SendOutcome outcome = BatchSender.create(impatient, RetryPolicy.builder().maxAttempts(1).build())
				.send(batch())
				.join();
			assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE_FAILURE);
			assertThat(outcome.status()).isZero();
			assertThat(outcome.attempts()).isEqualTo(1);
			assertThat(outcome.error()).startsWith("HttpTimeoutException").doesNotContain(KEY);
		}
	}

	@Test
	void shouldRetryWhenSuccessIsNotConfirmed() {
		this.server.enqueueFault(Fault.acceptedFalse());
		SendOutcome outcome = this.sender.send(batch()).join();
		assertThat(outcome).isEqualTo(new SendOutcome(SendOutcome.Kind.ACCEPTED, 200, null, 2, null));
		assertThat(this.retries).containsExactly(new Retry(1, 200, BACKOFF));
	}

	@Test
	void shouldFailRetryablyWhenSuccessIsNeverConfirmed() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueueFault(Fault.acceptedFalse());
		}
		SendOutcome outcome = this.sender.send(batch()).join();
		assertThat(outcome).isEqualTo(new SendOutcome(SendOutcome.Kind.RETRYABLE_FAILURE, 200,
				"HTTP 200 without \"accepted\": true", 3, null));
	}

	@Test
	void shouldFailRetryablyWithoutKeyWhenNothingListens() {
		URI endpoint = this.server.ingestUri();
		this.server.close();
		try (JdkHttpIngestTransport unreachable = transport(endpoint, KEY, Duration.ofSeconds(5))) {
			SendOutcome outcome = BatchSender.create(unreachable, FAST).send(batch()).join();
			assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE_FAILURE);
			assertThat(outcome.status()).isZero();
			assertThat(outcome.attempts()).isEqualTo(3);
			assertThat(outcome.error()).startsWith("ConnectException").doesNotContain(KEY);
		}
	}

	@Test
	void shouldNeverShowApiKeyInOutcomesOrDescriptions() {
		this.server.enqueueFault(Fault.status(500, "{\"error\": \"boom\"}"));
		this.server.enqueueFault(Fault.dropConnection());
		this.server.enqueueFault(Fault.status(400, "<html>bad</html>"));
		SendOutcome outcome = this.sender.send(batch()).join();
		assertThat(outcome).isEqualTo(new SendOutcome(SendOutcome.Kind.REJECTED, 400, "HTTP 400", 3, null));
		assertThat(outcome.toString()).doesNotContain(KEY);
		assertThat(this.sender.toString()).doesNotContain(KEY);
	}

	@Test
	void shouldFailWithoutRetryWhenTransportFailsUnexpectedly() {
		AtomicInteger calls = new AtomicInteger();
		IngestTransport broken = (body) -> {
			calls.incrementAndGet();
			return CompletableFuture.failedFuture(new IllegalStateException("closed"));
		};
		SendOutcome outcome = BatchSender.create(broken, FAST).send(batch()).join();
		assertThat(outcome)
			.isEqualTo(new SendOutcome(SendOutcome.Kind.RETRYABLE_FAILURE, 0, "IllegalStateException: closed", 1, null));
		assertThat(calls).hasValue(1);
	}

	@Test
	void shouldNotCompleteExceptionallyWhenTransportThrows() {
		IngestTransport throwing = (body) -> {
			throw new IllegalArgumentException("bad");
		};
		assertThat(BatchSender.create(throwing, FAST).send(batch()).join())
			.isEqualTo(new SendOutcome(SendOutcome.Kind.RETRYABLE_FAILURE, 0, "IllegalArgumentException: bad", 1, null));
		IngestTransport nullReturning = (body) -> null;
		assertThat(BatchSender.create(nullReturning, FAST).send(batch()).join().kind())
			.isEqualTo(SendOutcome.Kind.RETRYABLE_FAILURE);
	}

	@Test
	void shouldRetryWhenTransportReportsWrappedIOException() {
		AtomicInteger calls = new AtomicInteger();
		IngestTransport flaky = (body) -> (calls.incrementAndGet() == 1)
				? CompletableFuture.failedFuture(new IllegalStateException("request failed", new IOException("reset")))
				: CompletableFuture.completedFuture(new IngestResponse(200, "{\"accepted\":true}", null));
		SendOutcome outcome = BatchSender.create(flaky, FAST).send(batch()).join();
		assertThat(outcome).isEqualTo(new SendOutcome(SendOutcome.Kind.ACCEPTED, 200, null, 2, null));
	}

	@Test
	void shouldKeepRetryingWhenListenerThrows() {
		this.server.enqueueFault(Fault.status(503));
		BatchSender sender = BatchSender.builder(this.transport).retryPolicy(FAST).retryListener((a, s, d) -> {
			throw new IllegalStateException("listener bug");
		}).build();
		assertThat(sender.send(batch()).join().kind()).isEqualTo(SendOutcome.Kind.ACCEPTED);
	}

	@Test
	void shouldStartRetriesOnGivenExecutor() {
		this.server.enqueueFault(Fault.status(503));
		AtomicInteger executed = new AtomicInteger();
		BatchSender sender = BatchSender.builder(this.transport).retryPolicy(FAST).executor((task) -> {
			executed.incrementAndGet();
			task.run();
		}).build();
		assertThat(sender.send(batch()).join().attempts()).isEqualTo(2);
		assertThat(executed).hasValue(1);
	}

	@Test
	void shouldFailRetryablyWhenExecutorRejectsRetry() {
		this.server.enqueueFault(Fault.status(503));
		BatchSender sender = BatchSender.builder(this.transport).retryPolicy(FAST).executor((task) -> {
			throw new java.util.concurrent.RejectedExecutionException("shut down");
		}).build();
		assertThat(sender.send(batch()).join())
			.isEqualTo(new SendOutcome(SendOutcome.Kind.RETRYABLE_FAILURE, 503, "Injected fault: HTTP 503", 1, null));
	}

	private static JdkHttpIngestTransport transport(URI endpoint, String key, Duration requestTimeout) {
		return JdkHttpIngestTransport.builder().endpoint(endpoint).apiKey(key).requestTimeout(requestTimeout).build();
	}

	private static byte[] batch() {
		return ("{\"schema_version\": 2, \"sessions\": [{\"id\": \"" + UUID.randomUUID()
				+ "\", \"created_at\": \"2025-06-01T10:00:00Z\"}]}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private record Retry(int attempt, int status, Duration delay) {

	}

}
