package ai.northstar.genai;

import ai.northstar.ChatMessage;
import org.jspecify.annotations.Nullable;

/**
 * What a model answered in one round, converted from the framework's response.
 *
 * @param responseModel the model the provider says answered, if reported
 * @param output the answer, usually an {@code assistant} {@link ChatMessage} (with its tool calls), if any
 * @param reasoning the model's reasoning or thinking text, when the provider returned it
 * @param usage the token usage, when reported
 * @param finishReason why the model stopped, when reported
 * @since 0.1.0
 */
public record ModelRoundResult(@Nullable String responseModel, @Nullable ChatMessage output,
		@Nullable String reasoning, @Nullable TokenUsage usage, @Nullable String finishReason) {

}
