package ai.northstar.sample.model;

import ai.northstar.ChatMessage;

/**
 * A chat model's answer and its token usage.
 *
 * @param message the assistant message, with tool calls when the model wants tools to run
 * @param promptTokens the tokens of the messages sent
 * @param completionTokens the tokens of the answer
 * @since 0.1.0
 */
public record ChatCompletion(ChatMessage message, int promptTokens, int completionTokens) {

}
