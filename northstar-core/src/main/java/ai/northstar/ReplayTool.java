package ai.northstar;

/**
 * A tool that {@link Replay#replay()} invokes again with the arguments recorded for one of its calls.
 *
 * <pre>{@code
 * Map<String, ReplayTool> tools = Map.of("search-docs", (call) -> search(call.named().get("query").asString()));
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ReplayTool {

	/**
	 * Invokes the tool.
	 * @param call the recorded call, with its arguments
	 * @return the result, captured like content for comparison
	 * @throws Exception when the tool fails
	 */
	Object invoke(Replay.ToolCall call) throws Exception;

}
