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
	 * Returns whether an API key and either a project id or an endpoint are set. A key that is blank, or still an
	 * unresolved placeholder such as {@code ${NORTHSTAR_API_KEY}} (the variable was not set), is not a key.
	 */
	static boolean hasCredentials(NorthstarProperties properties) {
		return isKey(properties.getApiKey())
				&& (StringUtils.hasText(properties.getProjectId()) || StringUtils.hasText(properties.getEndpoint()));
	}

	/**
	 * The one rule of whether tracing is on: enabled, and either connection details defined by the application or
	 * credentials in the properties.
	 */
	static boolean isActive(NorthstarProperties properties, boolean connectionDetailsDefined) {
		return properties.isEnabled() && (connectionDetailsDefined || hasCredentials(properties));
	}

	/** Whether the text is usable as an API key: not blank, and not an unresolved {@code ${...}} placeholder. */
	static boolean isKey(@Nullable String apiKey) {
		return StringUtils.hasText(apiKey) && !isPlaceholder(apiKey);
	}

	private static boolean isPlaceholder(String value) {
		String text = value.strip();
		return text.startsWith("${") && text.endsWith("}");
	}

	/**
	 * Returns the one line logged when tracing is enabled but cannot send: what is missing, and how to set it.
	 */
	static String missingCredentialsMessage(NorthstarProperties properties) {
		String apiKey = properties.getApiKey();
		if (apiKey != null && isPlaceholder(apiKey)) {
			return "NorthStar tracing is off: northstar.api-key is the unresolved placeholder '" + apiKey.strip()
					+ "' (the variable is not set). Set the variable, or write the default-empty form ${NORTHSTAR_API_KEY:}"
					+ " so that an unset key turns tracing off without this warning's confusion";
		}
		return "NorthStar tracing is off: set northstar.api-key (NORTHSTAR_API_KEY) and northstar.project-id"
				+ " (NORTHSTAR_PROJECT_ID) or northstar.endpoint to send traces";
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
		requirePositive("max-retention", properties.getMaxRetention());
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
			throw invalid("endpoint", endpoint,
					"must be an absolute http(s) URL (with a port, if any, from 1 to 65535)");
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
