package ai.northstar.spring.actuate;

import java.time.Duration;
import java.util.Set;

import ai.northstar.CaptureOptions;
import ai.northstar.FlushStats;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.autoconfigure.NorthstarProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.util.StringUtils;

/**
 * The {@code northstar} Actuator endpoint: the queue and send statistics and the effective configuration, with the
 * API key masked. Expose it like any endpoint, such as {@code management.endpoints.web.exposure.include=northstar}.
 *
 * @since 0.1.0
 */
@Endpoint(id = "northstar")
public final class NorthstarEndpoint {

	/** What is shown in place of the API key. */
	public static final String MASK = "******";

	private final Northstar client;

	private final NorthstarProperties properties;

	/**
	 * Creates the endpoint.
	 * @param client the client
	 * @param properties the properties
	 */
	public NorthstarEndpoint(Northstar client, NorthstarProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	/**
	 * Describes the configuration and the statistics.
	 * @return the description
	 */
	@ReadOperation
	public NorthstarDescriptor northstar() {
		NorthstarFlusher flusher = this.client.flusher().orElse(null);
		boolean enabled = this.client.isEnabled();
		ConfigurationDescriptor configuration = new ConfigurationDescriptor(enabled,
				enabled ? this.client.endpoint().toString() : null,
				StringUtils.hasText(this.properties.getApiKey()) ? MASK : null, this.properties.getProjectId(),
				this.properties.getProject(), this.properties.getEnvironment(),
				(flusher != null) ? flusher.batchSize() : this.properties.getBatchSize(),
				(flusher != null) ? flusher.maxBatchSize() : maxBatchSize(this.properties),
				(flusher != null) ? flusher.maxBatchBytes() : (int) this.properties.getMaxBatchBytes().toBytes(),
				(flusher != null) ? flusher.flushInterval() : this.properties.getFlushInterval(),
				this.properties.getMaxQueueSize(),
				(flusher != null) ? flusher.shutdownTimeout() : this.properties.getShutdownTimeout(),
				this.properties.isCaptureInputs(), this.properties.isCaptureOutputs(), this.client.captureOptions(),
				this.client.contentCapture().redactKeys(), this.client.contentCapture().maxContentSize());
		return new NorthstarDescriptor(configuration, (flusher != null) ? flusher.stats() : null);
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
	 * @param enabled whether tracing is on (enabled, with credentials)
	 * @param endpoint the ingest URL, while tracing is on
	 * @param apiKey {@value NorthstarEndpoint#MASK} when an API key is set
	 * @param projectId the project id
	 * @param project the project name
	 * @param environment the environment name
	 * @param batchSize the number of pending records that triggers a send
	 * @param maxBatchSize the most records in one batch
	 * @param maxBatchBytes the most bytes of one batch's JSON body, unless a single record is larger
	 * @param flushInterval the longest time between two sends
	 * @param maxQueueSize the most records pending at once
	 * @param shutdownTimeout the time the final drain may take
	 * @param captureInputs whether annotated methods record their arguments by default
	 * @param captureOutputs whether annotated methods record their results by default
	 * @param capture which typed events are captured
	 * @param redactKeys the keys whose values are redacted
	 * @param maxContentSize the largest captured content, in bytes
	 * @since 0.1.0
	 */
	public record ConfigurationDescriptor(boolean enabled, @Nullable String endpoint, @Nullable String apiKey,
			@Nullable String projectId, @Nullable String project, @Nullable String environment, int batchSize,
			int maxBatchSize, int maxBatchBytes, Duration flushInterval, int maxQueueSize, Duration shutdownTimeout,
			boolean captureInputs, boolean captureOutputs, CaptureOptions capture, Set<String> redactKeys,
			int maxContentSize) {
	}

}
