package ai.northstar.autoconfigure;

import ai.northstar.spring.transport.WebClientIngestTransport;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.JdkHttpIngestTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@link IngestTransport} configurations, imported in order by {@link NorthstarAutoConfiguration}: the WebClient
 * one when WebFlux is on the class path, else the JDK one. Only while tracing is on.
 */
final class NorthstarTransportConfigurations {

	private NorthstarTransportConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClient.class)
	@Conditional(OnNorthstarActiveCondition.class)
	static class WebClientTransportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IngestTransport northstarIngestTransport(NorthstarProperties properties, NorthstarConnectionDetails connection,
				ObjectProvider<WebClient.Builder> webClientBuilder) {
			return WebClientIngestTransport.builder(webClientBuilder.getIfAvailable(WebClient::builder))
				.endpoint(connection.ingestUri())
				.apiKey(connection.apiKey())
				.requestTimeout(properties.getRequestTimeout())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnNorthstarActiveCondition.class)
	static class JdkTransportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IngestTransport northstarIngestTransport(NorthstarProperties properties, NorthstarConnectionDetails connection) {
			return JdkHttpIngestTransport.builder()
				.endpoint(connection.ingestUri())
				.apiKey(connection.apiKey())
				.connectTimeout(properties.getConnectTimeout())
				.requestTimeout(properties.getRequestTimeout())
				.build();
		}

	}

}
