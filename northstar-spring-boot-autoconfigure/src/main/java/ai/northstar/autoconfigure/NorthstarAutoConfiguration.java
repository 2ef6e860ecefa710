package ai.northstar.autoconfigure;

import java.util.function.Function;

import ai.northstar.ModelPricing;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.capture.ContentCapture;
import ai.northstar.internal.SdkLoggers;
import ai.northstar.spring.lifecycle.NorthstarFlusherLifecycle;
import ai.northstar.spring.logging.CommonsSystemLogger;
import ai.northstar.transport.IngestTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the {@link Northstar} client: where it sends ({@link NorthstarConnectionDetails}), its
 * content capture, its transport (a {@code WebClient} one when WebFlux is on the class path, else the JDK one), its
 * background {@link NorthstarFlusher}, and the {@link NorthstarFlusherLifecycle} that starts and stops it with the
 * context. {@link NorthstarBuilderCustomizer} and {@link NorthstarFlusherCustomizer} beans adjust the builders.
 * <p>
 * Tracing is on when {@link OnNorthstarActiveCondition} says so. Otherwise the client is {@link Northstar#noop()}:
 * injection points keep working, nothing is traced and no thread starts; when tracing is enabled but the key or the
 * endpoint is missing, one warning says what to set.
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

	/** The SDK logs where the application does: lines logged while the JVM exits are kept too. */
	private static final Function<String, System.Logger> SDK_LOGGERS = CommonsSystemLogger::new;

	NorthstarAutoConfiguration() {
		// Before any client exists, and whichever bean the application defines for it.
		SdkLoggers.routeTo(SDK_LOGGERS);
	}

	@Bean
	@ConditionalOnMissingBean(NorthstarConnectionDetails.class)
	@Conditional(OnNorthstarActiveCondition.class)
	NorthstarConnectionDetails northstarConnectionDetails(NorthstarProperties properties) {
		return new PropertiesNorthstarConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	ContentCapture northstarContentCapture(NorthstarProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
		ContentCapture.Builder builder = ContentCapture.builder()
			.redactKeys(properties.getRedactKeys())
			.maxContentSize((int) properties.getMaxContentSize().toBytes());
		JsonMapper mapper = jsonMapper.getIfUnique();
		if (mapper != null) {
			builder.objectConverter(ContentCapture.boundedConverter(mapper));
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	Northstar northstar(NorthstarProperties properties, ContentCapture contentCapture,
			ObjectProvider<NorthstarConnectionDetails> connectionDetails, ObjectProvider<IngestTransport> transport,
			ObjectProvider<ModelPricing> pricing, ObjectProvider<NorthstarBuilderCustomizer> customizers) {
		NorthstarConnectionDetails connection = connectionDetails.getIfAvailable();
		if (!properties.isEnabled()) {
			return Northstar.noop();
		}
		if (connection == null) {
			logger.warn(NorthstarSettings.missingCredentialsMessage(properties));
			return Northstar.noop();
		}
		Northstar.Builder builder = Northstar.builder()
			.apiKey(connection.apiKey())
			.endpoint(connection.ingestUri())
			.project(properties.getProject())
			.environment(properties.getEnvironment())
			.capture(properties.getCapture().toCaptureOptions())
			.contentCapture(contentCapture)
			.connectTimeout(properties.getConnectTimeout())
			.requestTimeout(properties.getRequestTimeout())
			.maxQueueSize(properties.getMaxQueueSize())
			.debug(properties.isDebug());
		transport.ifAvailable(builder::transport);
		pricing.ifAvailable(builder::pricing);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		Northstar client = builder.build();
		if (properties.isDebug()) {
			logger.info("NorthStar tracing to " + client.endpoint() + " (batch-size=" + properties.getBatchSize()
					+ ", flush-interval=" + properties.getFlushInterval() + ", max-queue-size="
					+ properties.getMaxQueueSize() + ", max-retention=" + properties.getMaxRetention() + ", capture="
					+ client.captureOptions() + ")");
		}
		return client;
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnNorthstarActiveCondition.class)
	NorthstarFlusher northstarFlusher(Northstar northstar, NorthstarProperties properties,
			ObjectProvider<NorthstarFlusherCustomizer> customizers) {
		NorthstarFlusher.Builder builder = NorthstarFlusher.builder(northstar)
			.batchSize(properties.getBatchSize())
			.maxBatchBytes((int) properties.getMaxBatchBytes().toBytes())
			.flushInterval(properties.getFlushInterval())
			.shutdownTimeout(properties.getShutdownTimeout())
			.maxRetention(properties.getMaxRetention())
			// The application context closes it, in its own shutdown order.
			.registerShutdownHook(false);
		if (properties.getMaxBatchSize() != null) {
			builder.maxBatchSize(properties.getMaxBatchSize());
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	NorthstarFlusherLifecycle northstarFlusherLifecycle(Northstar northstar, ObjectProvider<NorthstarFlusher> flusher) {
		return new NorthstarFlusherLifecycle(northstar, northstar.isEnabled() ? flusher.getIfAvailable() : null);
	}

}
