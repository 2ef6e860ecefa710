package ai.northstar.evals;

import java.util.Map;
import java.util.Objects;

/**
 * A tool call the agent is expected to make, with a subset of its arguments ({@code expected.tool_arguments}).
 *
 * @param name the tool name
 * @param arguments the expected arguments, a subset of the actual ones
 * @since 0.1.0
 */
public record ExpectedToolArguments(String name, Map<String, tools.jackson.databind.JsonNode> arguments) {

	public ExpectedToolArguments {
		Objects.requireNonNull(name, "name must not be null");
		arguments = Map.copyOf(arguments);
	}

}
