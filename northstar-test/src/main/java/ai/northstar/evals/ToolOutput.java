package ai.northstar.evals;

import java.util.Objects;

import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool's output read from a transcript ({@code role: tool}).
 *
 * @param toolCallId the id of the call it answers
 * @param name the tool name
 * @param content the output
 * @since 0.1.0
 */
public record ToolOutput(@Nullable String toolCallId, @Nullable String name, JsonNode content) {

	public ToolOutput {
		Objects.requireNonNull(content, "content must not be null");
	}

	/**
	 * Returns the output as JSON.
	 * @return {@code {"tool_call_id", "name", "content"}}
	 */
	public ObjectNode toJson() {
		ObjectNode node = EvalJson.NODES.objectNode();
		node.put("tool_call_id", this.toolCallId);
		node.put("name", this.name);
		node.set("content", this.content);
		return node;
	}

}
