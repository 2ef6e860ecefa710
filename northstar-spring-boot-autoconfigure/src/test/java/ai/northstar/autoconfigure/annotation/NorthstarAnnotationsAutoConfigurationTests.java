package ai.northstar.autoconfigure.annotation;

import java.util.List;

import ai.northstar.Northstar;
import ai.northstar.annotation.NorthstarTrace;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.spring.aop.NorthstarAspect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NorthstarAnnotationsAutoConfiguration}.
 */
class NorthstarAnnotationsAutoConfigurationTests {

	private static LocalIngestServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, NorthstarAutoConfiguration.class,
				NorthstarAnnotationsAutoConfiguration.class))
		.withUserConfiguration(GreeterConfiguration.class)
		.withPropertyValues("northstar.api-key=ns_test", "northstar.endpoint=" + server.ingestUri(),
				"northstar.flush-interval=1h");

	@BeforeAll
	static void startServer() {
		server = LocalIngestServer.create();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void clearStore() {
		server.store().clear();
	}

	@Test
	void shouldTraceAnnotatedBeansWhenAspectJIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(NorthstarAspect.class);
			assertThat(context.getBean(Greeter.class).greet("Ada")).isEqualTo("Hello Ada");
			context.getBean(Northstar.class).flush();
			StoredRun run = server.store().runs().get(0);
			assertThat(run.name()).isEqualTo("greet");
			assertThat(server.store().eventsOf(run.id())).extracting(StoredEvent::type)
				.containsExactlyInAnyOrder("user_input", "final_response");
		});
	}

	@Test
	void shouldNotCaptureArgumentsOrResultsWhenThePropertiesSaySo() {
		this.contextRunner.withPropertyValues("northstar.capture-inputs=false", "northstar.capture-outputs=false")
			.run((context) -> {
				context.getBean(Greeter.class).greet("Ada");
				context.getBean(Northstar.class).flush();
				List<StoredRun> runs = server.store().runs();
				assertThat(runs).hasSize(1);
				assertThat(server.store().eventsOf(runs.get(0).id())).isEmpty();
			});
	}

	@Test
	void shouldBackOffWhenAspectJIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.aspectj"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NorthstarAspect.class));
	}

	@Test
	void shouldUseTheUserAspectWhenDefined() {
		this.contextRunner.withUserConfiguration(UserAspectConfiguration.class)
			.run((context) -> assertThat(context).getBean(NorthstarAspect.class)
				.isSameAs(context.getBean("myAspect")));
	}

	@Configuration(proxyBeanMethods = false)
	static class GreeterConfiguration {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserAspectConfiguration {

		@Bean
		NorthstarAspect myAspect(Northstar northstar) {
			return NorthstarAspect.create(northstar);
		}

	}

	static class Greeter {

		@NorthstarTrace
		public String greet(String name) {
			return "Hello " + name;
		}

	}

}
