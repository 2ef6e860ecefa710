package ai.northstar.spring.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.RetryAfter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * An {@link IngestTransport} that posts batches with a {@link WebClient}, so the application's
 * {@code WebClientCustomizer}s, codecs, connector and SSL bundles apply. It never blocks: {@link #send(byte[])}
 * returns at once, completes with the response (any status), and completes exceptionally when the connection fails
 * or no response arrives within the request timeout.
 *
 * <pre>{@code
 * IngestTransport transport = WebClientIngestTransport.builder(webClientBuilder)
 *     .endpoint(URI.create("https://abc.supabase.co/functions/v1/ingest-traces"))
 *     .apiKey("ns_...")
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class WebClientIngestTransport implements IngestTransport {

	/** The default time one request may take, response included. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final WebClient webClient;

	private final URI endpoint;

	private final String authorization;

	private final Duration requestTimeout;

	private WebClientIngestTransport(Builder builder, URI endpoint, String apiKey) {
		this.webClient = builder.webClientBuilder.clone().build();
		this.endpoint = endpoint;
		this.authorization = "Bearer " + apiKey;
		this.requestTimeout = builder.requestTimeout;
	}

	/**
	 * Returns a builder that builds its {@link WebClient} from a clone of the given builder.
	 * @param webClientBuilder the application's builder, such as Boot's auto-configured one
	 * @return the builder
	 */
	public static Builder builder(WebClient.Builder webClientBuilder) {
		return new Builder(webClientBuilder);
	}

	@Override
	public CompletableFuture<IngestResponse> send(byte[] jsonBody) {
		try {
			return this.webClient.post()
				.uri(this.endpoint)
				.header(HttpHeaders.AUTHORIZATION, this.authorization)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(jsonBody)
				.exchangeToMono(WebClientIngestTransport::toResponse)
				.timeout(this.requestTimeout)
				.toFuture();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static Mono<IngestResponse> toResponse(ClientResponse response) {
		int status = response.statusCode().value();
		Duration retryAfter = RetryAfter.parse(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER));
		return response.bodyToMono(String.class)
			.defaultIfEmpty("")
			.map((body) -> new IngestResponse(status, body, retryAfter));
	}

	/**
	 * Returns the ingest URL.
	 * @return the endpoint
	 */
	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * Returns the time one request may take.
	 * @return the request timeout
	 */
	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	@Override
	public String toString() {
		return "WebClientIngestTransport[endpoint=" + this.endpoint + "]";
	}

	/**
	 * Builds a {@link WebClientIngestTransport}. The endpoint and the API key are required.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final WebClient.Builder webClientBuilder;

		private @Nullable URI endpoint;

		private @Nullable String apiKey;

		private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

		private Builder(WebClient.Builder webClientBuilder) {
			this.webClientBuilder = Objects.requireNonNull(webClientBuilder, "webClientBuilder must not be null");
		}

		/**
		 * Sets the ingest URL.
		 * @param endpoint the absolute http(s) URL
		 * @return this builder
		 */
		public Builder endpoint(URI endpoint) {
			Objects.requireNonNull(endpoint, "endpoint must not be null");
			String scheme = endpoint.getScheme();
			if (!endpoint.isAbsolute() || endpoint.getHost() == null
					|| !("http".equals(scheme) || "https".equals(scheme))) {
				throw new IllegalArgumentException("endpoint must be an absolute http(s) URL, was '" + endpoint + "'");
			}
			this.endpoint = endpoint;
			return this;
		}

		/**
		 * Sets the API key sent as {@code Authorization: Bearer <key>}. It never appears in {@code toString()}.
		 * @param apiKey the API key, not blank
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			if (apiKey == null || apiKey.isBlank()) {
				throw new IllegalArgumentException("apiKey must not be blank");
			}
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Sets the time one request may take, response included. Defaults to 10 seconds.
		 * @param requestTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			Objects.requireNonNull(requestTimeout, "requestTimeout must not be null");
			if (requestTimeout.isNegative() || requestTimeout.isZero()) {
				throw new IllegalArgumentException("requestTimeout must be > 0, was " + requestTimeout);
			}
			this.requestTimeout = requestTimeout;
			return this;
		}

		/**
		 * Builds the transport.
		 * @return the transport
		 * @throws IllegalStateException when the endpoint or the API key is missing
		 */
		public WebClientIngestTransport build() {
			if (this.endpoint == null) {
				throw new IllegalStateException("endpoint is required");
			}
			if (this.apiKey == null) {
				throw new IllegalStateException("apiKey is required");
			}
			return new WebClientIngestTransport(this, this.endpoint, this.apiKey);
		}

	}

}
