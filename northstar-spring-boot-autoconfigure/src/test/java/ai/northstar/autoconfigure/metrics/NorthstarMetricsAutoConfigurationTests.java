package ai.northstar.autoconfigure.metrics;

import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.metrics.NorthstarMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NorthstarMetricsAutoConfiguration}.
 */
class NorthstarMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(NorthstarAutoConfiguration.class, NorthstarMetricsAutoConfiguration.class))
		.withPropertyValues("northstar.api-key=ns_test", "northstar.endpoint=http://127.0.0.1:9/ingest");

	@Test
	void shouldBindTheMetersWhenARegistryExists() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(NorthstarMeterBinder.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("northstar.queue.size").gauge().value()).isZero();
				assertThat(registry.get("northstar.records.dropped").tag("reason", "queue_full").counter().count())
					.isZero();
			});
	}

	@Test
	void shouldBackOffWhenNoRegistryExists() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(NorthstarMeterBinder.class));
	}

	@Test
	void shouldBackOffWhenMicrometerIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NorthstarMeterBinder.class));
	}

	@Test
	void shouldUseTheUserBinderWhenDefined() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.withUserConfiguration(UserBinderConfiguration.class)
			.run((context) -> assertThat(context).getBean(NorthstarMeterBinder.class)
				.isSameAs(context.getBean("myBinder")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBinderConfiguration {

		@Bean
		NorthstarMeterBinder myBinder(ai.northstar.Northstar northstar) {
			return new NorthstarMeterBinder(northstar);
		}

	}

}
