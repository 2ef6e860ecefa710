package ai.northstar.evals.judge;

import java.util.ArrayList;
import java.util.List;

import ai.northstar.evals.Dataset;
import ai.northstar.evals.EvalSuite;
import ai.northstar.evals.GradeResult;
import ai.northstar.evals.GradeStatus;
import ai.northstar.evals.PyFixtures;
import ai.northstar.evals.judge.langchain4j.LangChain4jJudgeModel;
import ai.northstar.evals.judge.springai.SpringAiJudgeModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpringAiJudgeModel} and {@link LangChain4jJudgeModel}, with deterministic fake chat models.
 */
class JudgeModelAdaptersTests {

	private static final String ANSWER = "Aquí está: {\"score\": 0.9, \"reason\": \"Correcto ✅\", \"feedback\": \"Nada que cambiar 👍\"}";

	private static GradeResult grade(JudgeModel model) {
		return EvalSuite.builder()
			.grader(RubricJudge.builder("calidad", model).temperature(0.2).build())
			.build()
			.run(Dataset.of(PyFixtures.oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"30 días 🧾\"}], \"expected\": {\"goal\": \"Explicar el plazo\"}}")))
			.caseResults().get(0).grades().get(0);
	}

	@Test
	void shouldSendSystemUserAndTemperatureWhenJudgingWithASpringAiChatModel() {
		List<Prompt> prompts = new ArrayList<>();
		ChatModel chatModel = new ChatModel() {

			@Override
			public ChatResponse call(Prompt prompt) {
				prompts.add(prompt);
				return new ChatResponse(List.of(new Generation(new AssistantMessage(ANSWER))));
			}

		};

		GradeResult grade = grade(SpringAiJudgeModel.of("spring-fake", chatModel));

		assertThat(grade.status()).isEqualTo(GradeStatus.PASSED);
		assertThat(grade.reason()).isEqualTo("Correcto ✅");
		assertThat(grade.feedback()).isEqualTo("Nada que cambiar 👍");
		assertThat(grade.metadata().get("judge_model").asString()).isEqualTo("spring-fake");
		Prompt prompt = prompts.get(0);
		assertThat(prompt.getInstructions()).extracting((message) -> message.getMessageType())
			.containsExactly(MessageType.SYSTEM, MessageType.USER);
		assertThat(prompt.getInstructions().get(1).getText()).contains("30 días 🧾").contains("Explicar el plazo");
		assertThat(prompt.getOptions().getTemperature()).isEqualTo(0.2);
	}

	@Test
	void shouldSendSystemUserAndTemperatureWhenJudgingWithALangChain4jChatModel() {
		List<ChatRequest> requests = new ArrayList<>();
		dev.langchain4j.model.chat.ChatModel chatModel = new dev.langchain4j.model.chat.ChatModel() {

			@Override
			public dev.langchain4j.model.chat.response.ChatResponse doChat(ChatRequest request) {
				requests.add(request);
				return dev.langchain4j.model.chat.response.ChatResponse.builder().aiMessage(AiMessage.from(ANSWER)).build();
			}

		};

		GradeResult grade = grade(LangChain4jJudgeModel.of("lc4j-fake", chatModel));

		assertThat(grade.status()).isEqualTo(GradeStatus.PASSED);
		assertThat(grade.score()).isEqualTo(0.9);
		assertThat(grade.metadata().get("judge_model").asString()).isEqualTo("lc4j-fake");
		ChatRequest request = requests.get(0);
		assertThat(request.messages()).hasSize(2);
		assertThat(request.messages().get(0)).isInstanceOf(dev.langchain4j.data.message.SystemMessage.class);
		assertThat(((dev.langchain4j.data.message.UserMessage) request.messages().get(1)).singleText()).contains("30 días 🧾");
		assertThat(request.temperature()).isEqualTo(0.2);
	}

	@Test
	void shouldFailTheGradeWithActionableFeedbackWhenTheChatModelThrows() {
		ChatModel failing = new ChatModel() {

			@Override
			public ChatResponse call(Prompt prompt) {
				throw new IllegalStateException("HTTP 429 rate limit");
			}

		};

		GradeResult grade = grade(SpringAiJudgeModel.of("openai/gpt-4o-mini", failing));

		assertThat(grade.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(grade.reason()).isEqualTo("Judge model 'openai/gpt-4o-mini' is rate-limited.");
	}

}
