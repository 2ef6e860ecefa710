package ai.northstar.spring.actuate;

import java.time.Duration;
import java.util.Set;

import ai.northstar.CaptureOptions;
import ai.northstar.FlushStats;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.autoconfigure.NorthstarConnectionDetails;
import ai.northstar.autoconfigure.NorthstarProperties;
import ai.northstar.capture.ContentCapture;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.util.StringUtils;

/**
 * The {@code northstar} Actuator endpoint: whether tracing is on, every setting in effect, with the API key masked,
 * and the queue and send statistics. Expose it like any endpoint, such as
 * {@code management.endpoints.web.exposure.include=northstar}. While tracing is off the settings are the configured
 * ones, so the endpoint shows what would be used and why nothing is sent.
 *
 * @since 0.1.0
 */
@Endpoint(id = "northstar")
public final class NorthstarEndpoint {

	/** What is shown in place of the API key. */
	public static final String MASK = "******";

	private final Northstar client;

	private final NorthstarProperties properties;

	private final @Nullable NorthstarConnectionDetails connectionDetails;

	private final ContentCapture contentCapture;

	/**
	 * Creates the endpoint.
	 * @param client the client
	 * @param properties the properties
	 * @param connectionDetails where the client sends, absent while tracing is off
	 * @param contentCapture the content capture the client was given
	 */
	public NorthstarEndpoint(Northstar client, NorthstarProperties properties,
			@Nullable NorthstarConnectionDetails connectionDetails, ContentCapture contentCapture) {
		this.client = client;
		this.properties = properties;
		this.connectionDetails = connectionDetails;
		this.contentCapture = contentCapture;
	}

	/**
	 * Describes the configuration and the statistics.
	 * @return the description
	 */
	@ReadOperation
	public NorthstarDescriptor northstar() {
		NorthstarFlusher flusher = this.client.flusher().orElse(null);
		boolean active = this.client.isEnabled();
		NorthstarProperties settings = this.properties;
		DeliveryDescriptor delivery = new DeliveryDescriptor(
				(flusher != null) ? flusher.batchSize() : settings.getBatchSize(),
				(flusher != null) ? flusher.maxBatchSize() : maxBatchSize(settings),
				(flusher != null) ? flusher.maxBatchBytes() : (int) settings.getMaxBatchBytes().toBytes(),
				(flusher != null) ? flusher.flushInterval() : settings.getFlushInterval(), settings.getMaxQueueSize(),
				(flusher != null) ? flusher.shutdownTimeout() : settings.getShutdownTimeout(),
				(flusher != null) ? flusher.maxRetention() : settings.getMaxRetention(), settings.getConnectTimeout(),
				settings.getRequestTimeout());
		CaptureDescriptor capture = new CaptureDescriptor(settings.isCaptureInputs(), settings.isCaptureOutputs(),
				active ? this.client.captureOptions() : settings.getCapture().toCaptureOptions(),
				this.contentCapture.redactKeys(), this.contentCapture.maxContentSize());
		ConfigurationDescriptor configuration = new ConfigurationDescriptor(active, settings.isEnabled(), endpoint(),
				apiKey(), settings.getProjectId(), settings.getProject(), settings.getEnvironment(), settings.isDebug(),
				delivery, capture, new PropagationDescriptor(settings.isReactorContextPropagation(),
						settings.isExecutorContextPropagation()));
		return new NorthstarDescriptor(configuration, (flusher != null) ? flusher.stats() : null);
	}

	private @Nullable String endpoint() {
		if (this.client.isEnabled()) {
			return this.client.endpoint().toString();
		}
		if (this.connectionDetails != null) {
			return this.connectionDetails.ingestUri().toString();
		}
		if (StringUtils.hasText(this.properties.getEndpoint())) {
			return this.properties.getEndpoint().strip();
		}
		if (StringUtils.hasText(this.properties.getProjectId())) {
			try {
				return Northstar.ingestUri(this.properties.getProjectId()).toString();
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		return null;
	}

	/**
	 * Returns the mask when a key is set, and an unresolved placeholder as it is: it is no secret, and it is why
	 * tracing is off.
	 */
	private @Nullable String apiKey() {
		String apiKey = this.properties.getApiKey();
		if (StringUtils.hasText(apiKey) && apiKey.strip().startsWith("${") && apiKey.strip().endsWith("}")) {
			return apiKey.strip();
		}
		return (StringUtils.hasText(apiKey) || this.connectionDetails != null) ? MASK : null;
	}

	private static int maxBatchSize(NorthstarProperties properties) {
		Integer maxBatchSize = properties.getMaxBatchSize();
		return (maxBatchSize != null) ? maxBatchSize
				: NorthstarFlusher.defaultMaxBatchSize(properties.getBatchSize());
	}

	/**
	 * The endpoint's response.
	 *
	 * @param configuration the effective configuration
	 * @param statistics the queue and send statistics, absent while tracing is off
	 * @since 0.1.0
	 */
	public record NorthstarDescriptor(ConfigurationDescriptor configuration, @Nullable FlushStats statistics) {
	}

	/**
	 * The effective configuration.
	 *
	 * @param active whether tracing is on: enabled, with a key and an endpoint
	 * @param enabled the {@code northstar.enabled} setting
	 * @param endpoint the ingest URL, or the configured one while tracing is off
	 * @param apiKey {@value NorthstarEndpoint#MASK} when an API key is set, the text of an unresolved placeholder
	 * @param projectId the project id
	 * @param project the project name
	 * @param environment the environment name
	 * @param debug whether debug logging of the deliveries is on
	 * @param delivery how records are batched and sent
	 * @param capture what content is captured
	 * @param contextPropagation where the trace follows the work
	 * @since 0.1.0
	 */
	public record ConfigurationDescriptor(boolean active, boolean enabled, @Nullable String endpoint,
			@Nullable String apiKey, @Nullable String projectId, @Nullable String project,
			@Nullable String environment, boolean debug, DeliveryDescriptor delivery, CaptureDescriptor capture,
			PropagationDescriptor contextPropagation) {
	}

	/**
	 * How records are batched and sent.
	 *
	 * @param batchSize the number of pending records that triggers a send
	 * @param maxBatchSize the most records in one batch
	 * @param maxBatchBytes the most bytes of one batch's JSON body, unless a single record is larger
	 * @param flushInterval the longest time between two sends
	 * @param maxQueueSize the most records pending at once
	 * @param shutdownTimeout the time the final drain may take
	 * @param maxRetention how long a record is kept while it cannot be sent
	 * @param connectTimeout the connect timeout of the HTTP transport
	 * @param requestTimeout the bound of one request
	 * @since 0.1.0
	 */
	public record DeliveryDescriptor(int batchSize, int maxBatchSize, int maxBatchBytes, Duration flushInterval,
			int maxQueueSize, Duration shutdownTimeout, Duration maxRetention, Duration connectTimeout,
			Duration requestTimeout) {
	}

	/**
	 * What content is captured.
	 *
	 * @param inputs whether annotated methods record their arguments by default
	 * @param outputs whether annotated methods record their results by default
	 * @param events which typed events are captured
	 * @param redactKeys the keys whose values are redacted
	 * @param maxContentSize the largest captured content, in bytes
	 * @since 0.1.0
	 */
	public record CaptureDescriptor(boolean inputs, boolean outputs, CaptureOptions events, Set<String> redactKeys,
			int maxContentSize) {
	}

	/**
	 * Where the trace follows the work onto other threads.
	 *
	 * @param reactor whether Reactor's automatic context propagation is turned on
	 * @param executors whether the application's own executor beans carry the trace
	 * @since 0.1.0
	 */
	public record PropagationDescriptor(boolean reactor, boolean executors) {
	}

}
