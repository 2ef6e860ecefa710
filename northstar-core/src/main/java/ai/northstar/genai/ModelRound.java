package ai.northstar.genai;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.northstar.ChatMessage;
import ai.northstar.Northstar;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.TraceContext;
import org.jspecify.annotations.Nullable;

/**
 * Records one model round: one request to a chat model and its answer, blocking or streamed, as a {@code MODEL} span
 * named {@code chat {model}} (the request's model; {@code chat} when the request names none). In a tool-calling loop
 * every round is one {@code ModelRound}, so N rounds give exactly N model spans and usage is counted once per round.
 *
 * <pre>{@code
 * ModelRound round = ModelRound.start(client, TraceContext.current(), "gpt-4o", "openai", false).orElse(null);
 * if (round != null) {
 *     round.requestOptions(0.2, 512, null);
 *     round.inputMessages(List.of(ChatMessage.system("Be brief."), ChatMessage.user(question)));
 * }
 * // ... call the model ...
 * round.succeed(new ModelRoundResult("gpt-4o-2024-08-06", ChatMessage.assistant(text), null,
 *         TokenUsage.of(120, 40), "STOP"));
 * }</pre>
 *
 * What is written:
 * <ul>
 * <li>at the start: attributes {@code provider}, {@code streaming: true} for a stream, and {@code temperature},
 * {@code max_tokens}, {@code top_p} when set ({@link #requestOptions}); the prompt's messages as events by role,
 * exactly as {@link Span#recordInputMessages} maps them ({@link #inputMessages});</li>
 * <li>at a successful end ({@link #succeed}): the answer as {@link Span#recordOutputMessage} maps it (an
 * {@code assistant_message} plus one {@code tool_arguments} event per tool call with {@code tool_call_id} and
 * {@code name}), the reasoning as a {@code reasoning} event, the usage through {@link Span#recordUsage} (so
 * {@code input_tokens}, {@code output_tokens}, {@code total_tokens}, {@code cost_usd} and {@code pricing_source} are
 * the client's, and the run's totals add them), {@code cache_read_tokens}, {@code finish_reason}, {@code model} (the
 * response's model when reported, else the request's), {@code time_to_first_token_ms} for a stream whose first
 * content was seen ({@link #firstContent}), and {@code latency_ms};</li>
 * <li>at a failed end ({@link #fail}): the error, and the partial text streamed so far as the assistant message;</li>
 * <li>at a cancelled end ({@link #cancel}): status {@code error} with a {@code CancellationException},
 * {@code cancelled: true}, and the partial text ({@link #appendText}).</li>
 * </ul>
 * The first end wins; later ones do nothing. Thread-safe: a stream's chunks may arrive on any thread.
 *
 * @since 0.1.0
 */
public final class ModelRound extends SpanRecorder {

	/** The model name recorded with the input messages when the request names no model. */
	public static final String UNKNOWN_MODEL = "unknown";

	/** The most characters of streamed text a round keeps as its partial answer. */
	public static final int MAX_PARTIAL_TEXT = 1024 * 1024;

	private final @Nullable String requestModel;

	private final boolean streaming;

	private final StringBuilder partialText = new StringBuilder();

	private long firstContentNanos;

	private ModelRound(Span span, @Nullable String requestModel, boolean streaming) {
		super(span);
		this.requestModel = requestModel;
		this.streaming = streaming;
	}

	/**
	 * Returns the span name of a round that requested a model: {@code chat {model}}, or {@code chat}.
	 * @param requestModel the requested model, if any
	 * @return the span name
	 */
	public static String spanName(@Nullable String requestModel) {
		return (requestModel == null || requestModel.isBlank()) ? "chat" : "chat " + requestModel;
	}

	/**
	 * Opens the model span of a round under the parent context.
	 * @param client the client
	 * @param parent the context to open the span in: its innermost span is the parent, else its run
	 * @param requestModel the model the request names, if any
	 * @param provider the provider, such as {@code openai}, if known
	 * @param streaming whether the answer is streamed
	 * @return the round, empty when tracing is off or the parent context holds no trace
	 */
	public static Optional<ModelRound> start(Northstar client, TraceContext parent, @Nullable String requestModel,
			@Nullable String provider, boolean streaming) {
		Span span = open(client, parent, spanName(requestModel), SpanKind.MODEL);
		if (span == null) {
			return Optional.empty();
		}
		ModelRound round = new ModelRound(span, requestModel, streaming);
		if (provider != null && !provider.isBlank()) {
			span.setAttribute(GenAiAttributes.PROVIDER, provider);
		}
		if (streaming) {
			span.setAttribute(GenAiAttributes.STREAMING, true);
		}
		return Optional.of(round);
	}

	/**
	 * Records the sampling options the request set; {@code null} ones are not written.
	 * @param temperature the temperature
	 * @param maxTokens the most output tokens
	 * @param topP the nucleus sampling probability
	 * @return this round
	 */
	public ModelRound requestOptions(@Nullable Double temperature, @Nullable Integer maxTokens, @Nullable Double topP) {
		Map<String, Object> options = new java.util.LinkedHashMap<>();
		putIfPresent(options, GenAiAttributes.TEMPERATURE, temperature);
		putIfPresent(options, GenAiAttributes.MAX_TOKENS, maxTokens);
		putIfPresent(options, GenAiAttributes.TOP_P, topP);
		if (!options.isEmpty()) {
			span().setAttributes(options);
		}
		return this;
	}

	/**
	 * Records the prompt's messages as events by role; see {@link Span#recordInputMessages}.
	 * @param messages the messages, typically {@link ChatMessage}s
	 * @return this round
	 */
	public ModelRound inputMessages(List<?> messages) {
		span().recordInputMessages((this.requestModel != null) ? this.requestModel : UNKNOWN_MODEL, messages);
		return this;
	}

	/**
	 * Notes that the first content of a stream arrived; the first call fixes {@code time_to_first_token_ms}.
	 */
	public void firstContent() {
		synchronized (this.partialText) {
			if (this.firstContentNanos == 0) {
				this.firstContentNanos = System.nanoTime();
			}
		}
	}

	/**
	 * Appends streamed text, kept as the partial answer of a stream that fails or is cancelled (its first
	 * {@value #MAX_PARTIAL_TEXT} characters: the event's content is capped far below that anyway); also counts as the
	 * first content when it is not empty.
	 * @param text the text of a chunk
	 */
	public void appendText(@Nullable CharSequence text) {
		if (text == null || text.isEmpty()) {
			return;
		}
		synchronized (this.partialText) {
			if (this.firstContentNanos == 0) {
				this.firstContentNanos = System.nanoTime();
			}
			int room = MAX_PARTIAL_TEXT - this.partialText.length();
			if (room > 0) {
				int end = Math.min(room, text.length());
				if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
					end--;
				}
				this.partialText.append(text, 0, end);
			}
		}
	}

	/**
	 * Returns the text streamed so far.
	 * @return the partial text
	 */
	public String partialText() {
		synchronized (this.partialText) {
			return this.partialText.toString();
		}
	}

	/**
	 * Ends the round with the model's answer.
	 * @param result the answer
	 */
	public void succeed(ModelRoundResult result) {
		if (!claimEnd()) {
			return;
		}
		finish(() -> {
			String model = (result.responseModel() != null && !result.responseModel().isBlank())
					? result.responseModel() : this.requestModel;
			Span span = span();
			if (result.output() != null) {
				span.recordOutputMessage((model != null) ? model : UNKNOWN_MODEL, result.output());
			}
			if (result.reasoning() != null && !result.reasoning().isBlank()) {
				span.recordReasoning(result.reasoning());
			}
			TokenUsage usage = result.usage();
			if (usage != null) {
				span.recordUsage((model != null) ? model : UNKNOWN_MODEL, usage.inputTokens(), usage.outputTokens());
				if (usage.cacheReadTokens() != null) {
					span.setAttribute(GenAiAttributes.CACHE_READ_TOKENS, usage.cacheReadTokens());
				}
			}
			if (model != null) {
				span.setAttribute(GenAiAttributes.MODEL, model);
			}
			if (result.finishReason() != null && !result.finishReason().isBlank()) {
				span.setAttribute(GenAiAttributes.FINISH_REASON, result.finishReason());
			}
			recordTimeToFirstToken();
		});
	}

	/**
	 * Ends the round failed; the text streamed so far, if any, is recorded as the assistant message.
	 * @param error the error
	 */
	public void fail(Throwable error) {
		if (!claimEnd()) {
			return;
		}
		finish(() -> {
			recordPartialText();
			recordTimeToFirstToken();
			span().recordError(error);
		});
	}

	/**
	 * Ends the round as cancelled: status {@code error}, {@code cancelled: true}, and the partial text as the
	 * assistant message.
	 */
	public void cancel() {
		if (!claimEnd()) {
			return;
		}
		finish(() -> {
			recordPartialText();
			recordTimeToFirstToken();
			recordCancellation();
		});
	}

	private void recordPartialText() {
		String text = partialText();
		if (!text.isEmpty()) {
			span().recordOutputMessage((this.requestModel != null) ? this.requestModel : UNKNOWN_MODEL,
					ChatMessage.assistant(text));
		}
	}

	private void recordTimeToFirstToken() {
		long first;
		synchronized (this.partialText) {
			first = this.firstContentNanos;
		}
		if (this.streaming && first != 0) {
			span().setAttribute(GenAiAttributes.TIME_TO_FIRST_TOKEN_MS, Math.max(0, (first - startNanos()) / 1_000_000));
		}
	}

	private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
