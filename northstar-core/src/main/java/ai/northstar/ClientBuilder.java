package ai.northstar;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import ai.northstar.capture.ContentCapture;
import ai.northstar.internal.Checks;
import ai.northstar.prompt.Prompts;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.JdkHttpIngestTransport;
import ai.northstar.transport.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The settings of {@link Northstar.Builder}, their checks, and the assembly of the client from them: the builder's
 * job, in a file of its own. {@code Northstar.Builder}, the only subclass, is the public type users name; this class
 * is not API.
 */
abstract sealed class ClientBuilder permits Northstar.Builder {

	private @Nullable String apiKey;

	private @Nullable String projectId;

	private @Nullable URI endpoint;

	CaptureOptions captureOptions = CaptureOptions.none();

	ContentCapture contentCapture = Recorder.defaultContentCapture();

	ModelPricing pricing = ModelPricing.defaults();

	private @Nullable IngestTransport transport;

	RetryPolicy retryPolicy = RetryPolicy.defaults();

	private Duration connectTimeout = Northstar.DEFAULT_CONNECT_TIMEOUT;

	Duration requestTimeout = Northstar.DEFAULT_REQUEST_TIMEOUT;

	int maxQueueSize = Northstar.DEFAULT_MAX_QUEUE_SIZE;

	Clock clock = Clock.systemUTC();

	boolean debug;

	boolean enabled = true;

	@Nullable String project;

	@Nullable String environment;

	private Duration promptCacheTtl = Prompts.DEFAULT_CACHE_TTL;

	private String promptFallbackLocation = Prompts.DEFAULT_FALLBACK_LOCATION;

	private @Nullable IngestTransport promptTransport;

	ClientBuilder() {
	}

	private Northstar.Builder self() {
		return (Northstar.Builder) this;
	}

	/**
	 * Sets how long the {@link Northstar#prompts() prompts} serve a label's result before asking for it again.
	 * Defaults to {@link Prompts#DEFAULT_CACHE_TTL} (60 seconds).
	 * @param promptCacheTtl the time, positive
	 * @return this builder
	 */
	public Northstar.Builder promptCacheTtl(Duration promptCacheTtl) {
		this.promptCacheTtl = Checks.requirePositive(promptCacheTtl, "promptCacheTtl");
		return self();
	}

	/**
	 * Sets the folder of the prompts' fallback files ({@code {name}.txt}), served when NorthStar cannot be asked
	 * and nothing is cached. Defaults to {@value Prompts#DEFAULT_FALLBACK_LOCATION}.
	 * @param promptFallbackLocation {@code classpath:} and a folder, {@code file:} and a folder, or a folder path
	 * @return this builder
	 */
	public Northstar.Builder promptFallbackLocation(String promptFallbackLocation) {
		Objects.requireNonNull(promptFallbackLocation, "promptFallbackLocation must not be null");
		if (promptFallbackLocation.isBlank()) {
			throw new IllegalArgumentException("promptFallbackLocation must not be blank");
		}
		this.promptFallbackLocation = promptFallbackLocation;
		return self();
	}

	/**
	 * Sets the transport of the prompts' resolve requests, aimed at {@link Prompts#resolveUri(URI)} of the
	 * endpoint with the API key; closed with the client. Defaults to a {@link JdkHttpIngestTransport} created at
	 * the first pull.
	 * @param promptTransport the transport
	 * @return this builder
	 */
	public Northstar.Builder promptTransport(IngestTransport promptTransport) {
		this.promptTransport = Objects.requireNonNull(promptTransport, "promptTransport must not be null");
		return self();
	}

	Prompts prompts(Northstar client, URI endpoint) {
		IngestTransport given = this.promptTransport;
		String key = Objects.requireNonNull(this.apiKey);
		Duration connect = this.connectTimeout;
		Duration request = this.requestTimeout;
		return Prompts.builder(client)
			.cacheTtl(this.promptCacheTtl)
			.fallbackLocation(this.promptFallbackLocation)
			.requestTimeout(request)
			.transport(() -> (given != null) ? given
					: JdkHttpIngestTransport.builder()
						.endpoint(Prompts.resolveUri(endpoint))
						.apiKey(key)
						.connectTimeout(connect)
						.requestTimeout(request)
						.build())
			.build();
	}

	/**
	 * Sets whether tracing is on; see {@link Northstar#isEnabled()}. Defaults to {@code true}.
	 * @param enabled the flag
	 * @return this builder
	 */
	public Northstar.Builder enabled(boolean enabled) {
		this.enabled = enabled;
		return self();
	}

	/**
	 * Sets the project name written to the metadata of high-level runs and of the process session.
	 * @param project the project name
	 * @return this builder
	 */
	public Northstar.Builder project(@Nullable String project) {
		this.project = project;
		return self();
	}

	/**
	 * Sets the environment name written to the metadata of high-level runs and of the process session.
	 * @param environment the environment, such as {@code production}
	 * @return this builder
	 */
	public Northstar.Builder environment(@Nullable String environment) {
		this.environment = environment;
		return self();
	}

	/**
	 * Sets the API key ({@code ns_...}). Required. It never appears in logs, exceptions or {@code toString()}.
	 * @param apiKey the API key
	 * @return this builder
	 */
	public Northstar.Builder apiKey(String apiKey) {
		this.apiKey = apiKey;
		return self();
	}

	/**
	 * Sets the NorthStar project id, from which the ingest URL is derived. Required unless an endpoint is set.
	 * @param projectId the project id, lower-case letters and digits
	 * @return this builder
	 */
	public Northstar.Builder projectId(String projectId) {
		Northstar.ingestUri(projectId);
		this.projectId = projectId;
		return self();
	}

	/**
	 * Sets an explicit ingest URL, for self-hosted deployments; it wins over the project id.
	 * @param endpoint the URL, a trailing {@code /} is removed
	 * @return this builder
	 */
	public Northstar.Builder endpoint(String endpoint) {
		this.endpoint = Northstar.endpointUri(endpoint);
		return self();
	}

	/**
	 * Sets an explicit ingest URL; see {@link #endpoint(String)}.
	 * @param endpoint the URL
	 * @return this builder
	 */
	public Northstar.Builder endpoint(URI endpoint) {
		return endpoint(endpoint.toString());
	}

	/**
	 * Sets which typed events are captured. Defaults to {@link CaptureOptions#none()}.
	 * @param captureOptions the options
	 * @return this builder
	 */
	public Northstar.Builder capture(CaptureOptions captureOptions) {
		this.captureOptions = Objects.requireNonNull(captureOptions, "captureOptions must not be null");
		return self();
	}

	/**
	 * Sets how content is captured (redaction, size cap, object conversion).
	 * @param contentCapture the content capture
	 * @return this builder
	 */
	public Northstar.Builder contentCapture(ContentCapture contentCapture) {
		this.contentCapture = Objects.requireNonNull(contentCapture, "contentCapture must not be null");
		return self();
	}

	/**
	 * Sets the model prices used for {@code cost_usd}. Defaults to {@link ModelPricing#defaults()}.
	 * @param pricing the pricing
	 * @return this builder
	 */
	public Northstar.Builder pricing(ModelPricing pricing) {
		this.pricing = Objects.requireNonNull(pricing, "pricing must not be null");
		return self();
	}

	/**
	 * Sets the transport. Defaults to a {@link JdkHttpIngestTransport} for the endpoint and key.
	 * @param transport the transport
	 * @return this builder
	 */
	public Northstar.Builder transport(IngestTransport transport) {
		this.transport = Objects.requireNonNull(transport, "transport must not be null");
		return self();
	}

	/**
	 * Sets the backoff between attempts of a batch that failed, and the attempts a synchronous
	 * {@link Northstar#flush()} makes per batch before it throws. Defaults to {@link RetryPolicy#defaults()}.
	 * @param retryPolicy the policy
	 * @return this builder
	 */
	public Northstar.Builder retryPolicy(RetryPolicy retryPolicy) {
		this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
		return self();
	}

	/**
	 * Sets the connect timeout of the default transport. Defaults to 5 seconds.
	 * @param connectTimeout the timeout, positive
	 * @return this builder
	 */
	public Northstar.Builder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = Checks.requirePositive(connectTimeout, "connectTimeout");
		return self();
	}

	/**
	 * Sets the longest time one attempt may take, the response body included, whatever the transport: past it the
	 * attempt is abandoned (and retried). Defaults to 10 seconds.
	 * @param requestTimeout the timeout, positive
	 * @return this builder
	 */
	public Northstar.Builder requestTimeout(Duration requestTimeout) {
		this.requestTimeout = Checks.requirePositive(requestTimeout, "requestTimeout");
		return self();
	}

	/**
	 * Sets the most records pending at once; new records beyond it are dropped and counted. Defaults to
	 * {@value Northstar#DEFAULT_MAX_QUEUE_SIZE}.
	 * @param maxQueueSize the bound, positive
	 * @return this builder
	 */
	public Northstar.Builder maxQueueSize(int maxQueueSize) {
		this.maxQueueSize = Checks.requirePositive(maxQueueSize, "maxQueueSize");
		return self();
	}

	/**
	 * Sets the clock timestamps are read from. Defaults to the UTC system clock.
	 * @param clock the clock
	 * @return this builder
	 */
	public Northstar.Builder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		return self();
	}

	/**
	 * Sets whether every failed send attempt is logged at {@code WARNING} (at most one line per 10 seconds, with
	 * counts) rather than at {@code DEBUG}. Defaults to {@code false}.
	 * @param debug the flag
	 * @return this builder
	 */
	public Northstar.Builder debug(boolean debug) {
		this.debug = debug;
		return self();
	}

	/**
	 * Builds the client.
	 * @return the client
	 * @throws IllegalStateException when the API key, or both the project id and the endpoint, are missing
	 */
	public Northstar build() {
		if (this.apiKey == null || this.apiKey.isBlank()) {
			throw new IllegalStateException("apiKey is required");
		}
		URI uri = this.endpoint;
		if (uri == null) {
			if (this.projectId == null) {
				throw new IllegalStateException("projectId or endpoint is required");
			}
			uri = Northstar.ingestUri(this.projectId);
		}
		IngestTransport selected = this.transport;
		if (selected == null) {
			selected = JdkHttpIngestTransport.builder()
				.endpoint(uri)
				.apiKey(this.apiKey)
				.connectTimeout(this.connectTimeout)
				.requestTimeout(this.requestTimeout)
				.build();
		}
		return new Northstar(this, uri, selected);
	}

}
