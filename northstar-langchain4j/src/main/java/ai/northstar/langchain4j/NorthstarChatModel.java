package ai.northstar.langchain4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import ai.northstar.Northstar;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChatModel} that records every call of another, built without a {@link NorthstarChatModelListener}, as that
 * listener does: for a model you cannot rebuild, such as one a library made.
 *
 * <pre>{@code
 * ChatModel model = NorthstarChatModel.wrap(existingModel, northstar);
 * }</pre>
 *
 * Every call goes to the wrapped model unchanged ({@code chat(request, options)}), with its result or exception; its
 * default parameters, provider, capabilities and listeners are the wrapped model's, followed in {@link #listeners()}
 * by the NorthStar listener that records it.
 *
 * @since 0.1.0
 */
public final class NorthstarChatModel implements ChatModel {

	private final ChatModel delegate;

	private final NorthstarChatModelListener listener;

	NorthstarChatModel(ChatModel delegate, NorthstarChatModelListener listener) {
		this.delegate = delegate;
		this.listener = listener;
	}

	/**
	 * Returns a model that records every call of the given one, or the model itself when a NorthStar listener already
	 * records it.
	 * @param model the model
	 * @param northstar the client the records go to
	 * @return the traced model
	 */
	public static ChatModel wrap(ChatModel model, Northstar northstar) {
		return NorthstarLangChain4j.create(northstar).wrap(model);
	}

	/**
	 * Returns the wrapped model.
	 * @return the model
	 */
	public ChatModel delegate() {
		return this.delegate;
	}

	@Override
	public ChatResponse chat(ChatRequest chatRequest, ChatRequestOptions options) {
		ChatRequestOptions effective = (options != null) ? options : ChatRequestOptions.EMPTY;
		ChatModelRequestContext request = Guarded.get(() -> new ChatModelRequestContext(
				finalRequest(chatRequest, this.delegate::defaultRequestParameters), providerOf(this.delegate::provider),
				new ConcurrentHashMap<>(effective.listenerAttributes())));
		if (request != null) {
			Guarded.run(() -> this.listener.onRequest(request));
		}
		ChatResponse response;
		try {
			response = this.delegate.chat(chatRequest, effective);
		}
		catch (RuntimeException | Error ex) {
			if (request != null) {
				Guarded.run(() -> this.listener.onError(new ChatModelErrorContext(ex, request.chatRequest(),
						request.modelProvider(), request.attributes())));
			}
			throw ex;
		}
		if (response != null && request != null) {
			Guarded.run(() -> this.listener.onResponse(new ChatModelResponseContext(response, request.chatRequest(),
					request.modelProvider(), request.attributes())));
		}
		return response;
	}

	@Override
	public ChatResponse doChat(ChatRequest chatRequest) {
		return this.delegate.doChat(chatRequest);
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return this.delegate.defaultRequestParameters();
	}

	@Override
	public List<ChatModelListener> listeners() {
		List<ChatModelListener> listeners = new ArrayList<>(this.delegate.listeners());
		listeners.add(this.listener);
		return listeners;
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
		return "NorthstarChatModel[" + this.delegate + "]";
	}

	/**
	 * Returns the request as the model's default {@code chat} sends it to its listeners: its messages with the
	 * model's default parameters ({@code model::defaultRequestParameters}) overridden by the request's; the request
	 * itself when they cannot be merged.
	 */
	static ChatRequest finalRequest(ChatRequest request, Supplier<@Nullable ChatRequestParameters> modelDefaults) {
		try {
			ChatRequestParameters defaults = modelDefaults.get();
			if (defaults == null) {
				return request;
			}
			return ChatRequest.builder()
				.messages(request.messages())
				.parameters(defaults.overrideWith(request.parameters()))
				.build();
		}
		catch (RuntimeException ex) {
			return request;
		}
	}

	/**
	 * Returns the model's provider ({@code model::provider}), {@code OTHER} when it has none or cannot say.
	 */
	static ModelProvider providerOf(Supplier<@Nullable ModelProvider> modelProvider) {
		try {
			ModelProvider provider = modelProvider.get();
			return (provider != null) ? provider : ModelProvider.OTHER;
		}
		catch (RuntimeException ex) {
			return ModelProvider.OTHER;
		}
	}

}
