package ai.northstar.langchain4j;

import java.util.Objects;
import java.util.function.Supplier;

import ai.northstar.Northstar;
import ai.northstar.internal.SdkLoggers;
import ai.northstar.internal.Throwables;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import org.jspecify.annotations.Nullable;

/**
 * NorthStar tracing of LangChain4j with one set of settings: the {@link NorthstarChatModelListener} for model
 * builders, wrappers of models built without it, and the instrumentation of AI services. The static shortcuts
 * ({@link NorthstarChatModelListener#create}, {@link NorthstarStreamingChatModel#wrap},
 * {@link NorthstarAiServices#instrument}) use the default settings.
 *
 * <pre>{@code
 * NorthstarLangChain4j tracing = NorthstarLangChain4j.builder(northstar).autoTrace(false).build();
 * ChatModel model = OpenAiChatModel.builder()
 *     .apiKey(key)
 *     .modelName("gpt-4o-mini")
 *     .listeners(List.of(tracing.chatModelListener()))
 *     .build();
 * StreamingChatModel streaming = tracing.wrap(OpenAiStreamingChatModel.builder().apiKey(key).build());
 * Assistant assistant = NorthstarAiServices.instrument(AiServices.builder(Assistant.class).chatModel(model).tools(tools),
 *         tracing)
 *     .build();
 * }</pre>
 *
 * What is recorded, where, and when ({@code MODEL}, {@code AGENT} and {@code TOOL} spans under the innermost open
 * NorthStar span, or in a run of their own outside any trace) is described on {@link NorthstarChatModelListener} and
 * {@link NorthstarAiServices}. Nothing here throws into LangChain4j or changes what it returns: a failure of tracing
 * is logged (as a warning with {@link Builder#warnOnFailure}, else at debug level) and the call goes on. Thread-safe.
 *
 * @since 0.1.0
 */
public final class NorthstarLangChain4j {

	private static final System.Logger logger = SdkLoggers.get(NorthstarLangChain4j.class.getName());

	private final Supplier<Northstar> clientSupplier;

	private volatile @Nullable Northstar client;

	private final boolean autoTrace;

	private final boolean warnOnFailure;

	private final NorthstarChatModelListener listener;

	/** Created at the first AI service, so that models are traced without the {@code langchain4j} module. */
	private volatile @Nullable AiServiceRecorder aiServices;

	private NorthstarLangChain4j(Builder builder) {
		this.clientSupplier = builder.client;
		this.autoTrace = builder.autoTrace;
		this.warnOnFailure = builder.warnOnFailure;
		this.listener = new NorthstarChatModelListener(this);
	}

	/**
	 * Returns tracing with the default settings.
	 * @param northstar the client the records go to
	 * @return the tracing
	 */
	public static NorthstarLangChain4j create(Northstar northstar) {
		return builder(northstar).build();
	}

	/**
	 * Returns a builder.
	 * @param northstar the client the records go to
	 * @return the builder
	 */
	public static Builder builder(Northstar northstar) {
		Objects.requireNonNull(northstar, "northstar must not be null");
		return new Builder(() -> northstar);
	}

	/**
	 * Returns a builder of tracing that looks its client up at the first LangChain4j call, for a client created after
	 * the models (a Spring bean, for example).
	 * @param northstar supplies the client the records go to
	 * @return the builder
	 */
	public static Builder builder(Supplier<Northstar> northstar) {
		return new Builder(Objects.requireNonNull(northstar, "northstar must not be null"));
	}

	/**
	 * Returns the listener to add to a model builder's {@code listeners(...)}; see
	 * {@link NorthstarChatModelListener}.
	 * @return the listener
	 */
	public NorthstarChatModelListener chatModelListener() {
		return this.listener;
	}

	/**
	 * Returns a chat model that records every call of the given one, or the model itself when a NorthStar listener
	 * already records it.
	 * @param model the model
	 * @return the traced model
	 */
	public ChatModel wrap(ChatModel model) {
		Objects.requireNonNull(model, "model must not be null");
		return isInstrumented(model) ? model : new NorthstarChatModel(model, this.listener);
	}

	/**
	 * Returns a streaming chat model that records every stream of the given one with its time to first token, or the
	 * model itself when it is already such a wrapper.
	 * @param model the model
	 * @return the traced model
	 */
	public StreamingChatModel wrap(StreamingChatModel model) {
		Objects.requireNonNull(model, "model must not be null");
		return isInstrumented(model) ? model : new NorthstarStreamingChatModel(model, this.listener);
	}

	/**
	 * Instruments an AI service that is already built; see {@link NorthstarAiServices#instrumentService}.
	 * @param <T> the AI-service interface
	 * @param service the AI service
	 * @return the same service
	 */
	public <T> T instrumentService(T service) {
		Objects.requireNonNull(service, "service must not be null");
		aiServices().instrumentService(service);
		return service;
	}

	/**
	 * Returns whether a chat model's calls are recorded already: it is a NorthStar wrapper, or one of its listeners
	 * is a {@link NorthstarChatModelListener}.
	 * @param model the model
	 * @return whether the model is instrumented
	 */
	public static boolean isInstrumented(ChatModel model) {
		if (model instanceof NorthstarChatModel) {
			return true;
		}
		try {
			return hasNorthstarListener(model.listeners());
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Returns whether a streaming chat model is a NorthStar wrapper, which also measures the time to first token, or
	 * forwards to one (a Spring proxy of the model's class, any decorator that forwards {@code listeners()}). A model
	 * that only has a {@link NorthstarChatModelListener} is not: wrapping it adds the timings.
	 * @param model the model
	 * @return whether the model is wrapped
	 */
	public static boolean isInstrumented(StreamingChatModel model) {
		if (model instanceof NorthstarStreamingChatModel) {
			return true;
		}
		try {
			return NorthstarStreamingChatModel.hasWrapperMark(model.listeners());
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	static boolean hasNorthstarListener(@Nullable Iterable<? extends @Nullable ChatModelListener> listeners) {
		if (listeners != null) {
			for (ChatModelListener listener : listeners) {
				if (listener instanceof NorthstarChatModelListener) {
					return true;
				}
			}
		}
		return false;
	}

	Northstar client() {
		Northstar resolved = this.client;
		if (resolved == null) {
			resolved = Objects.requireNonNull(this.clientSupplier.get(), "the client supplier returned null");
			this.client = resolved;
		}
		return resolved;
	}

	boolean isActive() {
		try {
			return client().isEnabled();
		}
		catch (RuntimeException ex) {
			tracingFailed("look up the NorthStar client", ex);
			return false;
		}
	}

	boolean autoTrace() {
		return this.autoTrace;
	}

	AiServiceRecorder aiServices() {
		AiServiceRecorder recorder = this.aiServices;
		if (recorder == null) {
			synchronized (this) {
				recorder = this.aiServices;
				if (recorder == null) {
					recorder = new AiServiceRecorder(this);
					this.aiServices = recorder;
				}
			}
		}
		return recorder;
	}

	/**
	 * Runs part of tracing; a failure is logged and never reaches the application, except a
	 * {@link VirtualMachineError}.
	 */
	void guard(String action, Runnable body) {
		try {
			body.run();
		}
		catch (Throwable ex) {
			tracingFailed(action, ex);
		}
	}

	void tracingFailed(String action, Throwable ex) {
		Throwables.rethrowIfFatal(ex);
		System.Logger.Level level = this.warnOnFailure ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
		if (logger.isLoggable(level)) {
			logger.log(level, "NorthStar could not " + action + "; the LangChain4j call is not affected", ex);
		}
	}

	void warn(String message) {
		logger.log(System.Logger.Level.WARNING, message);
	}

	/**
	 * Builds a {@link NorthstarLangChain4j}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Supplier<Northstar> client;

		private boolean autoTrace = true;

		private boolean warnOnFailure;

		private Builder(Supplier<Northstar> client) {
			this.client = client;
		}

		/**
		 * Sets whether a model call or AI-service invocation made outside any trace starts a run of its own.
		 * Defaults to {@code true}; with {@code false} nothing is recorded outside traces.
		 * @param autoTrace whether calls outside traces are traced
		 * @return this builder
		 */
		public Builder autoTrace(boolean autoTrace) {
			this.autoTrace = autoTrace;
			return this;
		}

		/**
		 * Sets whether tracing failures are logged as warnings rather than debug messages. Defaults to
		 * {@code false}.
		 * @param warnOnFailure whether failures are warnings
		 * @return this builder
		 */
		public Builder warnOnFailure(boolean warnOnFailure) {
			this.warnOnFailure = warnOnFailure;
			return this;
		}

		/**
		 * Builds the tracing.
		 * @return the tracing
		 */
		public NorthstarLangChain4j build() {
			return new NorthstarLangChain4j(this);
		}

	}

}
