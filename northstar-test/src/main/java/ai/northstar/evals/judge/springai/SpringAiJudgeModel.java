package ai.northstar.evals.judge.springai;

import java.util.List;
import java.util.Objects;

import ai.northstar.evals.judge.JudgeModel;
import ai.northstar.evals.judge.JudgeRequest;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A {@link JudgeModel} on a Spring AI {@link ChatModel}: the judge's rules as the system message, the case as the
 * user message, and the judge's temperature as the prompt's option; the answer is the text of the first generation.
 *
 * <pre>{@code
 * JudgeModel judge = SpringAiJudgeModel.of("gpt-4o-mini", chatModel);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SpringAiJudgeModel implements JudgeModel {

	private final String name;

	private final ChatModel chatModel;

	private SpringAiJudgeModel(String name, ChatModel chatModel) {
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.chatModel = Objects.requireNonNull(chatModel, "chatModel must not be null");
	}

	/**
	 * Returns a judge model on a chat model.
	 * @param name the name written as {@code judge_model} in the grades
	 * @param chatModel the chat model
	 * @return the judge model
	 */
	public static SpringAiJudgeModel of(String name, ChatModel chatModel) {
		return new SpringAiJudgeModel(name, chatModel);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String complete(JudgeRequest request) {
		Prompt prompt = new Prompt(List.of(new SystemMessage(request.systemPrompt()), new UserMessage(request.userPrompt())),
				ChatOptions.builder().temperature(request.temperature()).build());
		ChatResponse response = this.chatModel.call(prompt);
		if (response == null || response.getResult() == null || response.getResult().getOutput() == null) {
			return "";
		}
		String text = response.getResult().getOutput().getText();
		return (text != null) ? text : "";
	}

	@Override
	public String toString() {
		return "SpringAiJudgeModel[" + this.name + "]";
	}

}
