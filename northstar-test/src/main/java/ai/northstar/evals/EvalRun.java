package ai.northstar.evals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What graders look at: a case's transcript normalized as the Python SDK's {@code normalize_messages} does, with its
 * trace graph and metrics.
 * <p>
 * System and user messages give the prompts; an assistant message gives its tool calls (OpenAI {@code tool_calls},
 * or a legacy {@code function_call}) and, when it has text, an assistant message; the last assistant text is the
 * final response; a {@code tool} message gives a tool output; calls and outputs are paired by call id.
 *
 * @param messages the transcript
 * @param systemPrompts the system prompts
 * @param userMessages the user messages
 * @param assistantMessages the assistant texts
 * @param finalResponse the last assistant text
 * @param toolCalls the tool calls, in order
 * @param toolOutputs the tool outputs, in order
 * @param toolInteractions the tool calls with their outputs
 * @param trace the trace graph, if the case has a trace
 * @param metrics the metrics
 * @param metadata the case's metadata
 * @since 0.1.0
 */
public record EvalRun(List<JsonNode> messages, List<String> systemPrompts, List<String> userMessages,
		List<String> assistantMessages, @Nullable String finalResponse, List<ToolCall> toolCalls,
		List<ToolOutput> toolOutputs, List<ToolInteraction> toolInteractions, @Nullable TraceDag trace,
		EvalMetrics metrics, Map<String, JsonNode> metadata) {

	public EvalRun {
		messages = List.copyOf(messages);
		systemPrompts = List.copyOf(systemPrompts);
		userMessages = List.copyOf(userMessages);
		assistantMessages = List.copyOf(assistantMessages);
		toolCalls = List.copyOf(toolCalls);
		toolOutputs = List.copyOf(toolOutputs);
		toolInteractions = List.copyOf(toolInteractions);
		metadata = Map.copyOf(metadata);
	}

	/**
	 * Normalizes a transcript.
	 * @param messages the messages
	 * @param trace the trace graph, if any
	 * @param metrics the metrics
	 * @param metadata the metadata
	 * @return the run
	 */
	public static EvalRun fromMessages(List<JsonNode> messages, @Nullable TraceDag trace, EvalMetrics metrics,
			Map<String, JsonNode> metadata) {
		List<String> system = new ArrayList<>();
		List<String> user = new ArrayList<>();
		List<String> assistant = new ArrayList<>();
		List<ToolCall> calls = new ArrayList<>();
		List<ToolOutput> outputs = new ArrayList<>();
		String finalResponse = null;
		for (JsonNode message : messages) {
			String role = message.path("role").isString() ? message.path("role").asString() : null;
			String text = EvalJson.messageText(message.get("content"));
			if ("system".equals(role) && text != null) {
				system.add(text);
			}
			else if ("user".equals(role) && text != null) {
				user.add(text);
			}
			else if ("assistant".equals(role)) {
				calls.addAll(toolCalls(message));
				if (text != null && !text.isEmpty()) {
					assistant.add(text);
					finalResponse = text;
				}
			}
			else if ("tool".equals(role)) {
				JsonNode content = message.has("content") ? message.get("content") : NullNode.getInstance();
				outputs.add(new ToolOutput(EvalJson.optionalString(message.get("tool_call_id")),
						EvalJson.optionalString(message.get("name")), content));
			}
		}
		return new EvalRun(messages, system, user, assistant, finalResponse, calls, outputs, pair(calls, outputs), trace,
				metrics, metadata);
	}

	/**
	 * Normalizes a case: its messages, its trace (the case's {@code trace}, or {@code input.trace}) when it names a
	 * run, its metrics and metadata.
	 * @param evalCase the case
	 * @return the run
	 */
	public static EvalRun of(EvalCase evalCase) {
		JsonNode payload = evalCase.trace();
		if (payload == null && evalCase.input().path("trace").isObject()) {
			payload = evalCase.input().get("trace");
		}
		TraceDag trace = null;
		if (payload != null) {
			String runId = runId(payload);
			if (runId != null) {
				trace = TraceDag.fromPayload(payload, runId);
			}
		}
		return fromMessages(evalCase.messages(), trace, evalCase.metrics(), evalCase.metadata());
	}

	private static @Nullable String runId(JsonNode payload) {
		JsonNode runId = payload.get("run_id");
		if (runId != null && !runId.isNull()) {
			return EvalJson.pyStr(runId);
		}
		JsonNode runs = payload.get("runs");
		if (runs != null && runs.isArray() && !runs.isEmpty()) {
			JsonNode id = runs.get(0).get("id");
			if (id != null && !id.isNull()) {
				return EvalJson.pyStr(id);
			}
		}
		return null;
	}

	private static List<ToolCall> toolCalls(JsonNode message) {
		List<ToolCall> calls = new ArrayList<>();
		JsonNode toolCalls = message.get("tool_calls");
		if (toolCalls != null && toolCalls.isArray()) {
			for (JsonNode raw : toolCalls) {
				if (!raw.isObject()) {
					continue;
				}
				JsonNode function = raw.path("function").isObject() ? raw.get("function") : EvalJson.NODES.objectNode();
				JsonNode name = EvalJson.pyTruthy(function.get("name")) ? function.get("name") : raw.get("name");
				JsonNode arguments = function.has("arguments") ? function.get("arguments") : raw.get("arguments");
				calls.add(new ToolCall(EvalJson.optionalString(raw.get("id")), toolName(name),
						(arguments != null) ? arguments : NullNode.getInstance()));
			}
		}
		JsonNode functionCall = message.get("function_call");
		if (functionCall != null && functionCall.isObject()) {
			JsonNode arguments = functionCall.get("arguments");
			calls.add(new ToolCall(null, toolName(functionCall.get("name")),
					(arguments != null) ? arguments : NullNode.getInstance()));
		}
		return calls;
	}

	private static String toolName(@Nullable JsonNode name) {
		return EvalJson.pyTruthy(name) ? EvalJson.pyStr(name) : "unknown_tool";
	}

	private static List<ToolInteraction> pair(List<ToolCall> calls, List<ToolOutput> outputs) {
		Map<String, ToolOutput> byId = new HashMap<>();
		for (ToolOutput output : outputs) {
			if (output.toolCallId() != null) {
				byId.put(output.toolCallId(), output);
			}
		}
		List<ToolInteraction> interactions = new ArrayList<>(calls.size());
		for (ToolCall call : calls) {
			interactions.add(new ToolInteraction(call, (call.id() != null) ? byId.get(call.id()) : null));
		}
		return interactions;
	}

	/**
	 * Returns the run as JSON, as the Python SDK dumps its {@code EvalRun} (the trace as run, spans and events).
	 * @return the JSON
	 */
	public ObjectNode toJson() {
		ObjectNode node = EvalJson.NODES.objectNode();
		ArrayNode messages = node.putArray("messages");
		this.messages.forEach(messages::add);
		strings(node, "system_prompts", this.systemPrompts);
		strings(node, "user_messages", this.userMessages);
		strings(node, "assistant_messages", this.assistantMessages);
		node.put("final_response", this.finalResponse);
		ArrayNode calls = node.putArray("tool_calls");
		this.toolCalls.forEach((call) -> calls.add(call.toJson()));
		ArrayNode outputs = node.putArray("tool_outputs");
		this.toolOutputs.forEach((output) -> outputs.add(output.toJson()));
		ArrayNode interactions = node.putArray("tool_interactions");
		for (ToolInteraction interaction : this.toolInteractions) {
			ObjectNode item = interactions.addObject();
			item.set("call", interaction.call().toJson());
			item.set("output", (interaction.output() != null) ? interaction.output().toJson() : NullNode.getInstance());
		}
		node.set("trace", (this.trace != null) ? TraceJson.write(this.trace) : NullNode.getInstance());
		ObjectNode metrics = node.putObject("metrics");
		EvalCase.putNumber(metrics, "latency_ms", this.metrics.latencyMs());
		EvalCase.putNumber(metrics, "cost_usd", this.metrics.costUsd());
		node.set("metadata", EvalJson.toJson(this.metadata));
		return node;
	}

	private static void strings(ObjectNode node, String name, List<String> values) {
		ArrayNode list = node.putArray(name);
		values.forEach(list::add);
	}

}
