package ai.northstar.autoconfigure.actuate;

import ai.northstar.Northstar;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.autoconfigure.NorthstarConnectionDetails;
import ai.northstar.autoconfigure.NorthstarProperties;
import ai.northstar.capture.ContentCapture;
import ai.northstar.spring.actuate.NorthstarEndpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code northstar} Actuator {@link NorthstarEndpoint endpoint}, when Actuator is on the
 * class path and the endpoint is available (exposed, such as with
 * {@code management.endpoints.web.exposure.include=northstar}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NorthstarAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(Northstar.class)
public final class NorthstarEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	NorthstarEndpoint northstarEndpoint(Northstar northstar, NorthstarProperties properties,
			ObjectProvider<NorthstarConnectionDetails> connectionDetails, ContentCapture contentCapture) {
		return new NorthstarEndpoint(northstar, properties, connectionDetails.getIfAvailable(), contentCapture);
	}

}
