package ai.northstar.evals;

import java.util.Objects;

import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool call read from a transcript.
 *
 * @param id the call id, if the transcript has one
 * @param name the tool name ({@code unknown_tool} when the transcript has none)
 * @param arguments the arguments as recorded: often JSON text, sometimes an object
 * @since 0.1.0
 */
public record ToolCall(@Nullable String id, String name, JsonNode arguments) {

	public ToolCall {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(arguments, "arguments must not be null");
	}

	/**
	 * Returns the arguments parsed when they are JSON text.
	 * @return the parsed arguments
	 */
	public JsonNode parsedArguments() {
		return EvalJson.parseToolArguments(this.arguments);
	}

	/**
	 * Returns the call as JSON.
	 * @return {@code {"id", "name", "arguments"}}
	 */
	public ObjectNode toJson() {
		ObjectNode node = EvalJson.NODES.objectNode();
		node.put("id", this.id);
		node.put("name", this.name);
		node.set("arguments", this.arguments);
		return node;
	}

}
