package ai.northstar.spring.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.northstar.ChatMessage;
import ai.northstar.genai.JsonContent;
import ai.northstar.genai.ModelRoundResult;
import ai.northstar.genai.TokenUsage;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.content.Media;

/**
 * Converts Spring AI's messages and responses to the core types the {@code ai.northstar.genai} recorders take.
 */
final class SpringAiMessages {

	/**
	 * The keys of an assistant message's metadata under which providers put reasoning (thinking) text: OpenAI-style
	 * providers ({@code reasoningContent}, as Spring AI's OpenAI and DeepSeek models do), and the {@code thoughts} a
	 * stream's aggregate collects.
	 */
	static final List<String> REASONING_KEYS = List.of("reasoningContent", "reasoning_content", "reasoning",
			"thoughts");

	private SpringAiMessages() {
	}

	static List<ChatMessage> toChatMessages(List<Message> messages) {
		List<ChatMessage> converted = new ArrayList<>(messages.size());
		for (Message message : messages) {
			if (message == null) {
				continue;
			}
			MessageType type = message.getMessageType();
			if (message instanceof ToolResponseMessage toolResponses) {
				for (ToolResponseMessage.ToolResponse response : toolResponses.getResponses()) {
					converted.add(new ChatMessage("tool", JsonContent.parseOrKeep(response.responseData()), List.of(),
							response.id(), response.name()));
				}
			}
			else if (message instanceof AssistantMessage assistant) {
				converted.add(toChatMessage(assistant));
			}
			else if (message instanceof UserMessage user) {
				converted.add(ChatMessage.user(userContent(user)));
			}
			else if (type == MessageType.SYSTEM) {
				converted.add(ChatMessage.system(text(message)));
			}
			else {
				converted.add(new ChatMessage(type.getValue(), message.getText(), List.of(), null, null));
			}
		}
		return converted;
	}

	static ChatMessage toChatMessage(AssistantMessage assistant) {
		List<ChatMessage.ToolCall> calls = new ArrayList<>(assistant.getToolCalls().size());
		for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
			calls.add(new ChatMessage.ToolCall(call.id(), call.name(), JsonContent.parseObjectOrKeep(call.arguments())));
		}
		String text = assistant.getText();
		Object content = (text == null || (text.isEmpty() && !calls.isEmpty())) ? null : text;
		return new ChatMessage("assistant", content, calls, null, null);
	}

	private static Object userContent(UserMessage user) {
		String text = text(user);
		List<Media> media = user.getMedia();
		if (media.isEmpty()) {
			return text;
		}
		List<Map<String, Object>> parts = new ArrayList<>(media.size());
		for (Media item : media) {
			Map<String, Object> part = new LinkedHashMap<>();
			part.put("mime_type", String.valueOf(item.getMimeType()));
			if (item.getName() != null) {
				part.put("name", item.getName());
			}
			parts.add(part);
		}
		Map<String, Object> content = new LinkedHashMap<>();
		content.put("text", text);
		content.put("media", parts);
		return content;
	}

	private static String text(Message message) {
		String text = message.getText();
		return (text != null) ? text : "";
	}

	/**
	 * Returns the text of the last user message, the {@code user_input} of a run started for the call.
	 */
	static @Nullable String lastUserText(List<Message> messages) {
		for (int i = messages.size() - 1; i >= 0; i--) {
			Message message = messages.get(i);
			if (message != null && message.getMessageType() == MessageType.USER) {
				return message.getText();
			}
		}
		return null;
	}

	/**
	 * Returns whether the prompt ends with tool results: a round of a tool-calling loop.
	 */
	static boolean endsWithToolResults(List<Message> messages) {
		return !messages.isEmpty() && messages.get(messages.size() - 1) instanceof ToolResponseMessage;
	}

	static @Nullable String text(@Nullable ChatResponse response) {
		Generation generation = (response != null) ? response.getResult() : null;
		return (generation != null) ? generation.getOutput().getText() : null;
	}

	static ModelRoundResult result(ChatResponse response) {
		Generation generation = response.getResult();
		ChatResponseMetadata metadata = response.getMetadata();
		String model = (metadata != null && metadata.getModel() != null && !metadata.getModel().isBlank())
				? metadata.getModel() : null;
		ChatMessage output = null;
		String reasoning = null;
		String finishReason = null;
		if (generation != null) {
			output = toChatMessage(generation.getOutput());
			reasoning = reasoning(generation.getOutput());
			ChatGenerationMetadata generationMetadata = generation.getMetadata();
			if (generationMetadata != null) {
				finishReason = generationMetadata.getFinishReason();
			}
		}
		return new ModelRoundResult(model, output, reasoning, usage(response), finishReason);
	}

	static @Nullable String reasoning(AssistantMessage message) {
		Map<String, Object> metadata = message.getMetadata();
		if (metadata == null) {
			return null;
		}
		for (String key : REASONING_KEYS) {
			if (metadata.get(key) instanceof String text && !text.isBlank()) {
				return text;
			}
		}
		return null;
	}

	/**
	 * Returns the usage a response reports; {@code null} when it reports none (no usage, or zero tokens without a
	 * provider's own usage object, as an empty stream aggregate has).
	 */
	static @Nullable TokenUsage usage(ChatResponse response) {
		ChatResponseMetadata metadata = response.getMetadata();
		Usage usage = (metadata != null) ? metadata.getUsage() : null;
		if (usage == null) {
			return null;
		}
		long input = nonNegative(usage.getPromptTokens());
		long output = nonNegative(usage.getCompletionTokens());
		Long cacheRead = usage.getCacheReadInputTokens();
		if (cacheRead != null && cacheRead < 0) {
			cacheRead = null;
		}
		if (input == 0 && output == 0 && cacheRead == null && usage.getNativeUsage() == null) {
			return null;
		}
		return new TokenUsage(input, output, cacheRead);
	}

	private static long nonNegative(@Nullable Integer value) {
		return (value != null && value > 0) ? value : 0;
	}

	/**
	 * What one streamed chunk holds: its text, and whether it holds other content (tool calls, reasoning).
	 */
	static ChunkContent chunkContent(ChatResponse chunk) {
		Generation generation = chunk.getResult();
		if (generation == null) {
			return new ChunkContent(null, false);
		}
		AssistantMessage output = generation.getOutput();
		String text = output.getText();
		boolean other = !output.getToolCalls().isEmpty() || reasoning(output) != null;
		return new ChunkContent((text != null && !text.isEmpty()) ? text : null, other);
	}

	record ChunkContent(@Nullable String text, boolean hasOtherContent) {
	}

}
