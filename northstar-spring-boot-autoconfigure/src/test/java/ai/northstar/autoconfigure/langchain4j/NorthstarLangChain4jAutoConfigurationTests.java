package ai.northstar.autoconfigure.langchain4j;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ai.northstar.Northstar;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.langchain4j.NorthstarChatModelListener;
import ai.northstar.langchain4j.NorthstarLangChain4j;
import ai.northstar.langchain4j.NorthstarStreamingChatModel;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import ai.northstar.spring.langchain4j.LookupChatModel;
import ai.northstar.spring.langchain4j.NorthstarLangChain4jBeanPostProcessor;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NorthstarLangChain4jAutoConfiguration}: the conditions, the back-off for user beans, the
 * instrumented models and AI services (their calls stored on a loopback NorthStar), and the registration.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class NorthstarLangChain4jAutoConfigurationTests {

	private static LocalIngestServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(NorthstarAutoConfiguration.class, NorthstarLangChain4jAutoConfiguration.class))
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
		NorthstarLangChain4jProperties properties = new NorthstarLangChain4jProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.isAutoTrace()).isTrue();
	}

	@Test
	void shouldTraceTheModelBeanAndKeepItsTypeWhenLangChain4jIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(NorthstarLangChain4j.class)
				.hasSingleBean(NorthstarChatModelListener.class)
				.hasSingleBean(NorthstarLangChain4jBeanPostProcessor.class);
			LookupChatModel model = context.getBean(LookupChatModel.class);
			assertThat(AopUtils.isAopProxy(model)).isTrue();
			assertThat(NorthstarLangChain4j.isInstrumented(model)).isTrue();
			assertThat(model.greeting()).isEqualTo("bonjour 👋");
			assertThat(model.chat("Grüß Gott 👋")).isEqualTo("Écho : Grüß Gott 👋");
			context.getBean(Northstar.class).flush();
			assertThat(server.store().runs()).singleElement().satisfies((run) -> {
				assertThat(run.name()).isEqualTo("chat gpt-4o");
				assertThat(server.store().spansOf(run.id())).singleElement().satisfies((span) -> {
					assertThat(span.kind()).isEqualTo("model");
					assertThat(span.attributes().get("model").asString()).isEqualTo("gpt-4o-2024-08-06");
				});
			});
		});
	}

	@Test
	void shouldLeaveAModelThatImplementsChatItselfAsItIsAndSayHowToTraceIt(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(OwnChatConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ChatModel model = context.getBean("ownChatModel", ChatModel.class);
			assertThat(AopUtils.isAopProxy(model)).isFalse();
			assertThat(model.chat(ChatRequest.builder().messages(UserMessage.from("¿Qué tal? 🙂")).build())
				.aiMessage()
				.text()).isEqualTo("own: ¿Qué tal? 🙂");
			assertThat(output).contains("NorthStar leaves the LangChain4j model bean 'ownChatModel' untraced: its class "
					+ OwnChatModel.class.getName() + " implements chat(...) itself");
		});
	}

	@Test
	void shouldLeaveAModelOfAFinalClassAsItIsSoThatItsTypeIsKept(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(RecordModelConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			RecordModel model = context.getBean(RecordModel.class);
			assertThat(model.chat("Привет 👋")).isEqualTo("record: Привет 👋");
			assertThat(output).contains("NorthStar leaves the LangChain4j model bean 'recordModel' untraced: its class "
					+ RecordModel.class.getName() + " cannot be subclassed");
		});
	}

	@Test
	void shouldLeaveAModelBuiltWithTheListenerAsItIsAndRecordItOnce() {
		this.contextRunner.withUserConfiguration(ListenerModelConfiguration.class).run((context) -> {
			ChatModel model = context.getBean("listenedModel", ChatModel.class);
			assertThat(AopUtils.isAopProxy(model)).isFalse();
			model.chat("une fois 1️⃣");
			context.getBean(Northstar.class).flush();
			assertThat(server.store().runs()).singleElement()
				.satisfies((run) -> assertThat(server.store().spansOf(run.id())).hasSize(1));
		});
	}

	@Test
	void shouldRecordTheStreamsOfStreamingModelBeans() {
		this.contextRunner.withUserConfiguration(StreamingConfiguration.class).run((context) -> {
			StreamingChatModel model = context.getBean(StreamingChatModel.class);
			assertThat(AopUtils.isAopProxy(model)).isTrue();
			StringBuilder streamed = new StringBuilder();
			model.chat("flux 🌊", new StreamingChatResponseHandler() {

				@Override
				public void onPartialResponse(String partialResponse) {
					streamed.append(partialResponse);
				}

				@Override
				public void onCompleteResponse(ChatResponse completeResponse) {
				}

				@Override
				public void onError(Throwable error) {
				}

			});
			assertThat(streamed).hasToString("vague 🌊");
			context.getBean(Northstar.class).flush();
			StoredRun run = server.store().runs().get(0);
			assertThat(server.store().spansOf(run.id())).singleElement().satisfies((span) -> {
				assertThat(span.attributes().get("streaming").asBoolean()).isTrue();
				assertThat(span.attributes().get("time_to_first_token_ms").isIntegralNumber()).isTrue();
			});
		});
	}

	@Test
	void shouldNotWrapAStreamingModelBeanAgainSoThatEachStreamIsOneRun() {
		this.contextRunner.withUserConfiguration(StreamingConfiguration.class).run((context) -> {
			StreamingChatModel bean = context.getBean(StreamingChatModel.class);
			assertThat(NorthstarLangChain4j.isInstrumented(bean)).as("the traced bean, a proxy of its class").isTrue();
			StreamingChatModel wrapped = NorthstarStreamingChatModel.wrap(bean, context.getBean(Northstar.class));
			assertThat(wrapped).isSameAs(bean);
			stream(wrapped, "flux 🌊");
			context.getBean(Northstar.class).flush();
			assertThat(server.store().runs()).singleElement()
				.satisfies((run) -> assertThat(server.store().spansOf(run.id())).hasSize(1));
		});
	}

	@Test
	void shouldRecordEachStreamOfAStreamingAiServiceBeanOnceInItsRun() throws Exception {
		this.contextRunner.withUserConfiguration(StreamingConfiguration.class, StreamingAiServiceConfiguration.class)
			.run((context) -> {
				CompletableFuture<ChatResponse> done = new CompletableFuture<>();
				context.getBean(StreamingAssistant.class)
					.chat("Où est la vague ? 🌊")
					.onPartialResponse((partial) -> {
					})
					.onCompleteResponse(done::complete)
					.onError(done::completeExceptionally)
					.start();
				assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("vague 🌊");
				context.getBean(Northstar.class).flush();
				assertThat(server.store().runs()).singleElement().satisfies((run) -> {
					assertThat(run.name()).isEqualTo("StreamingAssistant.chat");
					assertThat(server.store().spansOf(run.id())).extracting(StoredSpan::kind)
						.containsExactlyInAnyOrder("agent", "model");
				});
			});
	}

	private static void stream(StreamingChatModel model, String question) {
		model.chat(question, new StreamingChatResponseHandler() {

			@Override
			public void onCompleteResponse(ChatResponse completeResponse) {
			}

			@Override
			public void onError(Throwable error) {
			}

		});
	}

	@Test
	void shouldInstrumentAiServiceBeansWithTheirTools() {
		this.contextRunner.withUserConfiguration(AiServiceConfiguration.class).run((context) -> {
			Assistant assistant = context.getBean(Assistant.class);
			assertThat(assistant.ask("Où est Zürich ?")).isEqualTo("D'après l'outil : trouvé « Où est Zürich ? » 🔎");
			context.getBean(Northstar.class).flush();
			StoredRun run = server.store().runs().get(0);
			assertThat(server.store().runs()).hasSize(1);
			assertThat(run.name()).isEqualTo("Assistant.ask");
			List<StoredSpan> spans = server.store().spansOf(run.id());
			assertThat(spans).extracting(StoredSpan::name)
				.containsExactlyInAnyOrder("Assistant.ask", "chat gpt-4o", "lookup", "chat gpt-4o");
		});
	}

	@Test
	void shouldRecordNothingOutsideTracesWhenAutoTraceIsOff() {
		this.contextRunner.withPropertyValues("northstar.langchain4j.auto-trace=false").run((context) -> {
			ChatModel model = context.getBean(ChatModel.class);
			Northstar northstar = context.getBean(Northstar.class);
			model.chat("dehors");
			northstar.trace("dedans", () -> model.chat("dedans"));
			northstar.flush();
			assertThat(server.store().runs()).extracting(StoredRun::name).containsExactly("dedans");
		});
	}

	@Test
	void shouldInstallNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("northstar.langchain4j.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(NorthstarLangChain4j.class)
				.doesNotHaveBean(NorthstarChatModelListener.class)
				.doesNotHaveBean(NorthstarLangChain4jBeanPostProcessor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(ChatModel.class))).isFalse();
		});
	}

	@Test
	void shouldInstallNothingWhenLangChain4jIsAbsent() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NorthstarAutoConfiguration.class,
					NorthstarLangChain4jAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(ChatModelListener.class))
			.withPropertyValues("northstar.api-key=ns_test", "northstar.endpoint=" + server.ingestUri())
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Northstar.class)
				.doesNotHaveBean(NorthstarLangChain4j.class));
	}

	@Test
	void shouldBackOffWhenTheUserDefinesTheBeans() {
		this.contextRunner.withUserConfiguration(UserBeansConfiguration.class).run((context) -> {
			assertThat(context.getBean(NorthstarLangChain4j.class)).isSameAs(context.getBean("userTracing"));
			assertThat(context.getBean(NorthstarChatModelListener.class))
				.isSameAs(context.getBean("userListener"));
		});
	}

	@Test
	void shouldNeverFailTheCallWhenTracingIsOff() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NorthstarAutoConfiguration.class,
					NorthstarLangChain4jAutoConfiguration.class))
			.withUserConfiguration(ModelConfiguration.class, AiServiceConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(Northstar.class).isEnabled()).isFalse();
				assertThat(context.getBean(ChatModel.class).chat("Hallo")).isEqualTo("Écho : Hallo");
				assertThat(context.getBean(Assistant.class).ask("Wo?")).isEqualTo("D'après l'outil : trouvé « Wo? » 🔎");
				assertThat(server.store().runs()).isEmpty();
			});
	}

	@Test
	void shouldBeRegisteredInTheAutoConfigurationImports() throws Exception {
		String imports = new ClassPathResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(imports.lines()).contains(NorthstarLangChain4jAutoConfiguration.class.getName());
	}

	interface Assistant {

		String ask(String question);

	}

	static class LookupTool {

		@Tool(name = "lookup", value = "Looks a question up")
		String lookup(String query) {
			return "trouvé « " + query + " » 🔎";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ModelConfiguration {

		@Bean
		LookupChatModel lookupChatModel() {
			return new LookupChatModel();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerModelConfiguration {

		@Bean
		ChatModel listenedModel(NorthstarChatModelListener listener) {
			return new LookupChatModel(listener);
		}

	}

	/** A model that implements {@code chat(ChatRequest)} itself, not {@code doChat}. */
	static class OwnChatModel implements ChatModel {

		@Override
		public ChatResponse chat(ChatRequest request) {
			return ChatResponse.builder()
				.aiMessage(AiMessage.from("own: " + ((UserMessage) request.messages().get(0)).singleText()))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChatConfiguration {

		@Bean
		ChatModel ownChatModel() {
			return new OwnChatModel();
		}

	}

	/** A model of a final class (a record), injected by its own type. */
	record RecordModel(String prefix) implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			return ChatResponse.builder()
				.aiMessage(AiMessage.from(this.prefix + ((UserMessage) request.messages().get(0)).singleText()))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordModelConfiguration {

		@Bean
		RecordModel recordModel() {
			return new RecordModel("record: ");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StreamingConfiguration {

		@Bean
		StreamingChatModel streamingChatModel() {
			return new StreamingChatModel() {

				@Override
				public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
					handler.onPartialResponse("vague 🌊");
					handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("vague 🌊")).build());
				}

			};
		}

	}

	interface StreamingAssistant {

		TokenStream chat(String question);

	}

	@Configuration(proxyBeanMethods = false)
	static class StreamingAiServiceConfiguration {

		@Bean
		StreamingAssistant streamingAssistant(StreamingChatModel model) {
			return AiServices.builder(StreamingAssistant.class).streamingChatModel(model).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AiServiceConfiguration {

		@Bean
		Assistant assistant(ChatModel chatModel) {
			return AiServices.builder(Assistant.class).chatModel(chatModel).tools(new LookupTool()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		@Bean
		NorthstarLangChain4j userTracing(Northstar northstar) {
			return NorthstarLangChain4j.create(northstar);
		}

		@Bean
		NorthstarChatModelListener userListener(NorthstarLangChain4j tracing) {
			return tracing.chatModelListener();
		}

	}

}
