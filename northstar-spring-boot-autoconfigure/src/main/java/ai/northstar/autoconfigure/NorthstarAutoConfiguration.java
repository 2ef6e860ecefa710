package ai.northstar.autoconfigure;

import ai.northstar.ModelPricing;
import ai.northstar.Northstar;
import ai.northstar.capture.ContentCapture;
import ai.northstar.transport.IngestTransport;
import ai.northstar.spring.lifecycle.NorthstarFlusherLifecycle;
import ai.northstar.spring.transport.WebClientIngestTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the {@link Northstar} client: its content capture, its transport (a
 * {@link WebClientIngestTransport} when WebFlux is on the class path, else the JDK one) and its background flusher,
 * run by a {@link NorthstarFlusherLifecycle}.
 * <p>
 * With {@code northstar.enabled=false}, or without an API key and a project id (or endpoint), the client is
 * {@link Northstar#noop()}: injection points keep working, nothing is traced and no thread starts.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@EnableConfigurationProperties(NorthstarProperties.class)
@Import({ NorthstarTransportConfigurations.WebClientTransportConfiguration.class,
		NorthstarTransportConfigurations.JdkTransportConfiguration.class })
public final class NorthstarAutoConfiguration {

	private static final Log logger = LogFactory.getLog(NorthstarAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ContentCapture northstarContentCapture(NorthstarProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
		ContentCapture.Builder builder = ContentCapture.builder()
			.redactKeys(properties.getRedactKeys())
			.maxContentSize((int) properties.getMaxContentSize().toBytes());
		JsonMapper mapper = jsonMapper.getIfUnique();
		if (mapper != null) {
			builder.objectConverter(mapper::valueToTree);
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	Northstar northstar(NorthstarProperties properties, ContentCapture contentCapture,
			ObjectProvider<IngestTransport> transport, ObjectProvider<ModelPricing> pricing) {
		if (!properties.isEnabled()) {
			return Northstar.noop();
		}
		if (!NorthstarSettings.hasCredentials(properties)) {
			logger.warn("NorthStar tracing is off: set northstar.api-key (NORTHSTAR_API_KEY) and northstar.project-id"
					+ " (NORTHSTAR_PROJECT_ID) or northstar.endpoint to send traces");
			return Northstar.noop();
		}
		Northstar.Builder builder = Northstar.builder()
			.apiKey(properties.getApiKey())
			.endpoint(NorthstarSettings.ingestUri(properties))
			.project(properties.getProject())
			.environment(properties.getEnvironment())
			.capture(properties.getCapture().toCaptureOptions())
			.contentCapture(contentCapture)
			.connectTimeout(properties.getConnectTimeout())
			.requestTimeout(properties.getRequestTimeout())
			.maxQueueSize(properties.getMaxQueueSize());
		transport.ifAvailable(builder::transport);
		pricing.ifAvailable(builder::pricing);
		Northstar client = builder.build();
		if (properties.isDebug()) {
			logger.info("NorthStar tracing to " + client.endpoint() + " (batch-size=" + properties.getBatchSize()
					+ ", flush-interval=" + properties.getFlushInterval() + ", max-queue-size="
					+ properties.getMaxQueueSize() + ", capture=" + client.captureOptions() + ")");
		}
		return client;
	}

	@Bean
	@ConditionalOnMissingBean
	NorthstarFlusherLifecycle northstarFlusherLifecycle(Northstar northstar, NorthstarProperties properties) {
		return new NorthstarFlusherLifecycle(northstar, properties.getBatchSize(), properties.getMaxBatchSize(),
				(int) properties.getMaxBatchBytes().toBytes(), properties.getFlushInterval(),
				properties.getShutdownTimeout());
	}

}
