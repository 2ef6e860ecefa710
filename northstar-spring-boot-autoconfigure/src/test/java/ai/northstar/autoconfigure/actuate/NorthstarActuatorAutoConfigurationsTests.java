package ai.northstar.autoconfigure.actuate;

import java.time.Duration;

import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.spring.actuate.NorthstarEndpoint.ConfigurationDescriptor;
import ai.northstar.spring.actuate.NorthstarEndpoint.NorthstarDescriptor;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.spring.actuate.NorthstarHealthIndicator;
import ai.northstar.spring.actuate.NorthstarEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NorthstarHealthAutoConfiguration}, {@link NorthstarEndpointAutoConfiguration},
 * {@link NorthstarHealthIndicator} and {@link NorthstarEndpoint}.
 */
class NorthstarActuatorAutoConfigurationsTests {

	private static final String API_KEY = "ns_health_secret";

	private static LocalIngestServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(NorthstarAutoConfiguration.class, NorthstarHealthAutoConfiguration.class,
				NorthstarEndpointAutoConfiguration.class))
		.withPropertyValues("northstar.endpoint=" + server.ingestUri(), "northstar.flush-interval=1h",
				"northstar.request-timeout=5s", "management.endpoints.web.exposure.include=northstar");

	@BeforeAll
	static void startServer() {
		server = LocalIngestServer.builder().apiKey(API_KEY).build();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void shouldBeUnknownBeforeTheFirstSendAndUpAfterASuccessfulOne() {
		this.contextRunner.withPropertyValues("northstar.api-key=" + API_KEY).run((context) -> {
			NorthstarHealthIndicator indicator = context.getBean(NorthstarHealthIndicator.class);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
			Northstar client = context.getBean(Northstar.class);
			client.trace("health", () -> "ok");
			assertThat(client.flush(Duration.ofSeconds(10)).completed()).isTrue();
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("endpoint", "pending", "sent", "dropped", "lastSuccess")
				.doesNotContainKey("reason");
			assertThat(health.getDetails().get("sent")).as("the session and the run").isEqualTo(2L);
			assertThat(health.toString()).doesNotContain(API_KEY);
		});
	}

	@Test
	void shouldBeDownWithTheReasonWhenTheKeyIsRefused() {
		this.contextRunner.withPropertyValues("northstar.api-key=ns_revoked_key").run((context) -> {
			Northstar client = context.getBean(Northstar.class);
			client.trace("refused", () -> "ok");
			client.flush(Duration.ofSeconds(10));
			Health health = context.getBean(NorthstarHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) health.getDetails().get("reason")).contains("401");
			assertThat(health.toString()).doesNotContain("ns_revoked_key");
		});
	}

	@Test
	void shouldBeUnknownWhenTracingIsOff() {
		this.contextRunner.run((context) -> assertThat(context.getBean(NorthstarHealthIndicator.class).health())
			.satisfies((health) -> {
				assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
				assertThat(health.getDetails()).containsEntry("enabled", false);
			}));
	}

	@Test
	void shouldDescribeTheConfigurationWithTheKeyMaskedWhenTheEndpointIsRead() {
		this.contextRunner.withPropertyValues("northstar.api-key=" + API_KEY, "northstar.project=shop",
				"northstar.redact-keys=ssn", "northstar.batch-size=9",
				"northstar.max-batch-size=90", "northstar.max-batch-bytes=512KB")
			.run((context) -> {
				NorthstarDescriptor descriptor = context.getBean(NorthstarEndpoint.class).northstar();
				assertThat(descriptor.configuration().active()).isTrue();
				assertThat(descriptor.configuration().apiKey()).isEqualTo(NorthstarEndpoint.MASK);
				assertThat(descriptor.configuration().endpoint()).isEqualTo(server.ingestUri().toString());
				assertThat(descriptor.configuration().project()).isEqualTo("shop");
				assertThat(descriptor.configuration().delivery().batchSize()).isEqualTo(9);
				assertThat(descriptor.configuration().delivery().maxBatchSize()).isEqualTo(90);
				assertThat(descriptor.configuration().delivery().maxBatchBytes()).isEqualTo(512 * 1024);
				assertThat(descriptor.configuration().capture().redactKeys()).contains("ssn", "token");
				assertThat(descriptor.statistics()).isNotNull();
				assertThat(descriptor.statistics().pending()).isZero();
				assertThat(descriptor.toString()).doesNotContain(API_KEY);
			});
	}

	@Test
	void shouldDescribeEverySettingWhenTheEndpointIsRead() {
		this.contextRunner.withPropertyValues("northstar.api-key=" + API_KEY, "northstar.debug=true",
				"northstar.environment=prod", "northstar.connect-timeout=3s", "northstar.max-retention=7m",
				"northstar.shutdown-timeout=4s", "northstar.max-queue-size=321", "northstar.capture-inputs=false",
				"northstar.capture.reasoning=false", "northstar.max-content-size=8KB",
				"northstar.reactor-context-propagation=false")
			.run((context) -> {
				ConfigurationDescriptor configuration = context.getBean(NorthstarEndpoint.class)
					.northstar()
					.configuration();
				assertThat(configuration.active()).isTrue();
				assertThat(configuration.enabled()).isTrue();
				assertThat(configuration.debug()).isTrue();
				assertThat(configuration.environment()).isEqualTo("prod");
				assertThat(configuration.delivery().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(configuration.delivery().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(configuration.delivery().maxRetention()).isEqualTo(Duration.ofMinutes(7));
				assertThat(configuration.delivery().shutdownTimeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(configuration.delivery().flushInterval()).isEqualTo(Duration.ofHours(1));
				assertThat(configuration.delivery().maxQueueSize()).isEqualTo(321);
				assertThat(configuration.capture().inputs()).isFalse();
				assertThat(configuration.capture().outputs()).isTrue();
				assertThat(configuration.capture().events().reasoning()).isFalse();
				assertThat(configuration.capture().events().userInput()).isTrue();
				assertThat(configuration.capture().maxContentSize()).isEqualTo(8 * 1024);
				assertThat(configuration.contextPropagation().reactor()).isFalse();
				assertThat(configuration.contextPropagation().executors()).isTrue();
			});
	}

	@Test
	void shouldDescribeNoStatisticsWhenTracingIsOff() {
		this.contextRunner.run((context) -> {
			NorthstarDescriptor descriptor = context.getBean(NorthstarEndpoint.class).northstar();
			assertThat(descriptor.configuration().active()).isFalse();
			assertThat(descriptor.configuration().enabled()).isTrue();
			assertThat(descriptor.configuration().apiKey()).isNull();
			assertThat(descriptor.configuration().endpoint()).as("configured").isEqualTo(server.ingestUri().toString());
			assertThat(descriptor.statistics()).isNull();
		});
	}

	@Test
	void shouldDescribeTheConfiguredSettingsNotTheNoOpClientsWhenTracingIsOff() {
		this.contextRunner.withPropertyValues("northstar.enabled=false", "northstar.api-key=" + API_KEY,
				"northstar.capture.tool-results=true", "northstar.capture.reasoning=false",
				"northstar.redact-keys=iban", "northstar.max-retention=2m")
			.run((context) -> {
				ConfigurationDescriptor configuration = context.getBean(NorthstarEndpoint.class)
					.northstar()
					.configuration();
				assertThat(configuration.active()).isFalse();
				assertThat(configuration.enabled()).isFalse();
				assertThat(configuration.endpoint()).isEqualTo(server.ingestUri().toString());
				assertThat(configuration.apiKey()).isEqualTo(NorthstarEndpoint.MASK);
				assertThat(configuration.capture().events().toolResults()).isTrue();
				assertThat(configuration.capture().events().userInput()).isTrue();
				assertThat(configuration.capture().events().reasoning()).isFalse();
				assertThat(configuration.capture().redactKeys()).contains("iban", "password");
				assertThat(configuration.delivery().maxRetention()).isEqualTo(Duration.ofMinutes(2));
				assertThat(configuration.toString()).doesNotContain(API_KEY);
			});
	}

	@Test
	void shouldShowAnUnresolvedPlaceholderKeyAsItIsWhenTracingIsOffBecauseOfIt() {
		this.contextRunner.withPropertyValues("northstar.api-key=${NORTHSTAR_TEST_UNSET_KEY}")
			.run((context) -> {
				ConfigurationDescriptor configuration = context.getBean(NorthstarEndpoint.class)
					.northstar()
					.configuration();
				assertThat(configuration.active()).isFalse();
				assertThat(configuration.apiKey()).isEqualTo("${NORTHSTAR_TEST_UNSET_KEY}");
			});
	}

	@Test
	void shouldDescribeTheBatchLimitsFromThePropertiesWhenTracingIsOff() {
		this.contextRunner.withPropertyValues("northstar.batch-size=1500", "northstar.max-batch-bytes=2MB")
			.run((context) -> {
				NorthstarDescriptor descriptor = context.getBean(NorthstarEndpoint.class).northstar();
				assertThat(descriptor.configuration().active()).isFalse();
				assertThat(descriptor.configuration().delivery().batchSize()).isEqualTo(1500);
				assertThat(descriptor.configuration().delivery().maxBatchSize()).as("the core's default, raised to batch-size")
					.isEqualTo(1500);
				assertThat(descriptor.configuration().delivery().maxBatchBytes()).isEqualTo(2 * 1024 * 1024);
			});
		this.contextRunner.run((context) -> assertThat(context.getBean(NorthstarEndpoint.class).northstar())
			.extracting(NorthstarDescriptor::configuration)
			.satisfies((configuration) -> {
				assertThat(configuration.delivery().maxBatchSize()).isEqualTo(NorthstarFlusher.DEFAULT_MAX_BATCH_SIZE);
				assertThat(configuration.delivery().maxBatchBytes()).isEqualTo(NorthstarFlusher.DEFAULT_MAX_BATCH_BYTES);
			}));
	}

	@Test
	void shouldBackOffWhenTheHealthIndicatorIsDisabled() {
		this.contextRunner.withPropertyValues("management.health.northstar.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NorthstarHealthIndicator.class)
				.hasSingleBean(NorthstarEndpoint.class));
	}

	@Test
	void shouldBackOffWhenTheEndpointIsNotExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(NorthstarEndpoint.class)
				.hasSingleBean(NorthstarHealthIndicator.class));
	}

	@Test
	void shouldBackOffWhenActuatorIsAbsent() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class, Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Northstar.class)
				.doesNotHaveBean(NorthstarHealthIndicator.class)
				.doesNotHaveBean(NorthstarEndpoint.class));
	}

}
