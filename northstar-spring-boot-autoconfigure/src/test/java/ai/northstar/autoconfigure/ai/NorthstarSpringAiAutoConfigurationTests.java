package ai.northstar.autoconfigure.ai;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import ai.northstar.Northstar;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import ai.northstar.spring.ai.NorthstarChatClientObservationHandler;
import ai.northstar.spring.ai.NorthstarModelObservationHandler;
import ai.northstar.spring.ai.NorthstarStreamAdvisor;
import ai.northstar.spring.ai.ScriptedChatModel;
import ai.northstar.spring.ai.SpringAiTracer;
import ai.northstar.spring.ai.ToolErrorRecordingProcessor;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.observation.DefaultEmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationDocumentation;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.tool.execution.DefaultToolExecutionExceptionProcessor;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NorthstarSpringAiAutoConfiguration}: the conditions, the back-off for user beans, and that the
 * handlers end up in Boot's {@code ObservationRegistry} (a model call is stored on a loopback NorthStar).
 */
@Timeout(60)
class NorthstarSpringAiAutoConfigurationTests {

	private static LocalIngestServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NorthstarAutoConfiguration.class, ObservationAutoConfiguration.class,
				NorthstarSpringAiAutoConfiguration.class))
		.withUserConfiguration(ModelConfiguration.class)
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
	void shouldUseTheDefaultsWhenNothingIsSet() {
		NorthstarSpringAiProperties properties = new NorthstarSpringAiProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.isAutoTrace()).isTrue();
		assertThat(properties.isCaptureEmbeddingInput()).isFalse();
	}

	@Test
	void shouldBindEveryPropertyWhenSet() {
		this.contextRunner
			.withPropertyValues("northstar.spring-ai.auto-trace=false",
					"northstar.spring-ai.capture-embedding-input=true")
			.run((context) -> {
				NorthstarSpringAiProperties properties = context.getBean(NorthstarSpringAiProperties.class);
				assertThat(properties.isAutoTrace()).isFalse();
				assertThat(properties.isCaptureEmbeddingInput()).isTrue();
			});
	}

	@Test
	void shouldRegisterTheHandlersWithBootsObservationRegistryWhenSpringAiIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SpringAiTracer.class)
				.hasSingleBean(NorthstarModelObservationHandler.class)
				.hasSingleBean(NorthstarChatClientObservationHandler.class)
				.hasSingleBean(NorthstarStreamAdvisor.class)
				.hasSingleBean(ChatClientCustomizer.class);
			String answer = context.getBean(ChatModel.class).call(new Prompt("Grüß Gott 👋")).getResult().getOutput()
				.getText();
			assertThat(answer).isEqualTo("Réponse à « Grüß Gott 👋 » 🙂");
			context.getBean(Northstar.class).flush();
			StoredRun run = server.store().runs().get(0);
			assertThat(server.store().runs()).hasSize(1);
			assertThat(run.name()).isEqualTo("chat gpt-4o");
			assertThat(server.store().spansOf(run.id())).singleElement()
				.satisfies((span) -> assertThat(span.kind()).isEqualTo("model"));
		});
	}

	@Test
	void shouldRecordNothingOutsideTracesButCallsInsideThemWhenAutoTraceIsOff() {
		this.contextRunner.withPropertyValues("northstar.spring-ai.auto-trace=false").run((context) -> {
			ChatModel model = context.getBean(ChatModel.class);
			Northstar northstar = context.getBean(Northstar.class);
			model.call(new Prompt("outside"));
			northstar.trace("inside-a-trace", () -> model.call(new Prompt("inside")));
			northstar.flush();
			assertThat(server.store().runs()).extracting(StoredRun::name).containsExactly("inside-a-trace");
			StoredRun run = server.store().runs().get(0);
			assertThat(server.store().spansOf(run.id())).singleElement().satisfies((span) -> {
				assertThat(span.name()).isEqualTo("chat gpt-4o");
				assertThat(span.parentSpanId()).isNull();
			});
		});
	}

	@Test
	void shouldInstallNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("northstar.spring-ai.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SpringAiTracer.class)
				.doesNotHaveBean(NorthstarModelObservationHandler.class)
				.doesNotHaveBean(NorthstarChatClientObservationHandler.class)
				.doesNotHaveBean(NorthstarStreamAdvisor.class);
			context.getBean(ChatModel.class).call(new Prompt("untraced"));
			context.getBean(Northstar.class).flush();
			assertThat(server.store().runs()).isEmpty();
		});
	}

	@Test
	void shouldInstallNothingWhenSpringAiIsAbsent() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NorthstarAutoConfiguration.class,
					ObservationAutoConfiguration.class, NorthstarSpringAiAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(ChatModelObservationContext.class))
			.withPropertyValues("northstar.api-key=ns_test", "northstar.endpoint=" + server.ingestUri())
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Northstar.class)
				.doesNotHaveBean(SpringAiTracer.class)
				.doesNotHaveBean(NorthstarModelObservationHandler.class));
	}

	@Test
	void shouldTraceModelsWithoutTheChatClientPartsWhenTheChatClientModuleIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatClient.class)).run((context) -> {
			assertThat(context).hasSingleBean(NorthstarModelObservationHandler.class)
				.doesNotHaveBean(NorthstarChatClientObservationHandler.class)
				.doesNotHaveBean(NorthstarStreamAdvisor.class)
				.doesNotHaveBean(ChatClientCustomizer.class);
		});
	}

	@Test
	void shouldBackOffWhenTheUserDefinesTheBeans() {
		this.contextRunner.withUserConfiguration(UserBeansConfiguration.class).run((context) -> {
			assertThat(context.getBean(SpringAiTracer.class)).isSameAs(context.getBean("userTracer"));
			assertThat(context.getBean(NorthstarModelObservationHandler.class))
				.isSameAs(context.getBean("userModelHandler"));
		});
	}

	@Test
	void shouldDoNothingAndNeverFailTheCallWhenTracingIsOff() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NorthstarAutoConfiguration.class,
					ObservationAutoConfiguration.class, NorthstarSpringAiAutoConfiguration.class))
			.withUserConfiguration(ModelConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(Northstar.class).isEnabled()).isFalse();
				ChatModel model = context.getBean(ChatModel.class);
				assertThat(model.call(new Prompt("Hallo")).getResult().getOutput().getText()).contains("Hallo");
				assertThat(model.stream(new Prompt("Hallo stream")).collectList().block(Duration.ofSeconds(10)))
					.isNotEmpty();
				assertThat(server.store().runs()).isEmpty();
			});
	}

	@Test
	void shouldDecorateTheToolExceptionProcessorWhenToolCallingIsAutoConfigured() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ToolCallingAutoConfiguration.class,
					ChatClientAutoConfiguration.class))
			.run((context) -> {
				ToolExecutionExceptionProcessor processor = context.getBean(ToolExecutionExceptionProcessor.class);
				assertThat(processor).isInstanceOf(ToolErrorRecordingProcessor.class);
				assertThat(((ToolErrorRecordingProcessor) processor).delegate())
					.isInstanceOf(DefaultToolExecutionExceptionProcessor.class);
				assertThat(context).hasSingleBean(ChatClient.Builder.class);
			});
	}

	@Test
	void shouldRecordEmbeddingsWithTheirInputsOnlyWhenAsked() {
		this.contextRunner.run((context) -> {
			embed(context.getBean(ObservationRegistry.class), List.of("secret document 🤫", "second"));
			context.getBean(Northstar.class).flush();
			StoredRun run = server.store().runs().get(0);
			assertThat(run.name()).isEqualTo("embedding text-embedding-3-small");
			StoredSpan span = server.store().spansOf(run.id()).get(0);
			assertThat(span.kind()).isEqualTo("custom");
			assertThat(span.name()).isEqualTo("embedding text-embedding-3-small");
			assertThat(span.attributes().get("input_count").asInt()).isEqualTo(2);
			assertThat(span.attributes().get("input_tokens").asLong()).isEqualTo(12);
			assertThat(span.attributes().get("dimensions").asInt()).isEqualTo(3);
			assertThat(span.attributes().get("provider").asString()).isEqualTo("scripted");
			assertThat(span.attributes().has("cost_usd")).isTrue();
			assertThat(server.store().eventsOf(run.id()).toString()).doesNotContain("secret document");
		});
		server.store().clear();
		this.contextRunner.withPropertyValues("northstar.spring-ai.capture-embedding-input=true").run((context) -> {
			embed(context.getBean(ObservationRegistry.class), List.of("secret document 🤫"));
			context.getBean(Northstar.class).flush();
			StoredRun run = server.store().runs().get(0);
			List<StoredEvent> events = server.store().eventsOf(run.id());
			assertThat(events).singleElement().satisfies((event) -> {
				assertThat(event.type()).isEqualTo("custom");
				assertThat(event.content().get("inputs").get(0).asString()).isEqualTo("secret document 🤫");
			});
		});
	}

	/**
	 * Embeds the way Spring AI's embedding models do: one observation around the request.
	 */
	private static void embed(ObservationRegistry registry, List<String> texts) {
		EmbeddingRequest request = new EmbeddingRequest(texts,
				EmbeddingOptions.builder().model("text-embedding-3-small").build());
		EmbeddingModelObservationContext context = EmbeddingModelObservationContext.builder()
			.embeddingRequest(request)
			.provider(ScriptedChatModel.PROVIDER)
			.build();
		EmbeddingModelObservationDocumentation.EMBEDDING_MODEL_OPERATION
			.observation(null, new DefaultEmbeddingModelObservationConvention(), () -> context, registry)
			.observe(() -> {
				EmbeddingResponse response = new EmbeddingResponse(
						texts.stream().map((text) -> new Embedding(new float[] { 0.1f, 0.2f, 0.3f }, 0)).toList(),
						new EmbeddingResponseMetadata("text-embedding-3-small", new DefaultUsage(12, 0), Map.of()));
				context.setResponse(response);
				return response;
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ModelConfiguration {

		@Bean
		ChatModel chatModel(ObservationRegistry registry) {
			return new ScriptedChatModel(registry, "gpt-4o", "gpt-4o-2024-08-06", ScriptedChatModel.agent());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		@Bean
		SpringAiTracer userTracer(Northstar northstar) {
			return SpringAiTracer.builder(northstar).autoTrace(false).build();
		}

		@Bean
		NorthstarModelObservationHandler userModelHandler(SpringAiTracer tracer) {
			return new NorthstarModelObservationHandler(tracer);
		}

	}

}
