package ai.northstar.test.spring;

import ai.northstar.SpanKind;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.autoconfigure.langchain4j.NorthstarLangChain4jAutoConfiguration;
import ai.northstar.langchain4j.NorthstarLangChain4j;
import ai.northstar.test.NorthstarRecorder;
import ai.northstar.test.RecordedRun;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

import static ai.northstar.test.NorthstarAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the starter and only {@code langchain4j-core} (as with a model module such as
 * {@code langchain4j-open-ai}, without the {@code langchain4j} module of AI services), which is this module's own
 * class path: it starts, and its {@code ChatModel} bean is traced.
 */
class LangChain4jCoreOnlyApplicationTests {

	@Test
	void shouldStartAndTraceTheModelBeanWithoutTheAiServicesModule() {
		assertThat(ClassUtils.isPresent("dev.langchain4j.model.chat.ChatModel", null)).isTrue();
		assertThat(ClassUtils.isPresent("dev.langchain4j.service.AiServices", null)).as("the AI services module")
			.isFalse();
		NorthstarRecorder recorder = NorthstarRecorder.create();
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(NorthstarAutoConfiguration.class, NorthstarLangChain4jAutoConfiguration.class))
			.withBean(NorthstarRecorder.class, () -> recorder)
			.withBean(ChatModel.class, EchoModel::new)
			.withPropertyValues("northstar.api-key=ns_test", "northstar.endpoint=" + NorthstarRecorder.ENDPOINT,
					"northstar.flush-interval=100ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ChatModel model = context.getBean(ChatModel.class);
				assertThat(NorthstarLangChain4j.isInstrumented(model)).isTrue();
				assertThat(model.chat("Grüß Gott, 世界 😀")).isEqualTo("echo: Grüß Gott, 世界 😀");
				RecordedRun run = recorder.awaitRuns(1).get(0);
				assertThat(run).isOk().hasSpanCount(SpanKind.MODEL, 1);
			});
	}

	/** A chat model that answers with the last user message. */
	static class EchoModel implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			UserMessage last = (UserMessage) request.messages().get(request.messages().size() - 1);
			String text = last.singleText();
			return ChatResponse.builder().aiMessage(AiMessage.from("echo: " + text)).modelName("echo-1").build();
		}

	}

}
