package ai.northstar.evals;

import org.jspecify.annotations.Nullable;

/**
 * A tool call and the output answering it, paired by call id.
 *
 * @param call the call
 * @param output the output, if one has the call's id
 * @since 0.1.0
 */
public record ToolInteraction(ToolCall call, @Nullable ToolOutput output) {

}
