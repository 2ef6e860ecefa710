package ai.northstar.sample.model;

import java.time.Duration;
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
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A deterministic stand-in for a Spring AI chat model such as OpenAI's {@code gpt-4o}: no network, the same answer
 * for the same conversation, and otherwise what a provider does. It is a {@link ChatModel}: it merges its default
 * options ({@value #MODEL}) into each prompt, observes every call with a {@link ChatModelObservationContext} (which is
 * all NorthStar needs to trace it), answers with tool calls and token usage reported for
 * {@value #RESPONSE_MODEL}, and streams its answer word by word with the usage in the last chunk. It plans like a
 * tool-using model does:
 * <ol>
 * <li>first it asks for {@code search_docs} with the question, plus {@code calculator} when the question contains
 * arithmetic;</li>
 * <li>with the search results, it asks for {@code fetch_page} on the two best hits (or answers at once when
 * nothing was found);</li>
 * <li>then it answers from the pages, falling back to the search snippet of a page that could not be fetched.</li>
 * </ol>
 * Asked to judge an answer the way Spring AI's {@code RelevancyEvaluator} asks (a prompt with {@code Response:},
 * {@code Context:} and {@code Answer:} sections, to answer {@code YES} or {@code NO}), it answers {@code YES} when
 * most of the response's keywords appear in the context.
 * Token counts are estimated as one token per four characters.
 *
 * @since 0.1.0
 */
@Component
public class FakeChatModel implements ChatModel {

	/** The model requests name by default. */
	public static final String MODEL = "gpt-4o";

	/** The model responses report, priced by NorthStar as {@code gpt-4o}. */
	public static final String RESPONSE_MODEL = "gpt-4o-2024-08-06";

	/** The provider name of its observations. */
	public static final String PROVIDER = "sample";

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

	private static final Pattern JUDGE_PROMPT = Pattern
		.compile("(?s)Answer YES.*\\bNO\\b.*Response:\\s*(.*?)\\s*Context:\\s*(.*?)\\s*Answer:\\s*$");

	private static final double JUDGE_KEYWORD_SHARE = 0.6;

	private static final Duration CHUNK_DELAY = Duration.ofMillis(5);

	private static final DefaultChatModelObservationConvention CONVENTION = new DefaultChatModelObservationConvention();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ObservationRegistry observationRegistry;

	private final ChatOptions defaults = ToolCallingChatOptions.builder().model(MODEL).temperature(0.2).build();

	/**
	 * Creates a model that emits no observations, for tests of its answers.
	 */
	public FakeChatModel() {
		this(ObservationRegistry.NOOP);
	}

	/**
	 * Creates a model that emits its observations to the registry.
	 * @param observationRegistry the registry
	 */
	public FakeChatModel(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Creates the model bean with the application's observation registry, as Spring AI's provider
	 * auto-configurations do.
	 * @param observationRegistry the registry, if any
	 */
	@Autowired
	public FakeChatModel(ObjectProvider<ObservationRegistry> observationRegistry) {
		this(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
	}

	@Override
	public ChatOptions getOptions() {
		return this.defaults;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		Prompt request = withDefaults(prompt);
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(request)
			.provider(PROVIDER)
			.build();
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, CONVENTION, () -> context, this.observationRegistry)
			.observe(() -> {
				ChatCompletion completion = complete(toChatMessages(request.getInstructions()));
				ChatResponse response = response(completion, String.valueOf(orEmpty(completion.message().content())),
						true, true);
				context.setResponse(response);
				return response;
			});
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		Prompt request = withDefaults(prompt);
		return Flux.deferContextual((contextView) -> {
			ChatModelObservationContext context = ChatModelObservationContext.builder()
				.prompt(request)
				.provider(PROVIDER)
				.streaming(true)
				.build();
			Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(null,
					CONVENTION, () -> context, this.observationRegistry);
			Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			observation.parentObservation(parent);
			try (Observation.Scope ignored = (parent != null) ? parent.openScope() : Observation.Scope.NOOP) {
				observation.start();
			}
			ChatCompletion completion = complete(toChatMessages(request.getInstructions()));
			List<ChatResponse> chunks = new ArrayList<>();
			String text = String.valueOf(orEmpty(completion.message().content()));
			for (String word : text.split("(?<= )")) {
				if (!word.isEmpty()) {
					chunks.add(response(completion, word, false, false));
				}
			}
			chunks.add(response(completion, "", !completion.message().toolCalls().isEmpty(), true));
			Flux<ChatResponse> observed = Flux.fromIterable(chunks)
				.delayElements(CHUNK_DELAY, Schedulers.parallel())
				.doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
			return new MessageAggregator().aggregate(observed, context::setResponse);
		});
	}

	private Prompt withDefaults(Prompt prompt) {
		ChatOptions options = prompt.getOptions();
		if (options == null) {
			return new Prompt(prompt.getInstructions(), this.defaults.mutate().build());
		}
		if (options.getModel() != null) {
			return prompt;
		}
		return new Prompt(prompt.getInstructions(), options.mutate().model(MODEL).build());
	}

	/**
	 * One response, or one chunk of a stream: with {@code last}, the usage and the finish reason.
	 */
	private static ChatResponse response(ChatCompletion completion, String text, boolean withToolCalls, boolean last) {
		List<AssistantMessage.ToolCall> calls = new ArrayList<>();
		if (withToolCalls) {
			for (ToolCall call : completion.message().toolCalls()) {
				calls.add(new AssistantMessage.ToolCall(call.id(), "function", call.name(), json(call.arguments())));
			}
		}
		AssistantMessage message = AssistantMessage.builder().content(text).toolCalls(calls).build();
		ChatGenerationMetadata generation = last ? ChatGenerationMetadata.builder()
			.finishReason(completion.message().toolCalls().isEmpty() ? "STOP" : "TOOL_CALLS")
			.build() : ChatGenerationMetadata.NULL;
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().model(RESPONSE_MODEL);
		if (last) {
			metadata.usage(new DefaultUsage(completion.promptTokens(), completion.completionTokens(),
					completion.promptTokens() + completion.completionTokens()));
		}
		return new ChatResponse(List.of(new Generation(message, generation)), metadata.build());
	}

	/**
	 * Converts Spring AI's messages to the ones this model reasons on; tool results are JSON, as Spring AI's tool
	 * calling writes them.
	 */
	static List<ChatMessage> toChatMessages(List<Message> messages) {
		List<ChatMessage> converted = new ArrayList<>();
		for (Message message : messages) {
			if (message instanceof ToolResponseMessage tools) {
				for (ToolResponseMessage.ToolResponse response : tools.getResponses()) {
					converted.add(ChatMessage.tool(response.id(), response.name(), unjson(response.responseData())));
				}
			}
			else if (message instanceof AssistantMessage assistant) {
				List<ToolCall> calls = new ArrayList<>();
				for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
					calls.add(new ToolCall(call.id(), call.name(), arguments(call.arguments())));
				}
				converted.add(ChatMessage.assistant(assistant.getText(), calls.toArray(ToolCall[]::new)));
			}
			else if (message.getMessageType() == MessageType.USER) {
				converted.add(ChatMessage.user(orEmpty(message.getText())));
			}
			else if (message.getMessageType() == MessageType.SYSTEM) {
				converted.add(ChatMessage.system(orEmpty(message.getText())));
			}
		}
		return converted;
	}

	private static Object orEmpty(@Nullable Object value) {
		return (value != null) ? value : "";
	}

	private static String json(@Nullable Object value) {
		return JSON.writeValueAsString(value);
	}

	private static Map<String, Object> arguments(String json) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		JSON.readTree(json).properties().forEach((entry) -> arguments.put(entry.getKey(),
				entry.getValue().isNumber() ? entry.getValue().numberValue() : entry.getValue().asString()));
		return arguments;
	}

	private static String unjson(String data) {
		try {
			JsonNode node = JSON.readTree(data);
			return node.isString() ? node.asString() : data;
		}
		catch (JacksonException ex) {
			return data;
		}
	}

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
		Matcher judged = JUDGE_PROMPT.matcher(question);
		ChatMessage answer;
		if (planned == 0 && judged.find()) {
			answer = ChatMessage.assistant(judge(judged.group(1), judged.group(2)));
		}
		else if (planned == 0) {
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

	private static String judge(String response, String context) {
		Set<String> claimed = Keywords.of(response);
		Set<String> known = Keywords.of(context);
		long supported = claimed.stream().filter(known::contains).count();
		return (!claimed.isEmpty() && supported >= JUDGE_KEYWORD_SHARE * claimed.size()) ? "YES" : "NO";
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
