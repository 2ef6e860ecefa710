package ai.northstar.langchain4j;

import java.util.List;
import java.util.Map;

import ai.northstar.Northstar;
import ai.northstar.TraceContext;
import ai.northstar.genai.AutoTraceRun;
import ai.northstar.genai.ModelRound;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link ChatModelListener} that records every call of the model it listens to as a {@code MODEL}
 * span {@code chat {model}} (the request's model), exactly as the Spring AI integration records a model round:
 * attributes {@code provider}, {@code model} (the response's model when reported), {@code input_tokens},
 * {@code output_tokens}, {@code total_tokens}, {@code cost_usd}, {@code pricing_source} (priced by the client's
 * {@link ai.northstar.ModelPricing}), {@code cache_read_tokens} when the provider reports them, {@code finish_reason}
 * (LangChain4j's, such as {@code STOP} or {@code TOOL_EXECUTION}), {@code temperature}, {@code max_tokens} and
 * {@code top_p} when set, {@code latency_ms}; events: the request's messages by role and the answer (see
 * {@link ai.northstar.genai.ModelRound}), and the model's thinking as {@code reasoning}.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder()
 *     .apiKey(key)
 *     .modelName("gpt-4o-mini")
 *     .listeners(List.of(NorthstarChatModelListener.create(northstar)))
 *     .build();
 * }</pre>
 *
 * Where the span goes: under the {@code AGENT} span of the AI-service invocation the call is a round of (see
 * {@link NorthstarAiServices}), on whatever thread LangChain4j makes it; else under the innermost open NorthStar span
 * of the current thread (a {@code @NorthstarTrace}, {@code northstar.trace(...)}, {@code @NorthstarSpan}); else,
 * outside any trace, in a run of its own named like the span, with the last user message as {@code user_input} and
 * the answer as {@code final_response} (unless {@link NorthstarLangChain4j.Builder#autoTrace autoTrace} is off).
 * <p>
 * On a {@code StreamingChatModel} the listener sees no chunks: wrap the model with
 * {@link NorthstarStreamingChatModel} (with or without this listener) to record {@code streaming: true},
 * {@code time_to_first_token_ms} and the end of a cancelled stream. A call seen by two NorthStar listeners is
 * recorded once. Every callback is guarded: tracing never throws into the model call.
 *
 * @since 0.1.0
 */
public final class NorthstarChatModelListener implements ChatModelListener {

	/** The listener attribute holding the records of a call. */
	static final String ROUND_KEY = NorthstarChatModelListener.class.getName() + ".round";

	/** The listener attribute holding the {@link StreamProbe} of a wrapped stream. */
	static final String PROBE_KEY = NorthstarChatModelListener.class.getName() + ".stream";

	private final NorthstarLangChain4j tracing;

	NorthstarChatModelListener(NorthstarLangChain4j tracing) {
		this.tracing = tracing;
	}

	/**
	 * Returns a listener with the default settings; {@link NorthstarLangChain4j#chatModelListener()} has one with
	 * other settings.
	 * @param northstar the client the records go to
	 * @return the listener
	 */
	public static NorthstarChatModelListener create(Northstar northstar) {
		return NorthstarLangChain4j.create(northstar).chatModelListener();
	}

	@Override
	public void onRequest(ChatModelRequestContext requestContext) {
		try {
			Map<Object, Object> attributes = requestContext.attributes();
			if (attributes == null || attributes.containsKey(ROUND_KEY) || !this.tracing.isActive()) {
				return;
			}
			Object probe = attributes.get(PROBE_KEY);
			ChatRound round = start(requestContext.chatRequest(),
					Lc4jMessages.provider(requestContext.modelProvider()), probe instanceof StreamProbe);
			if (round != null) {
				attributes.put(ROUND_KEY, round);
				if (probe instanceof StreamProbe streamProbe) {
					streamProbe.bind(round);
				}
			}
		}
		catch (Throwable ex) {
			this.tracing.tracingFailed("start a LangChain4j model round", ex);
		}
	}

	@Override
	public void onResponse(ChatModelResponseContext responseContext) {
		try {
			ChatRound round = round(responseContext.attributes());
			if (round != null) {
				round.succeed(responseContext.chatResponse());
			}
		}
		catch (Throwable ex) {
			this.tracing.tracingFailed("end a LangChain4j model round", ex);
		}
	}

	@Override
	public void onError(ChatModelErrorContext errorContext) {
		try {
			ChatRound round = round(errorContext.attributes());
			if (round != null) {
				round.fail(errorContext.error());
			}
		}
		catch (Throwable ex) {
			this.tracing.tracingFailed("end a failed LangChain4j model round", ex);
		}
	}

	private static @Nullable ChatRound round(@Nullable Map<Object, Object> attributes) {
		return (attributes != null && attributes.get(ROUND_KEY) instanceof ChatRound round) ? round : null;
	}

	/**
	 * Opens the records of a call: under the AI-service invocation that issued it on this thread, else in the current
	 * trace, else in a run of its own.
	 */
	private @Nullable ChatRound start(ChatRequest request, @Nullable String provider, boolean streaming) {
		Northstar client = this.tracing.client();
		ChatRequestParameters parameters = request.parameters();
		String model = (parameters != null) ? parameters.modelName() : null;
		List<dev.langchain4j.data.message.ChatMessage> messages = request.messages();
		Invocation invocation = Invocation.takeOffer(request);
		TraceContext parent;
		AutoTraceRun run = null;
		if (invocation != null) {
			parent = invocation.context();
			if (streaming) {
				invocation.markStreaming();
			}
		}
		else if (!TraceContext.current().isEmpty()) {
			parent = TraceContext.current();
		}
		else if (this.tracing.autoTrace()) {
			run = AutoTraceRun.start(client, ModelRound.spanName(model), Lc4jMessages.lastUserInput(messages))
				.orElse(null);
			if (run == null) {
				return null;
			}
			parent = run.context();
		}
		else {
			return null;
		}
		ModelRound round = ModelRound.start(client, parent, model, provider, streaming).orElse(null);
		if (round == null) {
			if (run != null) {
				run.succeed(null);
			}
			return null;
		}
		this.tracing.guard("record the request of a LangChain4j model round", () -> {
			if (parameters != null) {
				round.requestOptions(parameters.temperature(), parameters.maxOutputTokens(), parameters.topP());
			}
			round.inputMessages(Lc4jMessages.toChatMessages(messages));
		});
		return new ChatRound(this.tracing, round, run, invocation);
	}

}
