package ai.northstar.spring.langchain4j;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

/**
 * A deterministic LangChain4j chat model, a non-final class as providers' models are: a question ending in {@code ?}
 * gets a call of the {@code lookup} tool for the question, then an answer quoting the tool's result; anything else
 * is echoed.
 */
public class LookupChatModel implements ChatModel {

	private final List<ChatModelListener> listeners;

	public LookupChatModel(ChatModelListener... listeners) {
		this.listeners = List.of(listeners);
	}

	@Override
	public ChatResponse doChat(ChatRequest request) {
		List<ChatMessage> messages = request.messages();
		ChatMessage last = messages.get(messages.size() - 1);
		AiMessage answer;
		FinishReason finishReason = FinishReason.STOP;
		if (last instanceof ToolExecutionResultMessage result) {
			answer = AiMessage.from("D'après l'outil : " + result.text());
		}
		else if (last instanceof UserMessage user && user.singleText().endsWith("?")) {
			answer = AiMessage.from(ToolExecutionRequest.builder()
				.id("call_lookup")
				.name("lookup")
				.arguments("{\"query\":\"" + user.singleText() + "\"}")
				.build());
			finishReason = FinishReason.TOOL_EXECUTION;
		}
		else {
			answer = AiMessage.from("Écho : " + ((last instanceof UserMessage user) ? user.singleText() : ""));
		}
		return ChatResponse.builder()
			.aiMessage(answer)
			.modelName("gpt-4o-2024-08-06")
			.tokenUsage(new TokenUsage(30, 7))
			.finishReason(finishReason)
			.build();
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return DefaultChatRequestParameters.builder().modelName("gpt-4o").build();
	}

	@Override
	public List<ChatModelListener> listeners() {
		return this.listeners;
	}

	@Override
	public ModelProvider provider() {
		return ModelProvider.OPEN_AI;
	}

	/**
	 * A method of the class only, reached through the proxy of the bean.
	 * @return a greeting
	 */
	public String greeting() {
		return "bonjour 👋";
	}

}
