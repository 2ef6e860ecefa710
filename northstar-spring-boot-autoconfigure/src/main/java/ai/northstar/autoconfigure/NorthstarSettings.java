package ai.northstar.autoconfigure;

import java.net.URI;
import java.time.Duration;

import ai.northstar.Northstar;
import ai.northstar.capture.ContentCapture;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Checks {@link NorthstarProperties} and derives what the beans need from them. Every failure is an
 * {@link InvalidConfigurationPropertyValueException} naming the property, which Boot's failure analyzer reports.
 */
final class NorthstarSettings {

	static final String PREFIX = "northstar.";

	private NorthstarSettings() {
	}

	/**
	 * Returns whether an API key and either a project id or an endpoint are set.
	 */
	static boolean hasCredentials(NorthstarProperties properties) {
		return StringUtils.hasText(properties.getApiKey())
				&& (StringUtils.hasText(properties.getProjectId()) || StringUtils.hasText(properties.getEndpoint()));
	}

	/**
	 * Returns whether tracing is on: enabled, with credentials.
	 */
	static boolean isActive(NorthstarProperties properties) {
		return properties.isEnabled() && hasCredentials(properties);
	}

	/**
	 * Fails on values the client cannot work with.
	 */
	static void validate(NorthstarProperties properties) {
		requirePositive("batch-size", properties.getBatchSize());
		Integer maxBatchSize = properties.getMaxBatchSize();
		if (maxBatchSize != null) {
			requirePositive("max-batch-size", maxBatchSize);
			if (maxBatchSize < properties.getBatchSize()) {
				throw invalid("max-batch-size", maxBatchSize,
						"must be greater than or equal to batch-size (" + properties.getBatchSize() + ")");
			}
		}
		requireIntBytes("max-batch-bytes", properties.getMaxBatchBytes());
		requirePositive("max-queue-size", properties.getMaxQueueSize());
		requirePositive("flush-interval", properties.getFlushInterval());
		requirePositive("shutdown-timeout", properties.getShutdownTimeout());
		requirePositive("connect-timeout", properties.getConnectTimeout());
		requirePositive("request-timeout", properties.getRequestTimeout());
		requireIntBytes("max-content-size", properties.getMaxContentSize());
		try {
			// The core's rule: a key made only of separators would match every key
			ContentCapture.builder().redactKeys(properties.getRedactKeys());
		}
		catch (IllegalArgumentException ex) {
			throw invalid("redact-keys", properties.getRedactKeys(), ex.getMessage());
		}
		if (StringUtils.hasText(properties.getProjectId())) {
			projectUri(properties.getProjectId());
		}
		if (StringUtils.hasText(properties.getEndpoint())) {
			endpointUri(properties.getEndpoint());
		}
	}

	/**
	 * Returns the ingest URL: the endpoint when set, else the one derived from the project id.
	 */
	static URI ingestUri(NorthstarProperties properties) {
		String endpoint = properties.getEndpoint();
		if (StringUtils.hasText(endpoint)) {
			return endpointUri(endpoint);
		}
		String projectId = properties.getProjectId();
		if (!StringUtils.hasText(projectId)) {
			throw invalid("project-id", projectId, "a project id or an endpoint is required");
		}
		return projectUri(projectId);
	}

	private static URI projectUri(String projectId) {
		try {
			return Northstar.ingestUri(projectId);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("project-id", projectId, "must be lower-case letters and digits ([a-z0-9]+)");
		}
	}

	private static URI endpointUri(String endpoint) {
		try {
			return Northstar.endpointUri(endpoint);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("endpoint", endpoint, "must be an absolute http(s) URL");
		}
	}

	private static void requirePositive(String name, int value) {
		if (value <= 0) {
			throw invalid(name, value, "must be greater than 0");
		}
	}

	private static void requirePositive(String name, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw invalid(name, value, "must be a positive duration");
		}
	}

	private static void requireIntBytes(String name, @Nullable DataSize value) {
		if (value == null || value.toBytes() <= 0 || value.toBytes() > Integer.MAX_VALUE) {
			throw invalid(name, value, "must be greater than 0 and at most 2GB");
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, @Nullable Object value,
			String reason) {
		return new InvalidConfigurationPropertyValueException(PREFIX + name, value, reason);
	}

}
