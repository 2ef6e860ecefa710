package ai.northstar.autoconfigure.prompt;

import ai.northstar.Northstar;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.autoconfigure.NorthstarBuilderCustomizer;
import ai.northstar.autoconfigure.NorthstarConnectionDetails;
import ai.northstar.autoconfigure.NorthstarProperties;
import ai.northstar.autoconfigure.OnNorthstarActiveCondition;
import ai.northstar.prompt.Prompts;
import ai.northstar.spring.transport.WebClientIngestTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of NorthStar prompts: a {@link Prompts} bean, with the {@code northstar.prompts.*} settings
 * ({@link NorthstarPromptsProperties}). While tracing is on, it is the auto-configured client's own
 * {@link Northstar#prompts()}, whose builder gets the settings (and, when WebFlux is on the class path, a
 * {@code WebClient} transport built from Boot's {@code WebClient.Builder}, like the ingest one); a client defined by
 * the application keeps its own settings. With tracing off it serves the fallback files of
 * {@code northstar.prompts.fallback-location} and asks NorthStar nothing.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NorthstarAutoConfiguration.class)
@ConditionalOnBean(Northstar.class)
@EnableConfigurationProperties(NorthstarPromptsProperties.class)
public final class NorthstarPromptsAutoConfiguration {

	@Bean
	@Conditional(OnNorthstarActiveCondition.class)
	NorthstarBuilderCustomizer northstarPromptsBuilderCustomizer(NorthstarPromptsProperties properties) {
		return (builder) -> builder.promptCacheTtl(properties.getCacheTtl())
			.promptFallbackLocation(properties.getFallbackLocation());
	}

	@Bean
	@ConditionalOnMissingBean
	Prompts northstarPrompts(Northstar northstar, NorthstarPromptsProperties properties) {
		if (northstar.isEnabled()) {
			return northstar.prompts();
		}
		// A disabled client asks NorthStar nothing: only the fallback files, from the configured location.
		return Prompts.builder(northstar)
			.cacheTtl(properties.getCacheTtl())
			.fallbackLocation(properties.getFallbackLocation())
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClient.class)
	@Conditional(OnNorthstarActiveCondition.class)
	static class WebClientPromptTransportConfiguration {

		@Bean
		NorthstarBuilderCustomizer northstarPromptsWebClientCustomizer(NorthstarConnectionDetails connection,
				NorthstarProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder) {
			return (builder) -> builder.promptTransport(
					WebClientIngestTransport.builder(webClientBuilder.getIfAvailable(WebClient::builder))
						.endpoint(Prompts.resolveUri(connection.ingestUri()))
						.apiKey(connection.apiKey())
						.requestTimeout(properties.getRequestTimeout())
						.build());
		}

	}

}
