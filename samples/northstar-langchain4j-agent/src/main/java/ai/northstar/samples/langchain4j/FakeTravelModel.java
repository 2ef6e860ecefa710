package ai.northstar.samples.langchain4j;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic LangChain4j chat model that behaves like a provider's, so that the sample runs without an API key:
 * asked about a city (the last word of the question), it calls {@code weather}, then {@code packing_list} with the
 * forecast, then answers with both, reporting token usage for {@code gpt-4o-mini} as a provider would.
 */
public class FakeTravelModel implements ChatModel {

	@Override
	public ChatResponse doChat(ChatRequest request) {
		List<ChatMessage> messages = request.messages();
		List<String> results = new ArrayList<>();
		String question = "";
		for (ChatMessage message : messages) {
			if (message instanceof UserMessage user) {
				question = user.singleText();
				results.clear();
			}
			else if (message instanceof ToolExecutionResultMessage result) {
				results.add(result.text());
			}
		}
		String city = lastWord(question);
		TokenUsage usage = new TokenUsage(120 + 25 * messages.size(), 18 + 2 * messages.size());
		if (city == null) {
			return answer(AiMessage.from("Pour quelle ville ? 🗺️"), usage, FinishReason.STOP);
		}
		if (results.isEmpty()) {
			return answer(AiMessage.from(call("call_1", "weather", "{\"city\":\"" + city + "\"}")), usage,
					FinishReason.TOOL_EXECUTION);
		}
		if (results.size() == 1) {
			return answer(AiMessage.from(
					call("call_2", "packing_list", "{\"forecast\":\"" + results.get(0).replace("\"", "'") + "\"}")),
					usage, FinishReason.TOOL_EXECUTION);
		}
		return answer(AiMessage.from("À " + city + " il fera " + results.get(0) + " Emportez : " + results.get(1) + "."),
				usage, FinishReason.STOP);
	}

	private static @Nullable String lastWord(String question) {
		String[] words = question.replaceAll("[\\s?!.]+$", "").split("\\s+");
		String last = words[words.length - 1];
		return (!last.isEmpty() && Character.isUpperCase(last.codePointAt(0))) ? last : null;
	}

	private static ToolExecutionRequest call(String id, String name, String arguments) {
		return ToolExecutionRequest.builder().id(id).name(name).arguments(arguments).build();
	}

	private static ChatResponse answer(AiMessage message, TokenUsage usage, FinishReason finishReason) {
		return ChatResponse.builder()
			.aiMessage(message)
			.modelName("gpt-4o-mini-2024-07-18")
			.tokenUsage(usage)
			.finishReason(finishReason)
			.build();
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return DefaultChatRequestParameters.builder().modelName("gpt-4o-mini").temperature(0.2).build();
	}

	@Override
	public ModelProvider provider() {
		return ModelProvider.OPEN_AI;
	}

}
