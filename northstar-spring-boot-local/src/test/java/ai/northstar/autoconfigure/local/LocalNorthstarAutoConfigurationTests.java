package ai.northstar.autoconfigure.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import ai.northstar.local.viewer.ViewerPages;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalNorthstarAutoConfiguration}.
 */
class LocalNorthstarAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations
		.of(LocalNorthstarAutoConfiguration.class);

	@Test
	void shouldRouteTheViewerOnSpringMvcWhenTheApplicationIsAServletOne() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run((context) -> {
			assertThat(context).hasSingleBean(ViewerPages.class).hasBean("localNorthstarViewerRoutes");
			assertThat(context).doesNotHaveBean("localNorthstarReactiveViewerRoutes");
			assertThat(context.getBean(ViewerPages.class).handle("/northstar", java.util.Map.of()).bodyAsString())
				.contains("The local NorthStar is off");
		});
	}

	@Test
	void shouldRouteTheViewerOnWebFluxWhenTheApplicationIsAReactiveOne() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run((context) -> {
			assertThat(context).hasBean("localNorthstarReactiveViewerRoutes");
			assertThat(context).doesNotHaveBean("localNorthstarViewerRoutes");
		});
	}

	@Test
	void shouldDefineNoViewerWhenTheApplicationHasNoWebServer() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean(ViewerPages.class)
				.hasSingleBean(LocalNorthstarProperties.class));
	}

	@Test
	void shouldBackOffWhenTheApplicationDefinesItsOwnViewer() {
		ViewerPages own = new ViewerPages(null);
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withBean(ViewerPages.class, () -> own)
			.run((context) -> assertThat(context.getBean(ViewerPages.class)).isSameAs(own));
	}

	@Test
	void shouldDefineNoMvcRoutesWhenSpringMvcIsMissing() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withClassLoader(new FilteredClassLoader("org.springframework.web.servlet.function"))
			.run((context) -> assertThat(context).doesNotHaveBean("localNorthstarViewerRoutes"));
	}

	@Test
	void shouldBeListedInTheAutoConfigurationImports() throws IOException {
		String imports = new ClassPathResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(imports.lines().map(String::trim).toList())
			.isEqualTo(List.of(LocalNorthstarAutoConfiguration.class.getName()));
		String factories = new ClassPathResource("META-INF/spring.factories").getContentAsString(StandardCharsets.UTF_8);
		assertThat(factories).contains("ai.northstar.local.spring.LocalNorthstarInitializer");
	}

}
