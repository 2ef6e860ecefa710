package ai.northstar.transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The default {@link IngestTransport}, built on the JDK {@link HttpClient}: one non-blocking {@code POST} per call,
 * {@code Content-Type: application/json}, {@code Authorization: Bearer <key>}, the body sent as is.
 * <p>
 * Unless given a client, it creates one whose threads are daemons named {@code northstar-http-N}, so it never keeps
 * the JVM alive; {@link #close()} stops them. Each send then waits for its response on one of these threads, never
 * on the caller's: the JDK's own asynchronous path would start a new thread per response on machines with two CPUs
 * or fewer. A given client is used as is (its own connect timeout applies) and is
 * left open. The API key appears in no {@code toString()}, log or exception message. Plain {@code http://}
 * endpoints (local and self-hosted backends) are spoken to in HTTP/1.1, {@code https://} ones in the client's
 * default version.
 * <p>
 * Example: <pre>{@code
 * IngestTransport transport = JdkHttpIngestTransport.builder()
 *     .endpoint(URI.create("https://abc123.supabase.co/functions/v1/ingest-traces"))
 *     .apiKey(System.getenv("NORTHSTAR_API_KEY"))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class JdkHttpIngestTransport implements IngestTransport {

	/** The default time allowed to open a connection. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** The default time allowed for a whole exchange, the response body included. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final AtomicInteger THREAD_COUNT = new AtomicInteger();

	private final URI endpoint;

	private final String authorization;

	private final Duration connectTimeout;

	private final Duration requestTimeout;

	private final HttpClient client;

	private final @Nullable ExecutorService ownedExecutor;

	private final @Nullable Executor callbackExecutor;

	private final AtomicBoolean closed = new AtomicBoolean();

	JdkHttpIngestTransport(URI endpoint, String apiKey, Duration connectTimeout, Duration requestTimeout,
			@Nullable HttpClient client) {
		this.endpoint = endpoint;
		this.authorization = "Bearer " + apiKey;
		this.connectTimeout = connectTimeout;
		this.requestTimeout = requestTimeout;
		if (client != null) {
			this.client = client;
			this.ownedExecutor = null;
			this.callbackExecutor = null;
		}
		else {
			ExecutorService pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
					new SynchronousQueue<>(), daemonThreads());
			this.ownedExecutor = pool;
			// Once closed, work still due for requests in flight runs on the calling thread rather than being
			// rejected, which would leave their futures incomplete forever.
			this.callbackExecutor = (task) -> {
				try {
					pool.execute(task);
				}
				catch (RejectedExecutionException ex) {
					task.run();
				}
			};
			this.client = HttpClient.newBuilder()
				.connectTimeout(connectTimeout)
				.executor(this.callbackExecutor)
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
		}
	}

	/**
	 * Returns a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the ingest endpoint.
	 * @return the endpoint
	 */
	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * Returns the time allowed to open a connection (ignored when a client was given).
	 * @return the connect timeout
	 */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Returns the time allowed for a request.
	 * @return the request timeout
	 */
	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Sends one batch in one attempt.
	 * @param jsonBody the UTF-8 JSON body, sent as is
	 * @return the response, whatever its status; completes exceptionally with an {@link java.io.IOException} (a
	 * {@link java.net.http.HttpTimeoutException} on timeout) when no response was received, or an
	 * {@link IllegalStateException} once closed
	 */
	@Override
	public CompletableFuture<IngestResponse> send(byte[] jsonBody) {
		Objects.requireNonNull(jsonBody, "jsonBody must not be null");
		if (this.closed.get()) {
			return CompletableFuture.failedFuture(new IllegalStateException("JdkHttpIngestTransport is closed"));
		}
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
				.timeout(this.requestTimeout)
				.header("Content-Type", "application/json")
				.header("Authorization", this.authorization)
				.POST(WholeBodyPublisher.of(jsonBody));
			if ("http".equalsIgnoreCase(this.endpoint.getScheme())) {
				request.version(HttpClient.Version.HTTP_1_1);
			}
			HttpRequest built = request.build();
			if (this.ownedExecutor == null) {
				return bounded(this.client.sendAsync(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
					.thenApply(JdkHttpIngestTransport::toIngestResponse), null);
			}
			// A blocking send on one of our threads rather than sendAsync: sendAsync hands every response to the
			// JDK's default async executor, which starts a new thread per task on machines with 2 CPUs or fewer.
			CompletableFuture<IngestResponse> result = new CompletableFuture<>();
			Future<?> task = this.ownedExecutor.submit(() -> {
				try {
					result.complete(sendBlocking(built));
				}
				catch (RuntimeException ex) {
					result.completeExceptionally((ex instanceof CompletionException && ex.getCause() != null)
							? ex.getCause() : ex);
				}
			});
			return bounded(result, task);
		}
		catch (RejectedExecutionException ex) {
			return CompletableFuture.failedFuture(new IllegalStateException("JdkHttpIngestTransport is closed", ex));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Bounds a whole exchange, the response body included, by the request timeout (the client's own timeout stops
	 * at the headers): past it the future fails with an {@link HttpTimeoutException} and the exchange is aborted, as
	 * it is when the caller cancels the future.
	 */
	private CompletableFuture<IngestResponse> bounded(CompletableFuture<IngestResponse> exchange, @Nullable Future<?> task) {
		CompletableFuture<IngestResponse> result = new CompletableFuture<>();
		exchange.whenComplete((response, failure) -> {
			if (failure != null) {
				result.completeExceptionally(failure);
			}
			else {
				result.complete(response);
			}
		});
		ScheduledFuture<?> timeout = Timeouts.SCHEDULER.schedule(() -> {
			if (result.completeExceptionally(new HttpTimeoutException("request timed out after " + this.requestTimeout
					+ ", the response included"))) {
				abort(exchange, task);
			}
		}, this.requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
		result.whenComplete((response, failure) -> {
			timeout.cancel(false);
			if (result.isCancelled()) {
				abort(exchange, task);
			}
		});
		return result;
	}

	/** The one timer thread of every transport's timeouts, started at first use. */
	private static final class Timeouts {

		static final ScheduledThreadPoolExecutor SCHEDULER;

		static {
			SCHEDULER = new ScheduledThreadPoolExecutor(1, (runnable) -> {
				Thread thread = new Thread(runnable, "northstar-http-timeouts");
				thread.setDaemon(true);
				return thread;
			});
			SCHEDULER.setRemoveOnCancelPolicy(true);
		}

		private Timeouts() {
		}

	}

	private static void abort(CompletableFuture<IngestResponse> exchange, @Nullable Future<?> task) {
		// Interrupting a blocking send, or cancelling sendAsync's future, aborts the exchange (JDK 16 and later).
		if (task != null) {
			task.cancel(true);
		}
		exchange.cancel(true);
	}

	private IngestResponse sendBlocking(HttpRequest request) {
		try {
			HttpResponse<String> response = this.client.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return toIngestResponse(response);
		}
		catch (IOException ex) {
			throw new CompletionException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CompletionException(ex);
		}
	}

	/**
	 * Lets the threads of the client this transport created end; a given client is left open. Idempotent. Later
	 * sends fail with an {@link IllegalStateException}; requests in flight still complete.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true) && this.ownedExecutor != null) {
			this.ownedExecutor.shutdown();
		}
	}

	@Override
	public String toString() {
		return "JdkHttpIngestTransport[endpoint=" + this.endpoint + ", connectTimeout=" + this.connectTimeout
				+ ", requestTimeout=" + this.requestTimeout + "]";
	}

	private static IngestResponse toIngestResponse(HttpResponse<String> response) {
		return new IngestResponse(response.statusCode(), response.body(),
				RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null)));
	}

	private static ThreadFactory daemonThreads() {
		return (runnable) -> {
			Thread thread = new Thread(runnable, "northstar-http-" + THREAD_COUNT.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Builds a {@link JdkHttpIngestTransport}; every setting is checked as it is set.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable URI endpoint;

		private @Nullable String apiKey;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

		private @Nullable HttpClient httpClient;

		Builder() {
		}

		/**
		 * Sets the ingest endpoint (required).
		 * @param endpoint an absolute {@code http} or {@code https} URI
		 * @return this builder
		 */
		public Builder endpoint(URI endpoint) {
			Objects.requireNonNull(endpoint, "endpoint must not be null");
			String scheme = endpoint.getScheme();
			if (!endpoint.isAbsolute() || endpoint.getHost() == null
					|| !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
				throw new IllegalArgumentException("endpoint must be an absolute http or https URI, was " + endpoint);
			}
			this.endpoint = endpoint;
			return this;
		}

		/**
		 * Sets the API key sent as {@code Authorization: Bearer <key>} (required).
		 * @param apiKey the key, not blank, without whitespace or control characters
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			Objects.requireNonNull(apiKey, "apiKey must not be null");
			if (apiKey.isBlank()) {
				throw new IllegalArgumentException("apiKey must not be blank");
			}
			// Never echo the key: it is a secret.
			if (apiKey.chars().anyMatch((c) -> c <= ' ' || c >= 0x7f)) {
				throw new IllegalArgumentException(
						"apiKey must contain only visible ASCII characters (no whitespace or control characters)");
			}
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Sets the time allowed to open a connection; {@code 5s} by default. Ignored when a client is given.
		 * @param connectTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "connectTimeout");
			return this;
		}

		/**
		 * Sets the time allowed for a whole exchange, the response body included; {@code 10s} by default.
		 * @param requestTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = positive(requestTimeout, "requestTimeout");
			return this;
		}

		/**
		 * Sets the client to send with, instead of one created (and closed) by the transport.
		 * @param httpClient the client, or {@code null} to create one
		 * @return this builder
		 */
		public Builder httpClient(@Nullable HttpClient httpClient) {
			this.httpClient = httpClient;
			return this;
		}

		/**
		 * Builds the transport.
		 * @return the transport
		 * @throws IllegalStateException when the endpoint or the API key is not set
		 */
		public JdkHttpIngestTransport build() {
			if (this.endpoint == null) {
				throw new IllegalStateException("endpoint must be set");
			}
			if (this.apiKey == null) {
				throw new IllegalStateException("apiKey must be set");
			}
			return new JdkHttpIngestTransport(this.endpoint, this.apiKey, this.connectTimeout, this.requestTimeout,
					this.httpClient);
		}

		private static Duration positive(Duration duration, String name) {
			Objects.requireNonNull(duration, () -> name + " must not be null");
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + duration);
			}
			return duration;
		}

	}

}
