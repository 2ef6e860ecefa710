package ai.northstar.sample.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.northstar.ChatMessage;
import ai.northstar.ChatMessage.ToolCall;
import ai.northstar.sample.tools.DocumentSearchTool;
import ai.northstar.sample.tools.Keywords;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A deterministic stand-in for a chat model such as {@code gpt-4o}: no network, the same answer for the same
 * conversation. It plans like a tool-using model does:
 * <ol>
 * <li>first it asks for {@code search_docs} with the question, plus {@code calculator} when the question contains
 * arithmetic;</li>
 * <li>with the search results, it asks for {@code fetch_page} on the two best hits (or answers at once when
 * nothing was found);</li>
 * <li>then it answers from the pages, falling back to the search snippet of a page that could not be fetched.</li>
 * </ol>
 * Token counts are estimated as one token per four characters.
 *
 * @since 0.1.0
 */
@Component
public class FakeChatModel {

	/** The answer when neither the documents nor the calculator had anything. */
	public static final String NO_ANSWER = "I could not find anything about this in the documentation.";

	private static final int PAGES_TO_FETCH = 2;

	private static final int TOKENS_PER_MESSAGE = 3;

	private static final int TOKENS_PER_TOOL_CALL = 12;

	private static final Pattern ARITHMETIC = Pattern.compile("(?:\\(\\s*)*-?\\d+(?:\\.\\d+)?(?:\\s*\\))*"
			+ "(?:\\s*[-+*/]\\s*(?:\\(\\s*)*-?\\d+(?:\\.\\d+)?(?:\\s*\\))*)+");

	private static final Pattern SEARCH_HIT = Pattern.compile("^\\d+\\. (.+) \\(url: (\\S+)\\)\\R\\s+(.+)$",
			Pattern.MULTILINE);

	private static final String ERROR_PREFIX = "error: ";

	/**
	 * Answers a conversation.
	 * @param messages the conversation: a system message, the user's question, then assistant and tool messages
	 * @return the next assistant message and its usage
	 */
	public ChatCompletion complete(List<ChatMessage> messages) {
		String question = question(messages);
		long planned = messages.stream()
			.filter((message) -> message.role().equals("assistant") && !message.toolCalls().isEmpty())
			.count();
		ChatMessage answer;
		if (planned == 0) {
			answer = planSearch(question);
		}
		else if (planned == 1 && !hits(messages).isEmpty()) {
			answer = planFetch(hits(messages));
		}
		else {
			answer = ChatMessage.assistant(compose(question, messages));
		}
		return new ChatCompletion(answer, promptTokens(messages), completionTokens(answer));
	}

	/**
	 * Finds the first arithmetic expression in a text.
	 * @param text the text
	 * @return the expression, or {@code null}
	 */
	public static @Nullable String arithmetic(String text) {
		Matcher matcher = ARITHMETIC.matcher(text);
		return matcher.find() ? matcher.group().strip() : null;
	}

	private static ChatMessage planSearch(String question) {
		List<ToolCall> calls = new ArrayList<>();
		calls.add(new ToolCall("call_1_1", "search_docs", arguments("query", question, "limit", 3)));
		String expression = arithmetic(question);
		String content = "I will search the documentation";
		if (expression != null) {
			calls.add(new ToolCall("call_1_2", "calculator", arguments("expression", expression)));
			content += " and compute " + expression;
		}
		return ChatMessage.assistant(content + ".", calls.toArray(ToolCall[]::new));
	}

	private static ChatMessage planFetch(List<Hit> hits) {
		List<ToolCall> calls = new ArrayList<>();
		for (Hit hit : hits.subList(0, Math.min(PAGES_TO_FETCH, hits.size()))) {
			calls.add(new ToolCall("call_2_" + (calls.size() + 1), "fetch_page", arguments("url", hit.url())));
		}
		return ChatMessage.assistant("I will read the most relevant pages.", calls.toArray(ToolCall[]::new));
	}

	private static String compose(String question, List<ChatMessage> messages) {
		Set<String> keywords = Keywords.of(question);
		Map<String, String> fetchedUrls = new LinkedHashMap<>();
		for (ChatMessage message : messages) {
			for (ToolCall call : message.toolCalls()) {
				if (call.name().equals("fetch_page") && call.arguments() instanceof Map<?, ?> arguments) {
					fetchedUrls.put(call.id(), String.valueOf(arguments.get("url")));
				}
			}
		}
		List<Hit> hits = hits(messages);
		List<String> parts = new ArrayList<>();
		for (ChatMessage message : messages) {
			if (!message.role().equals("tool")) {
				continue;
			}
			String content = String.valueOf(message.content());
			if ("fetch_page".equals(message.name())) {
				String url = fetchedUrls.get(message.toolCallId());
				if (!content.startsWith(ERROR_PREFIX)) {
					String[] titleAndText = content.split("\\R", 2);
					String text = (titleAndText.length > 1) ? titleAndText[1] : titleAndText[0];
					parts.add("According to \"" + titleAndText[0] + "\": "
							+ DocumentSearchTool.bestSentence(text, keywords));
				}
				else {
					hits.stream()
						.filter((hit) -> hit.url().equals(url))
						.findFirst()
						.ifPresent((hit) -> parts.add("The page \"" + hit.title()
								+ "\" could not be read, but its summary says: " + hit.snippet()));
				}
			}
			else if ("calculator".equals(message.name())) {
				parts.add(content.startsWith(ERROR_PREFIX)
						? "I could not compute that (" + content.substring(ERROR_PREFIX.length()) + ")."
						: "The calculation gives " + content + ".");
			}
		}
		return parts.isEmpty() ? NO_ANSWER : String.join(" ", parts);
	}

	private static String question(List<ChatMessage> messages) {
		return messages.stream()
			.filter((message) -> message.role().equals("user"))
			.map((message) -> String.valueOf(message.content()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("The conversation has no user message"));
	}

	private static List<Hit> hits(List<ChatMessage> messages) {
		List<Hit> hits = new ArrayList<>();
		for (ChatMessage message : messages) {
			if (message.role().equals("tool") && "search_docs".equals(message.name())) {
				Matcher matcher = SEARCH_HIT.matcher(String.valueOf(message.content()));
				while (matcher.find()) {
					hits.add(new Hit(matcher.group(1), matcher.group(2), matcher.group(3).strip()));
				}
			}
		}
		return hits;
	}

	private static Map<String, Object> arguments(Object... keysAndValues) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			arguments.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return arguments;
	}

	private static int promptTokens(List<ChatMessage> messages) {
		int tokens = 0;
		for (ChatMessage message : messages) {
			tokens += TOKENS_PER_MESSAGE + estimate(String.valueOf(message.content()))
					+ TOKENS_PER_TOOL_CALL * message.toolCalls().size();
		}
		return tokens;
	}

	private static int completionTokens(ChatMessage answer) {
		return estimate(String.valueOf(answer.content())) + TOKENS_PER_TOOL_CALL * answer.toolCalls().size();
	}

	private static int estimate(String text) {
		return Math.max(1, (text.length() + 3) / 4);
	}

	private record Hit(String title, String url, String snippet) {
	}

}
