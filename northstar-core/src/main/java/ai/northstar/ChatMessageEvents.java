package ai.northstar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.northstar.capture.ContentCapture;
import ai.northstar.data.EventData;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Maps the chat messages of a model span to events by role, as the reference SDK does: {@code system} a system
 * message, {@code user} a user input, {@code assistant} an assistant message plus one tool arguments event per tool
 * call, {@code tool} a tool result, anything else a custom event. Reads the captured (redacted, bounded) tree of the
 * message, so it runs no application code beyond the capture.
 */
final class ChatMessageEvents {

	private ChatMessageEvents() {
	}

	/**
	 * Records one message as events of a span.
	 * @param span the span
	 * @param capture the capture of the span's client
	 * @param message the message: a {@link ChatMessage}, a map or any object with those properties
	 * @param written where the events written are added
	 */
	static void record(Span span, ContentCapture capture, @Nullable Object message, List<EventData> written) {
		Run run = span.run();
		JsonNode node = capture.capture(message);
		String role = text(node, "role");
		JsonNode content = node.path("content");
		JsonNode contentValue = content.isMissingNode() ? NullNode.getInstance() : content;
		switch ((role != null) ? role.toLowerCase(Locale.ROOT) : "") {
			case "system" -> run.record(EventType.SYSTEM_MESSAGE, span, contentValue, Map.of()).ifPresent(written::add);
			case "user" -> run.record(EventType.USER_INPUT, span, contentValue, Map.of()).ifPresent(written::add);
			case "assistant" -> {
				run.record(EventType.ASSISTANT_MESSAGE, span, contentValue, Map.of()).ifPresent(written::add);
				JsonNode toolCalls = first(node, "tool_calls", "toolCalls");
				if (toolCalls != null && toolCalls.isArray()) {
					for (JsonNode call : toolCalls) {
						JsonNode function = call.path("function");
						String callName = (text(call, "name") != null) ? text(call, "name") : text(function, "name");
						JsonNode arguments = first(call, "arguments", "args");
						if (arguments == null) {
							arguments = first(function, "arguments");
						}
						Map<String, Object> callAttributes = new LinkedHashMap<>();
						putIfPresent(callAttributes, "tool_call_id", text(call, "id"));
						putIfPresent(callAttributes, "name", callName);
						run.record(EventType.TOOL_ARGUMENTS, span, (arguments != null) ? arguments : NullNode.getInstance(),
								callAttributes).ifPresent(written::add);
					}
				}
			}
			case "tool" -> {
				Map<String, Object> resultAttributes = new LinkedHashMap<>();
				putIfPresent(resultAttributes, "tool_call_id", textOf(first(node, "tool_call_id", "toolCallId")));
				putIfPresent(resultAttributes, "name", text(node, "name"));
				run.record(EventType.TOOL_RESULT, span, contentValue, resultAttributes).ifPresent(written::add);
			}
			default -> run.record(EventType.CUSTOM, span, node, Map.of("northstar_type", "message"))
				.ifPresent(written::add);
		}
	}

	private static @Nullable JsonNode first(JsonNode node, String... names) {
		for (String name : names) {
			JsonNode value = node.get(name);
			if (value != null && !value.isNull()) {
				return value;
			}
		}
		return null;
	}

	private static @Nullable String text(JsonNode node, String name) {
		return textOf(node.get(name));
	}

	private static @Nullable String textOf(@Nullable JsonNode value) {
		return (value != null && value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

	private static void putIfPresent(Map<String, Object> map, String key, @Nullable String value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
