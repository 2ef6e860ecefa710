package ai.northstar.spring.ai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
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

/**
 * A deterministic chat model that behaves like a Spring AI provider: it merges its default options into the prompt,
 * observes each call with a {@link ChatModelObservationContext} the way Spring AI's OpenAI model does (blocking calls
 * with {@code observe}, streams started at subscription under the Reactor context's parent observation, stopped in
 * {@code doFinally}, aggregated with {@link MessageAggregator}), answers with tool calls, reasoning and usage (with
 * cache-read tokens), and streams its text in chunks on another thread with usage in the last chunk only.
 */
public final class ScriptedChatModel implements ChatModel {

	/** The provider name of its observations. */
	public static final String PROVIDER = "scripted";

	private static final DefaultChatModelObservationConvention CONVENTION = new DefaultChatModelObservationConvention();

	private final ObservationRegistry registry;

	private final String responseModel;

	private final Function<Prompt, Reply> script;

	private final ChatOptions defaults;

	/**
	 * Creates a model.
	 * @param registry the observation registry
	 * @param requestModel the default model of requests
	 * @param responseModel the model responses name
	 * @param script what it answers
	 */
	public ScriptedChatModel(ObservationRegistry registry, String requestModel, String responseModel,
			Function<Prompt, Reply> script) {
		this.registry = registry;
		this.responseModel = responseModel;
		this.script = script;
		this.defaults = ToolCallingChatOptions.builder().model(requestModel).temperature(0.3).maxTokens(800).build();
	}

	@Override
	public ChatOptions getOptions() {
		return this.defaults;
	}

	private Prompt withDefaults(Prompt prompt) {
		ChatOptions options = prompt.getOptions();
		if (options == null) {
			return new Prompt(prompt.getInstructions(), this.defaults.mutate().build());
		}
		ChatOptions.Builder<?> merged = options.mutate();
		if (options.getModel() == null) {
			merged.model(this.defaults.getModel());
		}
		return new Prompt(prompt.getInstructions(), merged.build());
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		Prompt request = withDefaults(prompt);
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(request)
			.provider(PROVIDER)
			.build();
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, CONVENTION, () -> context, this.registry)
			.observe(() -> {
				Reply reply = this.script.apply(request);
				if (reply.failure() != null) {
					throw reply.failure();
				}
				ChatResponse response = response(reply, String.join("", reply.chunks()), reply.toolCalls(), true);
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
					CONVENTION, () -> context, this.registry);
			Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			observation.parentObservation(parent);
			try (Observation.Scope ignored = (parent != null) ? parent.openScope() : Observation.Scope.NOOP) {
				observation.start();
			}
			Reply reply = this.script.apply(request);
			List<ChatResponse> chunks = new ArrayList<>();
			for (String text : reply.chunks()) {
				chunks.add(response(reply, text, List.of(), false));
			}
			if (!reply.toolCalls().isEmpty()) {
				chunks.add(response(reply, "", reply.toolCalls(), false));
			}
			chunks.add(response(reply, "", List.of(), true));
			Flux<ChatResponse> source = Flux.fromIterable(chunks).delayElements(Duration.ofMillis(2),
					Schedulers.parallel());
			if (reply.hangAfter() >= 0) {
				source = source.take(reply.hangAfter()).concatWith(Flux.never());
			}
			if (reply.failure() != null) {
				source = source.take(1).concatWith(Flux.error(reply.failure()));
			}
			Flux<ChatResponse> observed = source.doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
			return new MessageAggregator().aggregate(observed, context::setResponse);
		});
	}

	/**
	 * One response, or one chunk of a stream: with {@code last}, the usage (with the cache-read count, which a stream's
	 * aggregate drops) and the finish reason.
	 */
	private ChatResponse response(Reply reply, String text, List<AssistantMessage.ToolCall> toolCalls, boolean last) {
		AssistantMessage.Builder<?> message = AssistantMessage.builder().content(text).toolCalls(toolCalls);
		if (last && reply.reasoning() != null) {
			message.properties(Map.of("reasoningContent", reply.reasoning()));
		}
		ChatGenerationMetadata generation = last ? ChatGenerationMetadata.builder()
			.finishReason(toolCalls.isEmpty() && reply.toolCalls().isEmpty() ? "STOP" : "TOOL_CALLS")
			.build() : ChatGenerationMetadata.NULL;
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().model(this.responseModel);
		if (last) {
			metadata.usage(new DefaultUsage(reply.inputTokens(), reply.outputTokens(),
					reply.inputTokens() + reply.outputTokens(), Map.of("provider", PROVIDER), reply.cacheReadTokens(),
					null));
		}
		return new ChatResponse(List.of(new Generation(message.build(), generation)), metadata.build());
	}

	/**
	 * Returns how many tool results the prompt holds: the round of a tool-calling loop, from 0.
	 */
	public static int toolRounds(Prompt prompt) {
		int rounds = 0;
		for (Message message : prompt.getInstructions()) {
			if (message instanceof ToolResponseMessage) {
				rounds++;
			}
		}
		return rounds;
	}

	/**
	 * What the model answers to one prompt.
	 *
	 * @param chunks the text, in stream chunks
	 * @param toolCalls the tools it asks for
	 * @param inputTokens the input tokens it reports
	 * @param outputTokens the output tokens it reports
	 * @param cacheReadTokens the cached input tokens it reports
	 * @param reasoning its reasoning, if any
	 * @param hangAfter for a stream, the chunks sent before it hangs forever, or -1
	 * @param failure the error it fails with, after one chunk of a stream
	 */
	public record Reply(List<String> chunks, List<AssistantMessage.ToolCall> toolCalls, int inputTokens, int outputTokens,
			@Nullable Long cacheReadTokens, @Nullable String reasoning, int hangAfter,
			@Nullable RuntimeException failure) {

		public static Reply text(int inputTokens, int outputTokens, String... chunks) {
			return new Reply(List.of(chunks), List.of(), inputTokens, outputTokens, null, null, -1, null);
		}

		public static Reply tools(int inputTokens, int outputTokens, AssistantMessage.ToolCall... calls) {
			return new Reply(List.of(), List.of(calls), inputTokens, outputTokens, null, null, -1, null);
		}

		public Reply withCacheRead(long tokens) {
			return new Reply(this.chunks, this.toolCalls, this.inputTokens, this.outputTokens, tokens, this.reasoning,
					this.hangAfter, this.failure);
		}

		public Reply withReasoning(String text) {
			return new Reply(this.chunks, this.toolCalls, this.inputTokens, this.outputTokens, this.cacheReadTokens,
					text, this.hangAfter, this.failure);
		}

		public Reply hangingAfter(int sent) {
			return new Reply(this.chunks, this.toolCalls, this.inputTokens, this.outputTokens, this.cacheReadTokens,
					this.reasoning, sent, this.failure);
		}

		public Reply failingWith(RuntimeException error) {
			return new Reply(this.chunks, this.toolCalls, this.inputTokens, this.outputTokens, this.cacheReadTokens,
					this.reasoning, this.hangAfter, error);
		}

	}

	/**
	 * Returns the script of a travel agent: the last user message decides. {@code météo}/{@code weather}: one tool
	 * round ({@code weather}); {@code voyage}/{@code trip}: two tool rounds ({@code weather}, then {@code forecast});
	 * {@code hôtel}/{@code hotel}: the failing {@code book_hotel}; {@code hang}: a stream that hangs after two
	 * chunks; {@code panne}: a failure (after one chunk of a stream); anything else: a text answer with reasoning.
	 * Round {@code r} reports {@code 120 + 80 r} input and {@code 30 + 10 r} output tokens, and 64 cached tokens in
	 * round 0.
	 * @return the script
	 */
	public static Function<Prompt, Reply> agent() {
		return (prompt) -> {
			String question = lastUser(prompt);
			String lower = question.toLowerCase(java.util.Locale.ROOT);
			int round = toolRounds(prompt);
			int input = 120 + 80 * round;
			int output = 30 + 10 * round;
			String city = lastWord(question);
			if (lower.contains("panne")) {
				return Reply.text(input, output, "Je ", "réfléchis").failingWith(new IllegalStateException("modèle en panne ⚡"));
			}
			if (lower.contains("hang")) {
				return Reply.text(input, output, "Ça ", "commence ", "puis ", "rien").hangingAfter(2);
			}
			if ((lower.contains("météo") || lower.contains("weather")) && round == 0) {
				return Reply.tools(input, output, call(round, "weather", "{\"city\":\"" + city + "\"}")).withCacheRead(64);
			}
			if ((lower.contains("voyage") || lower.contains("trip")) && round < 2) {
				return (round == 0) ? Reply.tools(input, output, call(round, "weather", "{\"city\":\"" + city + "\"}")).withCacheRead(64)
						: Reply.tools(input, output, call(round, "forecast", "{\"city\":\"" + city + "\",\"days\":2}"));
			}
			if ((lower.contains("hôtel") || lower.contains("hotel")) && round == 0) {
				return Reply.tools(input, output, call(round, "book_hotel", "{\"reason\":\"" + city + "\"}"));
			}
			if (round > 0) {
				return Reply.text(input, output, "Voici ", "la réponse pour ", city, " ✅");
			}
			return Reply.text(input, output, "Réponse à « ", question, " » 🙂").withReasoning("L'utilisateur demande " + city + " 🤔");
		};
	}

	private static AssistantMessage.ToolCall call(int round, String name, String arguments) {
		return new AssistantMessage.ToolCall("call_" + round + "_" + name, "function", name, arguments);
	}

	private static String lastUser(Prompt prompt) {
		List<Message> messages = prompt.getInstructions();
		for (int i = messages.size() - 1; i >= 0; i--) {
			if (messages.get(i).getMessageType() == org.springframework.ai.chat.messages.MessageType.USER) {
				String text = messages.get(i).getText();
				return (text != null) ? text : "";
			}
		}
		return "";
	}

	private static String lastWord(String text) {
		String[] words = text.trim().split("\\s+");
		return words[words.length - 1].replaceAll("[?!.,;:]+$", "");
	}

}
