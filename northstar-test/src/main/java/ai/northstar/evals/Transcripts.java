package ai.northstar.evals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the transcript of a recorded run from its trace, so that the transcript graders see what the agent did:
 * <ul>
 * <li>events outside model spans, in order: {@code system_message}, {@code user_input}, {@code assistant_message}
 * and {@code final_response} become system, user and assistant messages;</li>
 * <li>each span of kind {@code tool} becomes an assistant message with one tool call (id: the span id, name: the
 * span name, arguments: its {@code tool_arguments}, the {@code kwargs} of a Python-recorded call) and, when it
 * recorded a {@code tool_result}, a tool message answering it;</li>
 * <li>when the run has no tool span, the tool calls a model asked for ({@code tool_arguments} events of model spans,
 * by {@code tool_call_id}) and the tool results given back to it become those messages, each call once;</li>
 * <li>when no event outside model spans gives an answer, the last assistant message of a model span does.</li>
 * </ul>
 * Metrics are the run's {@code latency_ms} (or its duration) and {@code cost_usd}.
 *
 * @since 0.1.0
 */
public final class Transcripts {

	private Transcripts() {
	}

	/**
	 * Reads the transcript of a trace.
	 * @param trace the trace
	 * @return the messages, chat-completion style
	 */
	public static List<JsonNode> messages(TraceDag trace) {
		Map<String, TraceDag.TraceSpan> spans = new HashMap<>();
		trace.spans().forEach((span) -> spans.put(span.id(), span));
		boolean hasToolSpans = trace.spans().stream().anyMatch((span) -> span.kind().equals("tool"));
		List<JsonNode> messages = new ArrayList<>();
		Set<String> toolSpansDone = new HashSet<>();
		Set<String> modelCallsDone = new HashSet<>();
		boolean answered = false;
		JsonNode lastModelAnswer = null;
		for (TraceDag.TraceEvent event : trace.events()) {
			TraceDag.TraceSpan span = (event.spanId() != null) ? spans.get(event.spanId()) : null;
			String kind = (span != null) ? span.kind() : "";
			if (kind.equals("tool")) {
				if (event.type().equals("tool_arguments") && toolSpansDone.add(span.id())) {
					messages.add(call(span.id(), span.name(), canonical(event.content())));
				}
				else if (event.type().equals("tool_result")) {
					messages.add(result(span.id(), span.name(), event.content()));
				}
				continue;
			}
			if (kind.equals("model")) {
				if (event.type().equals("assistant_message") && EvalJson.messageText(event.content()) != null) {
					lastModelAnswer = event.content();
				}
				if (!hasToolSpans && event.type().equals("tool_arguments")) {
					String id = attribute(event, "tool_call_id");
					if (id == null || modelCallsDone.add(id)) {
						String name = attribute(event, "name");
						messages.add(call(id, (name != null) ? name : "unknown_tool", event.content()));
					}
				}
				else if (!hasToolSpans && event.type().equals("tool_result")) {
					String id = attribute(event, "tool_call_id");
					if (id == null || modelCallsDone.add("result:" + id)) {
						messages.add(result(id, attribute(event, "name"), event.content()));
					}
				}
				continue;
			}
			switch (event.type()) {
				case "system_message" -> messages.add(message("system", event.content()));
				case "user_input" -> messages.add(message("user", event.content()));
				case "assistant_message", "final_response" -> {
					messages.add(message("assistant", event.content()));
					answered |= EvalJson.messageText(event.content()) != null;
				}
				default -> {
				}
			}
		}
		if (!answered && lastModelAnswer != null) {
			messages.add(message("assistant", lastModelAnswer));
		}
		return messages;
	}

	/**
	 * Reads the metrics of a trace: {@code latency_ms} from the run's metadata, else its duration; {@code cost_usd}
	 * from its metadata.
	 * @param trace the trace
	 * @return the metrics
	 */
	public static EvalMetrics metrics(TraceDag trace) {
		JsonNode latency = trace.run().metadata().get("latency_ms");
		Double latencyMs = (latency != null && latency.isNumber()) ? latency.asDouble() : null;
		if (latencyMs == null) {
			Instant start = TraceDag.parseTime(trace.run().startedAt());
			Instant end = TraceDag.parseTime(trace.run().endedAt());
			if (start != null && end != null) {
				latencyMs = Duration.between(start, end).toNanos() / 1_000_000.0;
			}
		}
		JsonNode cost = trace.run().metadata().get("cost_usd");
		return new EvalMetrics(latencyMs, (cost != null && cost.isNumber()) ? cost.asDouble() : null);
	}

	private static JsonNode canonical(JsonNode arguments) {
		if (arguments.isObject() && arguments.size() <= 2 && arguments.path("kwargs").isObject()) {
			boolean python = true;
			for (String name : arguments.propertyNames()) {
				python &= name.equals("args") || name.equals("kwargs");
			}
			if (python) {
				return arguments.get("kwargs");
			}
		}
		return arguments;
	}

	private static @Nullable String attribute(TraceDag.TraceEvent event, String name) {
		return EvalJson.optionalString(event.attributes().get(name));
	}

	private static ObjectNode message(String role, JsonNode content) {
		ObjectNode message = EvalJson.NODES.objectNode();
		message.put("role", role);
		message.set("content", content);
		return message;
	}

	private static ObjectNode call(@Nullable String id, String name, JsonNode arguments) {
		ObjectNode message = message("assistant", NullNode.getInstance());
		ObjectNode call = message.putArray("tool_calls").addObject();
		call.put("id", id);
		call.put("type", "function");
		call.putObject("function").put("name", name).set("arguments", arguments);
		return message;
	}

	private static ObjectNode result(@Nullable String id, @Nullable String name, JsonNode content) {
		ObjectNode message = message("tool", content);
		message.put("tool_call_id", id);
		message.put("name", name);
		return message;
	}

}
