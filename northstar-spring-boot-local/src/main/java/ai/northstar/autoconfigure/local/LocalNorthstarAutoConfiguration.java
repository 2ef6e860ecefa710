package ai.northstar.autoconfigure.local;

import ai.northstar.local.spring.LocalNorthstar;
import ai.northstar.local.spring.ReactiveViewerRoutes;
import ai.northstar.local.spring.ServletViewerRoutes;
import ai.northstar.local.viewer.ViewerPages;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local NorthStar's viewer on the application's own web server, at {@value ViewerPages#PATH}: Spring MVC or
 * WebFlux, whichever the application runs. The local NorthStar itself is started earlier, before any bean, by
 * {@link ai.northstar.local.spring.LocalNorthstarInitializer}; without it (an API key is configured) the viewer
 * says that traces go to the configured NorthStar.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@EnableConfigurationProperties(LocalNorthstarProperties.class)
public final class LocalNorthstarAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnWebApplication
	ViewerPages localNorthstarViewerPages(ObjectProvider<LocalNorthstar> localNorthstar) {
		LocalNorthstar local = localNorthstar.getIfAvailable();
		return new ViewerPages((local != null) ? local.store() : null);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
	static class ServletViewerConfiguration {

		@Bean
		org.springframework.web.servlet.function.RouterFunction<?> localNorthstarViewerRoutes(ViewerPages pages) {
			return ServletViewerRoutes.routes(pages);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
	static class ReactiveViewerConfiguration {

		@Bean
		org.springframework.web.reactive.function.server.RouterFunction<?> localNorthstarReactiveViewerRoutes(
				ViewerPages pages) {
			return ReactiveViewerRoutes.routes(pages);
		}

	}

}
