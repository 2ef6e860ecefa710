package ai.northstar.langchain4j;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.northstar.ChatMessage;
import ai.northstar.genai.JsonContent;
import ai.northstar.genai.ModelRoundResult;
import ai.northstar.genai.TokenUsage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import org.jspecify.annotations.Nullable;

/**
 * Converts LangChain4j's messages and responses to the core types the {@code ai.northstar.genai} recorders take.
 */
final class Lc4jMessages {

	/**
	 * Finds the prompt-cache reads of a provider's own token usage type, which LangChain4j's {@code TokenUsage} does
	 * not have: Anthropic's {@code cacheReadInputTokens()}, OpenAI's {@code inputTokensDetails().cachedTokens()}.
	 */
	private static final ClassValue<@Nullable CacheReads> CACHE_READS = new ClassValue<>() {

		@Override
		protected @Nullable CacheReads computeValue(Class<?> type) {
			return CacheReads.find(type);
		}

	};

	private Lc4jMessages() {
	}

	static List<ChatMessage> toChatMessages(List<dev.langchain4j.data.message.ChatMessage> messages) {
		List<ChatMessage> converted = new ArrayList<>(messages.size());
		for (dev.langchain4j.data.message.ChatMessage message : messages) {
			if (message instanceof SystemMessage system) {
				converted.add(ChatMessage.system(nonNull(system.text())));
			}
			else if (message instanceof UserMessage user) {
				converted.add(ChatMessage.user(userContent(user)));
			}
			else if (message instanceof AiMessage ai) {
				converted.add(toChatMessage(ai));
			}
			else if (message instanceof ToolExecutionResultMessage result) {
				converted.add(new ChatMessage("tool", JsonContent.parseOrKeep(result.text()), List.of(), result.id(),
						result.toolName()));
			}
			else if (message != null) {
				converted.add(new ChatMessage(message.type().name().toLowerCase(Locale.ROOT), String.valueOf(message),
						List.of(), null, null));
			}
		}
		return converted;
	}

	static ChatMessage toChatMessage(AiMessage message) {
		List<ToolExecutionRequest> requests = message.toolExecutionRequests();
		List<ChatMessage.ToolCall> calls = new ArrayList<>((requests != null) ? requests.size() : 0);
		if (requests != null) {
			for (ToolExecutionRequest request : requests) {
				calls.add(new ChatMessage.ToolCall(nonNull(request.id()), nonNull(request.name()),
						JsonContent.parseObjectOrKeep(request.arguments())));
			}
		}
		String text = message.text();
		Object content = (text == null || (text.isEmpty() && !calls.isEmpty())) ? null : text;
		return new ChatMessage("assistant", content, calls, null, null);
	}

	/**
	 * Returns the text of a user message, or its text and the types of its other parts (images, audio...).
	 */
	static Object userContent(UserMessage user) {
		if (user.hasSingleText()) {
			return user.singleText();
		}
		StringBuilder text = new StringBuilder();
		List<Map<String, Object>> media = new ArrayList<>();
		for (Content content : user.contents()) {
			if (content instanceof TextContent part) {
				text.append(part.text());
			}
			else if (content != null) {
				media.add(Map.of("type", content.type().name().toLowerCase(Locale.ROOT)));
			}
		}
		if (media.isEmpty()) {
			return text.toString();
		}
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("text", text.toString());
		value.put("media", media);
		return value;
	}

	/**
	 * Returns the text of the last user message of a request, the {@code user_input} of a run started for it.
	 */
	static @Nullable Object lastUserInput(List<dev.langchain4j.data.message.ChatMessage> messages) {
		for (int i = messages.size() - 1; i >= 0; i--) {
			if (messages.get(i) instanceof UserMessage user) {
				return userContent(user);
			}
		}
		return null;
	}

	static ModelRoundResult result(ChatResponse response) {
		AiMessage message = response.aiMessage();
		String model = response.modelName();
		FinishReason finishReason = response.finishReason();
		return new ModelRoundResult((model != null && !model.isBlank()) ? model : null,
				(message != null) ? toChatMessage(message) : null, (message != null) ? message.thinking() : null,
				usage(response.tokenUsage()), (finishReason != null) ? finishReason.name() : null);
	}

	static @Nullable TokenUsage usage(dev.langchain4j.model.output.@Nullable TokenUsage usage) {
		if (usage == null) {
			return null;
		}
		long input = nonNegative(usage.inputTokenCount());
		long output = nonNegative(usage.outputTokenCount());
		CacheReads reads = CACHE_READS.get(usage.getClass());
		Long cacheRead = (reads != null) ? reads.read(usage) : null;
		return new TokenUsage(input, output, cacheRead);
	}

	/**
	 * Returns the provider name written on model spans, as Spring AI names the same providers.
	 */
	static @Nullable String provider(@Nullable ModelProvider provider) {
		if (provider == null) {
			return null;
		}
		return switch (provider) {
			case OPEN_AI -> "openai";
			case AZURE_OPEN_AI -> "azure-openai";
			case GOOGLE_AI_GEMINI, GOOGLE_GENAI -> "google_genai";
			case GOOGLE_VERTEX_AI_GEMINI -> "vertex_ai";
			case AMAZON_BEDROCK -> "bedrock_converse";
			case OTHER -> null;
			default -> provider.name().toLowerCase(Locale.ROOT);
		};
	}

	static String text(@Nullable Object result) {
		return (result != null) ? result.toString() : "";
	}

	private static long nonNegative(@Nullable Integer value) {
		return (value != null && value > 0) ? value : 0;
	}

	private static String nonNull(@Nullable String text) {
		return (text != null) ? text : "";
	}

	/**
	 * Reads the cache reads of one token usage type reflectively, so that no provider module is needed at compile
	 * time.
	 */
	private record CacheReads(Method first, @Nullable Method second) {

		static @Nullable CacheReads find(Class<?> type) {
			if (type == dev.langchain4j.model.output.TokenUsage.class) {
				return null;
			}
			try {
				Method direct = publicMethod(type, "cacheReadInputTokens");
				if (direct != null) {
					return new CacheReads(direct, null);
				}
				Method details = publicMethod(type, "inputTokensDetails");
				if (details != null) {
					Method cached = publicMethod(details.getReturnType(), "cachedTokens");
					if (cached != null) {
						return new CacheReads(details, cached);
					}
				}
			}
			catch (RuntimeException | LinkageError ex) {
				// an unusual usage type: no cache reads
			}
			return null;
		}

		private static @Nullable Method publicMethod(Class<?> type, String name) {
			try {
				Method method = type.getMethod(name);
				return (method.getParameterCount() == 0) ? method : null;
			}
			catch (NoSuchMethodException ex) {
				return null;
			}
		}

		@Nullable Long read(Object usage) {
			try {
				Object value = this.first.invoke(usage);
				if (value != null && this.second != null) {
					value = this.second.invoke(value);
				}
				return (value instanceof Number number && number.longValue() >= 0) ? number.longValue() : null;
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

	}

}
