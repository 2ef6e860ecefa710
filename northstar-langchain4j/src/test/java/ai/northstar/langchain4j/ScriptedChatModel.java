package ai.northstar.langchain4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * A deterministic chat model that plays a travel agent: asked about a city, it calls {@code weather} for it, then
 * {@code packing_list} for the temperature the weather tool returned, then answers with both results; a prompt
 * without a city word it answers directly. Its usage grows with the number of messages, so every round differs.
 */
class ScriptedChatModel implements ChatModel {

	static final String MODEL = "gpt-4o-mini";

	static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";

	private final List<ChatModelListener> listeners;

	final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

	ScriptedChatModel(ChatModelListener... listeners) {
		this.listeners = List.of(listeners);
	}

	@Override
	public ChatResponse doChat(ChatRequest request) {
		this.requests.add(request);
		return respond(request.messages());
	}

	static ChatResponse respond(List<ChatMessage> messages) {
		List<ToolExecutionResultMessage> results = new ArrayList<>();
		String question = "";
		for (ChatMessage message : messages) {
			if (message instanceof ToolExecutionResultMessage result) {
				results.add(result);
			}
			if (message instanceof UserMessage user) {
				question = user.singleText();
				results.clear();
			}
		}
		String city = city(question);
		TokenUsage usage = new TokenUsage(40 + 10 * messages.size(), 8 + messages.size());
		if (city == null) {
			return response(AiMessage.from("Je ne sais pas 🤷 — " + question), usage, FinishReason.STOP);
		}
		if (results.isEmpty()) {
			return response(AiMessage.from(ToolExecutionRequest.builder()
				.id("call_weather")
				.name("weather")
				.arguments("{\"city\":\"" + city + "\"}")
				.build()), usage, FinishReason.TOOL_EXECUTION);
		}
		if (results.size() == 1) {
			String weather = results.get(0).text();
			return response(AiMessage.from(ToolExecutionRequest.builder()
				.id("call_packing")
				.name("packing_list")
				.arguments("{\"forecast\":\"" + weather.replace("\"", "'") + "\"}")
				.build()), usage, FinishReason.TOOL_EXECUTION);
		}
		return response(AiMessage.from("À " + city + " : " + results.get(0).text() + " — " + results.get(1).text()),
				usage, FinishReason.STOP);
	}

	/**
	 * Returns the city of a question: its last word, when it is capitalized.
	 */
	static String city(String question) {
		String[] words = question.trim().split("\\s+");
		String last = words[words.length - 1].replaceAll("[?!.؟]+$", "");
		return (!last.isEmpty() && Character.isUpperCase(last.codePointAt(0))) ? last : null;
	}

	private static ChatResponse response(AiMessage message, TokenUsage usage, FinishReason finishReason) {
		return ChatResponse.builder()
			.aiMessage(message)
			.modelName(RESPONSE_MODEL)
			.tokenUsage(usage)
			.finishReason(finishReason)
			.build();
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return DefaultChatRequestParameters.builder().modelName(MODEL).temperature(0.3).maxOutputTokens(256).build();
	}

	@Override
	public List<ChatModelListener> listeners() {
		return this.listeners;
	}

	@Override
	public ModelProvider provider() {
		return ModelProvider.OPEN_AI;
	}

}
