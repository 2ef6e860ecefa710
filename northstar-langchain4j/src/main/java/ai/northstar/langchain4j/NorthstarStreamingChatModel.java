package ai.northstar.langchain4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ai.northstar.Northstar;
import ai.northstar.TraceContext;
import ai.northstar.internal.Throwables;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StreamingChatModel} that records every stream of another as a {@code MODEL} span, as
 * {@link NorthstarChatModelListener} records a call, with {@code streaming: true} and
 * {@code time_to_first_token_ms} (from the request to the first text, thinking or tool-call chunk).
 *
 * <pre>{@code
 * StreamingChatModel model = NorthstarStreamingChatModel.wrap(OpenAiStreamingChatModel.builder()
 *     .apiKey(key)
 *     .modelName("gpt-4o-mini")
 *     .build(), northstar);
 * model.chat("Bonjour 😀", handler);
 * }</pre>
 *
 * The span ends when the stream completes, fails, or is cancelled through the {@link StreamingHandle} of a partial
 * response's context (status {@code error}, {@code cancelled: true}, and the text streamed so far as the assistant
 * message). When the wrapped model already has a {@link NorthstarChatModelListener}, that listener records the
 * stream and the wrapper adds the timings; otherwise the wrapper records it itself: never twice.
 * <p>
 * Its {@link #listeners()} are the wrapped model's followed by a marker that does nothing, so that a model that
 * forwards to a wrapper (a Spring proxy of the model's class, any decorator that forwards {@code listeners()}) is
 * known as wrapped already by {@link NorthstarLangChain4j#isInstrumented(StreamingChatModel)} and not wrapped again.
 * <p>
 * The handler's callbacks run with the trace context current on the thread that started the stream, so work they do
 * (an AI service's tools and next rounds, {@code @NorthstarSpan} methods) stays in its trace when LangChain4j calls
 * back on its own threads. Chunks, results and errors reach the handler unchanged; tracing never throws into it.
 *
 * @since 0.1.0
 */
public final class NorthstarStreamingChatModel implements StreamingChatModel {

	/**
	 * Listed last in {@link #listeners()}: it does nothing, and says, through whatever forwards the wrapper's
	 * listeners, that the model is wrapped already.
	 */
	private static final ChatModelListener WRAPPED = new ChatModelListener() {

		@Override
		public String toString() {
			return "NorthStar streaming wrapper mark";
		}

	};

	private final StreamingChatModel delegate;

	private final NorthstarChatModelListener listener;

	NorthstarStreamingChatModel(StreamingChatModel delegate, NorthstarChatModelListener listener) {
		this.delegate = delegate;
		this.listener = listener;
	}

	/**
	 * Returns a model that records every stream of the given one, or the model itself when it is already such a
	 * wrapper.
	 * @param model the model
	 * @param northstar the client the records go to
	 * @return the traced model
	 */
	public static StreamingChatModel wrap(StreamingChatModel model, Northstar northstar) {
		return NorthstarLangChain4j.create(northstar).wrap(model);
	}

	/**
	 * Returns the wrapped model.
	 * @return the model
	 */
	public StreamingChatModel delegate() {
		return this.delegate;
	}

	@Override
	public void chat(ChatRequest chatRequest, ChatRequestOptions options, StreamingChatResponseHandler handler) {
		ChatRequestOptions effective = (options != null) ? options : ChatRequestOptions.EMPTY;
		TraceContext caller = TraceContext.current();
		StreamProbe probe = new StreamProbe();
		Recording own = null;
		ChatRequestOptions delegateOptions = effective;
		if (NorthstarLangChain4j.hasNorthstarListener(safeListeners(this.delegate))) {
			delegateOptions = withProbe(effective, probe);
		}
		else {
			own = Guarded.get(() -> {
				Recording recording = new Recording(
						NorthstarChatModel.finalRequest(chatRequest, this.delegate::defaultRequestParameters),
						NorthstarChatModel.providerOf(this.delegate::provider),
						new ConcurrentHashMap<>(effective.listenerAttributes()));
				recording.attributes.put(NorthstarChatModelListener.PROBE_KEY, probe);
				this.listener.onRequest(new ChatModelRequestContext(recording.request, recording.provider,
						recording.attributes));
				return recording;
			});
		}
		ObservingHandler observing = new ObservingHandler(handler, probe, caller, own);
		try {
			this.delegate.chat(chatRequest, delegateOptions, observing);
		}
		catch (RuntimeException | Error ex) {
			observing.failedToStart(ex);
			throw ex;
		}
	}

	private static ChatRequestOptions withProbe(ChatRequestOptions options, StreamProbe probe) {
		try {
			Map<Object, Object> attributes = new java.util.LinkedHashMap<>(options.listenerAttributes());
			attributes.put(NorthstarChatModelListener.PROBE_KEY, probe);
			return ChatRequestOptions.builder().listenerAttributes(attributes).build();
		}
		catch (RuntimeException ex) {
			return options;
		}
	}

	private static @Nullable List<ChatModelListener> safeListeners(StreamingChatModel model) {
		try {
			return model.listeners();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public void doChat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
		this.delegate.doChat(chatRequest, handler);
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return this.delegate.defaultRequestParameters();
	}

	/**
	 * Returns the wrapped model's listeners followed by the marker that says the model is wrapped.
	 * @return the listeners
	 */
	@Override
	public List<ChatModelListener> listeners() {
		List<ChatModelListener> own = this.delegate.listeners();
		List<ChatModelListener> listeners = new ArrayList<>((own != null) ? own : List.of());
		listeners.add(WRAPPED);
		return listeners;
	}

	/** Whether the listeners carry the marker of a wrapper. */
	static boolean hasWrapperMark(@Nullable Iterable<? extends @Nullable ChatModelListener> listeners) {
		if (listeners != null) {
			for (ChatModelListener listener : listeners) {
				if (listener == WRAPPED) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public ModelProvider provider() {
		return this.delegate.provider();
	}

	@Override
	public Set<Capability> supportedCapabilities() {
		return this.delegate.supportedCapabilities();
	}

	@Override
	public String toString() {
		return "NorthstarStreamingChatModel[" + this.delegate + "]";
	}

	/**
	 * The request, provider and listener attributes of a stream the wrapper records itself.
	 */
	private record Recording(ChatRequest request, ModelProvider provider, Map<Object, Object> attributes) {
	}

	/**
	 * Passes every callback to the application's handler, in the caller's trace context, after noting what the
	 * stream's records need.
	 */
	private final class ObservingHandler implements StreamingChatResponseHandler {

		private final StreamingChatResponseHandler handler;

		private final StreamProbe probe;

		private final TraceContext caller;

		private final @Nullable Recording own;

		ObservingHandler(StreamingChatResponseHandler handler, StreamProbe probe, TraceContext caller,
				@Nullable Recording own) {
			this.handler = handler;
			this.probe = probe;
			this.caller = caller;
			this.own = own;
		}

		private TraceContext.Scope enter() {
			return this.caller.isEmpty() ? TraceContext.Scope.NOOP : this.caller.makeCurrent();
		}

		@Override
		public void onPartialResponse(String partialResponse) {
			Guarded.run(() -> this.probe.text(partialResponse));
			try (TraceContext.Scope scope = enter()) {
				this.handler.onPartialResponse(partialResponse);
			}
		}

		@Override
		public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
			Guarded.run(() -> this.probe.text(partialResponse.text()));
			PartialResponseContext observed = context;
			try {
				observed = new PartialResponseContext(new ObservedHandle(context.streamingHandle(), this.probe));
			}
			catch (RuntimeException ex) {
				// keep the original context
			}
			try (TraceContext.Scope scope = enter()) {
				this.handler.onPartialResponse(partialResponse, observed);
			}
		}

		@Override
		public void onPartialThinking(PartialThinking partialThinking) {
			Guarded.run(this.probe::content);
			try (TraceContext.Scope scope = enter()) {
				this.handler.onPartialThinking(partialThinking);
			}
		}

		@Override
		public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
			Guarded.run(this.probe::content);
			PartialThinkingContext observed = context;
			try {
				observed = new PartialThinkingContext(new ObservedHandle(context.streamingHandle(), this.probe));
			}
			catch (RuntimeException ex) {
				// keep the original context
			}
			try (TraceContext.Scope scope = enter()) {
				this.handler.onPartialThinking(partialThinking, observed);
			}
		}

		@Override
		public void onPartialToolCall(PartialToolCall partialToolCall) {
			Guarded.run(this.probe::content);
			try (TraceContext.Scope scope = enter()) {
				this.handler.onPartialToolCall(partialToolCall);
			}
		}

		@Override
		public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
			Guarded.run(this.probe::content);
			PartialToolCallContext observed = context;
			try {
				observed = new PartialToolCallContext(new ObservedHandle(context.streamingHandle(), this.probe));
			}
			catch (RuntimeException ex) {
				// keep the original context
			}
			try (TraceContext.Scope scope = enter()) {
				this.handler.onPartialToolCall(partialToolCall, observed);
			}
		}

		@Override
		public void onCompleteToolCall(CompleteToolCall completeToolCall) {
			Guarded.run(this.probe::content);
			try (TraceContext.Scope scope = enter()) {
				this.handler.onCompleteToolCall(completeToolCall);
			}
		}

		@Override
		public void onUnmappedRawEvent(Object rawEvent) {
			try (TraceContext.Scope scope = enter()) {
				this.handler.onUnmappedRawEvent(rawEvent);
			}
		}

		@Override
		public void onCompleteResponse(ChatResponse completeResponse) {
			Recording recording = this.own;
			if (recording != null && completeResponse != null) {
				Guarded.run(() -> NorthstarStreamingChatModel.this.listener.onResponse(new ChatModelResponseContext(
						completeResponse, recording.request, recording.provider, recording.attributes)));
			}
			try (TraceContext.Scope scope = enter()) {
				this.handler.onCompleteResponse(completeResponse);
			}
		}

		@Override
		public void onError(Throwable error) {
			recordError(error);
			try (TraceContext.Scope scope = enter()) {
				this.handler.onError(error);
			}
		}

		void failedToStart(Throwable error) {
			recordError(error);
		}

		private void recordError(Throwable error) {
			Recording recording = this.own;
			if (recording != null) {
				Guarded.run(() -> NorthstarStreamingChatModel.this.listener.onError(
						new ChatModelErrorContext(error, recording.request, recording.provider, recording.attributes)));
			}
			Guarded.run(() -> this.probe.fail(error));
		}

	}

	/**
	 * The handle the application cancels a stream with: cancelling also ends the stream's records.
	 */
	private record ObservedHandle(StreamingHandle handle, StreamProbe probe) implements StreamingHandle {

		@Override
		public void cancel() {
			try {
				this.handle.cancel();
			}
			finally {
				try {
					this.probe.cancel();
				}
				catch (Throwable ex) {
					Throwables.rethrowIfFatal(ex);
				}
			}
		}

		@Override
		public boolean isCancelled() {
			return this.handle.isCancelled();
		}

	}

}
