package ai.northstar.autoconfigure;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.northstar.CaptureOptions;
import ai.northstar.ModelPricing;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.Run;
import ai.northstar.SpanKind;
import ai.northstar.spring.transport.WebClientIngestTransport;
import ai.northstar.capture.ContentCapture;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredSession;
import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.JdkHttpIngestTransport;
import ai.northstar.spring.lifecycle.NorthstarFlusherLifecycle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NorthstarAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class NorthstarAutoConfigurationTests {

	private static LocalIngestServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NorthstarAutoConfiguration.class));

	@BeforeAll
	static void startServer() {
		server = LocalIngestServer.create();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private String[] credentials() {
		return new String[] { "northstar.api-key=ns_test", "northstar.endpoint=" + server.ingestUri() };
	}

	@Test
	void shouldUseCoreDefaultsWhenNothingIsSet() {
		NorthstarProperties properties = new NorthstarProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.isDebug()).isFalse();
		assertThat(properties.isCaptureInputs()).isTrue();
		assertThat(properties.isCaptureOutputs()).isTrue();
		assertThat(properties.getRedactKeys()).isEmpty();
		assertThat(properties.getBatchSize()).isEqualTo(NorthstarFlusher.DEFAULT_BATCH_SIZE);
		assertThat(properties.getMaxBatchSize()).isNull();
		assertThat(properties.getMaxBatchBytes().toBytes()).isEqualTo(NorthstarFlusher.DEFAULT_MAX_BATCH_BYTES);
		assertThat(properties.getFlushInterval()).isEqualTo(NorthstarFlusher.DEFAULT_FLUSH_INTERVAL);
		assertThat(properties.getShutdownTimeout()).isEqualTo(NorthstarFlusher.DEFAULT_SHUTDOWN_TIMEOUT);
		assertThat(properties.getMaxQueueSize()).isEqualTo(Northstar.DEFAULT_MAX_QUEUE_SIZE);
		assertThat(properties.getMaxContentSize().toBytes()).isEqualTo(ContentCapture.DEFAULT_MAX_CONTENT_SIZE);
		assertThat(properties.getConnectTimeout()).isEqualTo(Northstar.DEFAULT_CONNECT_TIMEOUT);
		assertThat(properties.getRequestTimeout()).isEqualTo(Northstar.DEFAULT_REQUEST_TIMEOUT);
		assertThat(properties.getCapture().toCaptureOptions()).isEqualTo(CaptureOptions.all());
		assertThat(properties.isReactorContextPropagation()).isTrue();
	}

	@Test
	void shouldBindEveryPropertyWhenSet() {
		this.contextRunner.withPropertyValues("northstar.enabled=true", "northstar.api-key=ns_key",
				"northstar.project-id=abc123", "northstar.endpoint=http://127.0.0.1:9/ingest/",
				"northstar.project=shop", "northstar.environment=staging", "northstar.debug=true",
				"northstar.capture-inputs=false", "northstar.capture-outputs=false", "northstar.redact-keys=ssn,iban",
				"northstar.batch-size=7", "northstar.max-batch-size=70", "northstar.max-batch-bytes=256KB",
				"northstar.flush-interval=250ms", "northstar.max-queue-size=99",
				"northstar.shutdown-timeout=3s", "northstar.max-content-size=2KB", "northstar.connect-timeout=1s",
				"northstar.request-timeout=2s", "northstar.capture.user-input=false",
				"northstar.capture.system-messages=false", "northstar.capture.assistant-messages=false",
				"northstar.capture.reasoning=false", "northstar.capture.tool-arguments=false",
				"northstar.capture.tool-results=false", "northstar.capture.final-response=false",
				"northstar.reactor-context-propagation=false")
			.run((context) -> {
				NorthstarProperties properties = context.getBean(NorthstarProperties.class);
				assertThat(properties.getApiKey()).isEqualTo("ns_key");
				assertThat(properties.getProjectId()).isEqualTo("abc123");
				assertThat(properties.getProject()).isEqualTo("shop");
				assertThat(properties.getEnvironment()).isEqualTo("staging");
				assertThat(properties.isDebug()).isTrue();
				assertThat(properties.isCaptureInputs()).isFalse();
				assertThat(properties.isCaptureOutputs()).isFalse();
				assertThat(properties.getRedactKeys()).containsExactly("ssn", "iban");
				assertThat(properties.getMaxQueueSize()).isEqualTo(99);
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.getRequestTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.isReactorContextPropagation()).isFalse();
				Northstar client = context.getBean(Northstar.class);
				assertThat(client.isEnabled()).isTrue();
				assertThat(client.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9/ingest"));
				assertThat(client.captureOptions()).isEqualTo(CaptureOptions.none());
				assertThat(client.contentCapture().redactKeys()).contains("ssn", "iban", "password");
				assertThat(client.contentCapture().maxContentSize()).isEqualTo(2048);
				NorthstarFlusher flusher = context.getBean(NorthstarFlusherLifecycle.class).flusher().orElseThrow();
				assertThat(flusher.batchSize()).isEqualTo(7);
				assertThat(flusher.maxBatchSize()).isEqualTo(70);
				assertThat(flusher.maxBatchBytes()).isEqualTo(256 * 1024);
				assertThat(flusher.flushInterval()).isEqualTo(Duration.ofMillis(250));
				assertThat(flusher.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(flusher.stats().maxQueueSize()).isEqualTo(99);
			});
	}

	@Test
	void shouldDescribeReactorContextPropagationWhenTheMetadataIsGenerated() throws Exception {
		Path classes = Path.of(NorthstarProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		JsonNode metadata = JsonMapper.shared()
			.readTree(Files.readString(classes.resolve("META-INF/spring-configuration-metadata.json")));
		assertThat(metadata.get("properties").valueStream()
			.filter((property) -> property.get("name").asString().equals("northstar.reactor-context-propagation")))
			.singleElement()
			.satisfies((property) -> {
				assertThat(property.get("type").asString()).isEqualTo("java.lang.Boolean");
				assertThat(property.get("defaultValue").asBoolean()).isTrue();
				assertThat(property.get("description").asString()).contains("spring.reactor.context-propagation=auto");
			});
	}

	@Test
	void shouldDescribeEveryPropertyWithTheDefaultsAnIdeShowsWhenTheMetadataIsGenerated() throws Exception {
		Path classes = Path.of(NorthstarProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		JsonNode metadata = JsonMapper.shared()
			.readTree(Files.readString(classes.resolve("META-INF/spring-configuration-metadata.json")));
		Map<String, JsonNode> properties = new java.util.HashMap<>();
		metadata.get("properties").valueStream().forEach((property) -> properties.put(property.get("name").asString(),
				property));
		assertThat(properties.get("northstar.max-batch-size").get("defaultValue").asInt()).isEqualTo(NorthstarFlusher.DEFAULT_MAX_BATCH_SIZE);
		JsonNode health = properties.get("management.health.northstar.enabled");
		assertThat(health.get("type").asString()).isEqualTo("java.lang.Boolean");
		assertThat(health.get("defaultValue").asBoolean()).isTrue();
		assertThat(health.get("description").asString()).contains("show-details");
		assertThat(properties.get("northstar.executor-context-propagation").get("defaultValue").asBoolean()).isTrue();
		assertThat(properties.values()).filteredOn((property) -> property.get("name").asString().startsWith("northstar."))
			.allSatisfy((property) -> assertThat(property.path("description").asString(""))
				.as(property.get("name").asString())
				.isNotBlank());
	}

	@Test
	void shouldBindEnvironmentVariablesWhenSetInTheEnvironment() {
		Map<String, Object> environment = Map.of("NORTHSTAR_API_KEY", "ns_env", "NORTHSTAR_PROJECT_ID", "abc123",
				"NORTHSTAR_PROJECT", "shop", "NORTHSTAR_ENVIRONMENT", "production", "NORTHSTAR_BATCH_SIZE", "11",
				"NORTHSTAR_MAX_BATCH_SIZE", "110", "NORTHSTAR_MAX_BATCH_BYTES", "2MB", "NORTHSTAR_REDACT_KEYS",
				"ssn,iban", "NORTHSTAR_CAPTURE_TOOL_RESULTS", "false");
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", environment)))
			.run((context) -> {
				NorthstarProperties properties = context.getBean(NorthstarProperties.class);
				assertThat(properties.getApiKey()).isEqualTo("ns_env");
				assertThat(properties.getProjectId()).isEqualTo("abc123");
				assertThat(properties.getProject()).isEqualTo("shop");
				assertThat(properties.getEnvironment()).isEqualTo("production");
				assertThat(properties.getBatchSize()).isEqualTo(11);
				assertThat(properties.getMaxBatchSize()).isEqualTo(110);
				assertThat(properties.getMaxBatchBytes()).isEqualTo(DataSize.ofMegabytes(2));
				assertThat(properties.getRedactKeys()).containsExactly("ssn", "iban");
				assertThat(properties.getCapture().isToolResults()).isFalse();
				Northstar client = context.getBean(Northstar.class);
				assertThat(client.isEnabled()).isTrue();
				assertThat(client.endpoint()).isEqualTo(Northstar.ingestUri("abc123"));
			});
	}

	@Test
	void shouldProvideAnEnabledClientWithAllCaptureFlagsWhenCredentialsAreSet() {
		this.contextRunner.withPropertyValues(credentials()).run((context) -> {
			Northstar client = context.getBean(Northstar.class);
			assertThat(client.isEnabled()).isTrue();
			assertThat(client.captureOptions()).isEqualTo(CaptureOptions.all());
			assertThat(client.endpoint()).isEqualTo(server.ingestUri());
			assertThat(context.getBean(NorthstarFlusherLifecycle.class).isRunning()).isTrue();
			assertThat(client.flusher()).isPresent().get().matches(NorthstarFlusher::isRunning);
		});
	}

	@Test
	void shouldUseTheCoreBatchLimitsWhenTheyAreNotSet() {
		this.contextRunner.withPropertyValues(credentials()).run((context) -> {
			NorthstarFlusher flusher = context.getBean(NorthstarFlusherLifecycle.class).flusher().orElseThrow();
			assertThat(flusher.batchSize()).isEqualTo(NorthstarFlusher.DEFAULT_BATCH_SIZE);
			assertThat(flusher.maxBatchSize()).isEqualTo(NorthstarFlusher.DEFAULT_MAX_BATCH_SIZE);
			assertThat(flusher.maxBatchBytes()).isEqualTo(NorthstarFlusher.DEFAULT_MAX_BATCH_BYTES);
		});
	}

	@Test
	void shouldRaiseTheDefaultMaxBatchSizeToTheBatchSizeWhenTheBatchSizeIsLarger() {
		this.contextRunner.withPropertyValues(credentials())
			.withPropertyValues("northstar.batch-size=1200")
			.run((context) -> assertThat(context.getBean(NorthstarFlusherLifecycle.class).flusher().orElseThrow())
				.satisfies((flusher) -> {
					assertThat(flusher.batchSize()).isEqualTo(1200);
					assertThat(flusher.maxBatchSize()).isEqualTo(1200);
				}));
	}

	@Test
	void shouldProvideANoopClientWithoutFlusherWhenDisabled(CapturedOutput output) {
		this.contextRunner.withPropertyValues("northstar.enabled=false", "northstar.api-key=ns_test",
				"northstar.project-id=abc123")
			.run((context) -> {
				Northstar client = context.getBean(Northstar.class);
				assertThat(client.isEnabled()).isFalse();
				assertThat(client.flusher()).isEmpty();
				assertThat(context.getBean(NorthstarFlusherLifecycle.class).flusher()).isEmpty();
				assertThat(context).doesNotHaveBean(IngestTransport.class);
				assertThat(client.trace("untraced", () -> "value")).isEqualTo("value");
			});
		assertThat(output).doesNotContain("NorthStar tracing is off");
	}

	@Test
	void shouldWarnOnceAndProvideANoopClientWhenCredentialsAreMissing(CapturedOutput output) {
		this.contextRunner.withPropertyValues("northstar.project-id=abc123").run((context) -> {
			Northstar client = context.getBean(Northstar.class);
			assertThat(client.isEnabled()).isFalse();
			assertThat(client.flusher()).isEmpty();
			assertThat(context).doesNotHaveBean(IngestTransport.class);
			assertThat(client.startSpan("outside", SpanKind.TOOL)).isEmpty();
		});
		assertThat(output).containsOnlyOnce("NorthStar tracing is off")
			.contains("WARN")
			.contains("northstar.api-key");
	}

	@Test
	void shouldWarnWhenOnlyTheApiKeyIsSet(CapturedOutput output) {
		this.contextRunner.withPropertyValues("northstar.api-key=ns_secret_value")
			.run((context) -> assertThat(context.getBean(Northstar.class).isEnabled()).isFalse());
		assertThat(output).containsOnlyOnce("NorthStar tracing is off").doesNotContain("ns_secret_value");
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', value = { "batch-size;0", "batch-size;-3", "max-queue-size;0", "flush-interval;-1s",
			"flush-interval;0s", "shutdown-timeout;-5s", "connect-timeout;0ms", "request-timeout;-1s",
			"max-content-size;0B", "max-batch-size;0", "max-batch-size;-1", "max-batch-size;49",
			"max-batch-bytes;0B", "max-batch-bytes;-1KB", "max-batch-bytes;2GB", "project-id;MyProject",
			"project-id;abc-123", "endpoint;ftp://example.com/x",
			"endpoint;not a url", "endpoint;http://127.0.0.1:99999/x", "endpoint;http://127.0.0.1:0/x",
			"redact-keys;__" })
	void shouldFailStartupNamingThePropertyWhenAValueIsInvalid(String property, String value) {
		this.contextRunner.withPropertyValues("northstar.api-key=ns_test", "northstar.project-id=abc123",
				"northstar." + property + "=" + value)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("northstar." + property);
				InvalidConfigurationPropertyValueException failure = findCause(context.getStartupFailure());
				assertThat(failure.getName()).isEqualTo("northstar." + property);
				assertThat(failure.getReason()).isNotBlank();
			});
	}

	@Test
	void shouldFailStartupNamingMaxBatchSizeWhenItIsBelowTheBatchSize() {
		this.contextRunner.withPropertyValues("northstar.enabled=false", "northstar.batch-size=100",
				"northstar.max-batch-size=60")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidConfigurationPropertyValueException failure = findCause(context.getStartupFailure());
				assertThat(failure.getName()).isEqualTo("northstar.max-batch-size");
				assertThat(failure.getValue()).isEqualTo(60);
				assertThat(failure.getReason()).isEqualTo("must be greater than or equal to batch-size (100)");
			});
	}

	@Test
	void shouldFailStartupWhenAValueIsInvalidEvenIfDisabled() {
		this.contextRunner.withPropertyValues("northstar.enabled=false", "northstar.batch-size=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	private static InvalidConfigurationPropertyValueException findCause(Throwable failure) {
		Throwable current = failure;
		while (!(current instanceof InvalidConfigurationPropertyValueException)) {
			current = current.getCause();
		}
		return (InvalidConfigurationPropertyValueException) current;
	}

	@Test
	void shouldUseTheWebClientTransportWhenWebFluxIsPresent() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
			.withPropertyValues("northstar.api-key=ns_test", "northstar.project-id=abc123",
					"northstar.request-timeout=3s")
			.run((context) -> {
				WebClientIngestTransport transport = context.getBean(WebClientIngestTransport.class);
				assertThat(transport.endpoint()).isEqualTo(Northstar.ingestUri("abc123"));
				assertThat(transport.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void shouldUseTheJdkTransportWhenWebFluxIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.withPropertyValues(credentials())
			.run((context) -> assertThat(context).getBean(IngestTransport.class)
				.isInstanceOf(JdkHttpIngestTransport.class));
	}

	@Test
	void shouldUseTheUserBeansWhenDefined() {
		this.contextRunner.withUserConfiguration(UserBeansConfiguration.class)
			.withPropertyValues(credentials())
			.run((context) -> {
				assertThat(context).getBean(IngestTransport.class).isSameAs(UserBeansConfiguration.TRANSPORT);
				assertThat(context).getBean(ContentCapture.class).isSameAs(UserBeansConfiguration.CAPTURE);
				Northstar client = context.getBean(Northstar.class);
				assertThat(client.contentCapture()).isSameAs(UserBeansConfiguration.CAPTURE);
				assertThat(client.pricing()).isSameAs(UserBeansConfiguration.PRICING);
				Run run = client.startRun("user-transport", Map.of());
				run.close();
				client.flush();
				assertThat(UserBeansConfiguration.SENT).isNotEmpty();
			});
	}

	@Test
	void shouldBackOffWhenTheUserDefinesTheClient() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class)
			.withPropertyValues(credentials())
			.run((context) -> {
				assertThat(context).getBean(Northstar.class).isSameAs(context.getBean("myNorthstar"));
				NorthstarFlusherLifecycle lifecycle = context.getBean(NorthstarFlusherLifecycle.class);
				assertThat(lifecycle.flusher()).isPresent();
				assertThat(context.getBean(Northstar.class).flusher()).containsSame(lifecycle.flusher().get());
			});
	}

	@Test
	void shouldConvertObjectsWithTheApplicationJsonMapperWhenOneExists() {
		this.contextRunner.withUserConfiguration(JsonMapperConfiguration.class)
			.withPropertyValues(credentials())
			.run((context) -> {
				JsonNode captured = context.getBean(ContentCapture.class)
					.capture(new Order("A-1", "ns_secret", 3));
				assertThat(captured.get("order_id").asString()).isEqualTo("A-1");
				assertThat(captured.get("item_count").asInt()).isEqualTo(3);
				assertThat(captured.get("api_key").asString()).isEqualTo(ContentCapture.REDACTED);
			});
	}

	@Test
	void shouldStopAfterTheWebServerWhenTheContextCloses() {
		assertThat(NorthstarFlusherLifecycle.PHASE).isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE)
			.isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
			.isGreaterThan(SmartLifecycle.DEFAULT_PHASE - 10_000);
		this.contextRunner.withPropertyValues(credentials())
			.run((context) -> assertThat(context.getBean(NorthstarFlusherLifecycle.class).getPhase())
				.isEqualTo(NorthstarFlusherLifecycle.PHASE));
	}

	@Test
	void shouldEndTheSessionAndDrainWhenTheContextCloses() {
		server.store().clear();
		Northstar[] client = new Northstar[1];
		this.contextRunner.withPropertyValues(credentials()).withPropertyValues("northstar.flush-interval=1h")
			.run((context) -> {
				client[0] = context.getBean(Northstar.class);
				client[0].trace("closing", () -> "done");
				assertThat(server.store().runs()).isEmpty();
			});
		assertThat(server.store().runs()).singleElement().satisfies((run) -> {
			assertThat(run.name()).isEqualTo("closing");
			assertThat(run.status()).isEqualTo("ok");
		});
		assertThat(server.store().sessions()).singleElement().extracting(StoredSession::endedAt).isNotNull();
		assertThat(client[0].stats().pending()).isZero();
		assertThat(client[0].flusher().orElseThrow().isRunning()).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		static final List<byte[]> SENT = new CopyOnWriteArrayList<>();

		static final IngestTransport TRANSPORT = (body) -> {
			SENT.add(body);
			return CompletableFuture.completedFuture(new IngestResponse(200, "{\"accepted\": true}", null));
		};

		static final ContentCapture CAPTURE = ContentCapture.builder().maxContentSize(512).build();

		static final ModelPricing PRICING = ModelPricing.defaults();

		@Bean
		IngestTransport myTransport() {
			return TRANSPORT;
		}

		@Bean
		ContentCapture myContentCapture() {
			return CAPTURE;
		}

		@Bean
		ModelPricing myPricing() {
			return PRICING;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		Northstar myNorthstar() {
			return Northstar.builder().apiKey("ns_test").endpoint(server.ingestUri()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JsonMapperConfiguration {

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		}

	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "${NORTHSTAR_API_KEY}|unresolved placeholder", "'   '|set northstar.api-key" })
	void shouldTurnTracingOffWithOneWarningWhenTheKeyIsBlankOrAnUnresolvedPlaceholder(String key, String warning,
			CapturedOutput output) {
		this.contextRunner.withPropertyValues("northstar.endpoint=" + server.ingestUri())
			.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(
					new org.springframework.core.env.MapPropertySource("raw", Map.of("northstar.api-key", key))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Northstar.class).isEnabled()).isFalse();
				assertThat(context).doesNotHaveBean(NorthstarFlusher.class).doesNotHaveBean(IngestTransport.class)
					.doesNotHaveBean(NorthstarConnectionDetails.class);
			});
		assertThat(output).contains(warning);
		assertThat(output.toString().split("NorthStar tracing is off", -1)).hasSize(2);
	}

	@Test
	void shouldTraceToUserConnectionDetailsWithoutAnyProperty() {
		this.contextRunner.withBean(NorthstarConnectionDetails.class, () -> new NorthstarConnectionDetails() {

			@Override
			public URI ingestUri() {
				return server.ingestUri();
			}

			@Override
			public String apiKey() {
				return "ns_from_a_vault";
			}

		}).run((context) -> {
			Northstar client = context.getBean(Northstar.class);
			assertThat(client.isEnabled()).isTrue();
			assertThat(client.endpoint()).isEqualTo(server.ingestUri());
			assertThat(context).hasSingleBean(NorthstarFlusher.class).hasSingleBean(IngestTransport.class);
			server.clearRequests();
			client.session();
			assertThat(client.flush(Duration.ofSeconds(10)).completed()).isTrue();
			assertThat(server.lastRequest().authorization()).isEqualTo("Bearer ns_from_a_vault");
		});
	}

	@Test
	void shouldApplyCustomizersOfTheClientAndTheFlusherInOrder() {
		List<String> calls = new CopyOnWriteArrayList<>();
		ModelPricing pricing = ModelPricing.defaults();
		this.contextRunner.withPropertyValues(credentials())
			.withBean("second", NorthstarBuilderCustomizer.class, () -> new OrderedBuilderCustomizer(2, calls, null))
			.withBean("first", NorthstarBuilderCustomizer.class, () -> new OrderedBuilderCustomizer(1, calls, pricing))
			.withBean(NorthstarFlusherCustomizer.class, () -> (builder) -> {
				calls.add("flusher");
				builder.batchSize(7).maxRetention(Duration.ofMinutes(3));
			})
			.run((context) -> {
				assertThat(calls).containsExactly("builder 1", "builder 2", "flusher");
				assertThat(context.getBean(Northstar.class).pricing()).isSameAs(pricing);
				NorthstarFlusher flusher = context.getBean(NorthstarFlusher.class);
				assertThat(flusher.batchSize()).isEqualTo(7);
				assertThat(flusher.maxRetention()).isEqualTo(Duration.ofMinutes(3));
				assertThat(context.getBean(Northstar.class).flusher()).containsSame(flusher);
			});
	}

	@Test
	void shouldBindTheRetentionAndFailStartupNamingItWhenInvalid() {
		this.contextRunner.withPropertyValues(credentials()).withPropertyValues("northstar.max-retention=2h")
			.run((context) -> assertThat(context.getBean(NorthstarFlusher.class).maxRetention())
				.isEqualTo(Duration.ofHours(2)));
		this.contextRunner.withPropertyValues(credentials()).withPropertyValues("northstar.max-retention=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("northstar.max-retention"));
	}

	/** A builder customizer with an order, that records its call. */
	static final class OrderedBuilderCustomizer implements NorthstarBuilderCustomizer, org.springframework.core.Ordered {

		private final int order;

		private final List<String> calls;

		private final @org.jspecify.annotations.Nullable ModelPricing pricing;

		OrderedBuilderCustomizer(int order, List<String> calls, @org.jspecify.annotations.Nullable ModelPricing pricing) {
			this.order = order;
			this.calls = calls;
			this.pricing = pricing;
		}

		@Override
		public void customize(Northstar.Builder builder) {
			this.calls.add("builder " + this.order);
			if (this.pricing != null) {
				builder.pricing(this.pricing);
			}
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	record Order(String orderId, String apiKey, int itemCount) {
	}

}
