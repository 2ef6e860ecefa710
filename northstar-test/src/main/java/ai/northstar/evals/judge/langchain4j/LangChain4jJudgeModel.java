package ai.northstar.evals.judge.langchain4j;

import java.util.Objects;

import ai.northstar.evals.judge.JudgeModel;
import ai.northstar.evals.judge.JudgeRequest;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * A {@link JudgeModel} on a LangChain4j {@link ChatModel}: the judge's rules as the system message, the case as the
 * user message, and the judge's temperature as the request's; the answer is the text of the AI message.
 *
 * <pre>{@code
 * JudgeModel judge = LangChain4jJudgeModel.of("gpt-4o-mini", chatModel);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LangChain4jJudgeModel implements JudgeModel {

	private final String name;

	private final ChatModel chatModel;

	private LangChain4jJudgeModel(String name, ChatModel chatModel) {
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.chatModel = Objects.requireNonNull(chatModel, "chatModel must not be null");
	}

	/**
	 * Returns a judge model on a chat model.
	 * @param name the name written as {@code judge_model} in the grades
	 * @param chatModel the chat model
	 * @return the judge model
	 */
	public static LangChain4jJudgeModel of(String name, ChatModel chatModel) {
		return new LangChain4jJudgeModel(name, chatModel);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String complete(JudgeRequest request) {
		ChatRequest chatRequest = ChatRequest.builder()
			.messages(SystemMessage.from(request.systemPrompt()), UserMessage.from(request.userPrompt()))
			.temperature(request.temperature())
			.build();
		ChatResponse response = this.chatModel.chat(chatRequest);
		if (response == null || response.aiMessage() == null) {
			return "";
		}
		String text = response.aiMessage().text();
		return (text != null) ? text : "";
	}

	@Override
	public String toString() {
		return "LangChain4jJudgeModel[" + this.name + "]";
	}

}
