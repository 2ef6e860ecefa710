package ai.northstar;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A chat message, for {@link Span#recordInputMessages} and {@link Span#recordOutputMessage}. Maps and other objects
 * with the same properties work too.
 *
 * <pre>{@code
 * span.recordInputMessages("gpt-4o", List.of(ChatMessage.system("Be brief."), ChatMessage.user(question)));
 * }</pre>
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content the message content
 * @param toolCalls the tool calls of an assistant message
 * @param toolCallId the id of the call a tool message answers
 * @param name the tool name of a tool message
 * @since 0.1.0
 */
public record ChatMessage(String role, @Nullable Object content, List<ToolCall> toolCalls, @Nullable String toolCallId,
		@Nullable String name) {

	public ChatMessage {
		toolCalls = (toolCalls != null) ? List.copyOf(toolCalls) : List.of();
	}

	/**
	 * Returns a system message.
	 * @param content the content
	 * @return the message
	 */
	public static ChatMessage system(Object content) {
		return new ChatMessage("system", content, List.of(), null, null);
	}

	/**
	 * Returns a user message.
	 * @param content the content
	 * @return the message
	 */
	public static ChatMessage user(Object content) {
		return new ChatMessage("user", content, List.of(), null, null);
	}

	/**
	 * Returns an assistant message.
	 * @param content the content, may be {@code null} when the message only calls tools
	 * @param toolCalls the tool calls
	 * @return the message
	 */
	public static ChatMessage assistant(@Nullable Object content, ToolCall... toolCalls) {
		return new ChatMessage("assistant", content, List.of(toolCalls), null, null);
	}

	/**
	 * Returns a tool message: the result of one tool call.
	 * @param toolCallId the id of the call
	 * @param name the tool name
	 * @param content the result
	 * @return the message
	 */
	public static ChatMessage tool(String toolCallId, String name, Object content) {
		return new ChatMessage("tool", content, List.of(), toolCallId, name);
	}

	/**
	 * A tool call requested by an assistant message.
	 *
	 * @param id the call id
	 * @param name the tool name
	 * @param arguments the arguments, typically a map
	 * @since 0.1.0
	 */
	public record ToolCall(String id, String name, @Nullable Object arguments) {

	}

}
