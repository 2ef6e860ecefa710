package ai.northstar.spring.ai;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import ai.northstar.Northstar;
import ai.northstar.Run;
import ai.northstar.Span;
import ai.northstar.TraceContext;
import ai.northstar.genai.AutoTraceRun;
import ai.northstar.genai.ToolExecution;
import ai.northstar.internal.Throwables;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the Spring AI observation handlers, the stream advisor and the tool-error processor share: the client and
 * settings, where a new record goes (its parent), the NorthStar records kept in Spring AI's observation contexts, the
 * trace context made current while an observation is in scope, and the guard that keeps every failure of tracing
 * away from the chat call.
 * <p>
 * Where a record goes: under the record of the nearest enclosing Spring AI observation (a {@code ChatClient} call for
 * its model rounds and tools, found through the observations' parents, so it holds across threads and Reactor
 * schedulers), unless the current NorthStar context is inside that record (a {@code @NorthstarSpan} method a tool
 * calls); else under the innermost open span of the current trace; else, outside any trace and with
 * {@link Builder#autoTrace(boolean) autoTrace}, in a new run for the outermost call; else nowhere.
 *
 * @since 0.1.0
 */
public final class SpringAiTracer {

	private static final Log logger = LogFactory.getLog(SpringAiTracer.class);

	/** The key of a {@link TraceNode} in an observation's context. */
	private static final Object NODE_KEY = TraceNode.class;

	/** How far up the observation parents to look for an enclosing record. */
	private static final int MAX_PARENT_DEPTH = 64;

	private final Supplier<Northstar> clientSupplier;

	private volatile @Nullable Northstar client;

	private final boolean autoTrace;

	private final boolean captureEmbeddingInput;

	private final boolean warnOnFailure;

	private final ThreadLocal<ArrayDeque<OpenScope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

	private final ThreadLocal<@Nullable StreamProbe> pendingProbe = new ThreadLocal<>();

	private final AtomicBoolean untracedLoopWarned = new AtomicBoolean();

	private SpringAiTracer(Builder builder) {
		this.clientSupplier = builder.client;
		this.autoTrace = builder.autoTrace;
		this.captureEmbeddingInput = builder.captureEmbeddingInput;
		this.warnOnFailure = builder.warnOnFailure;
	}

	/**
	 * Returns a builder.
	 * @param client the client the records go to
	 * @return the builder
	 */
	public static Builder builder(Northstar client) {
		Objects.requireNonNull(client, "client must not be null");
		return new Builder(() -> client);
	}

	/**
	 * Returns a builder of a tracer that looks its client up at the first Spring AI call, for a client whose creation
	 * depends (through its transport) on the {@code ObservationRegistry} the tracer's handlers are registered with.
	 * @param client supplies the client the records go to
	 * @return the builder
	 */
	public static Builder builder(Supplier<Northstar> client) {
		return new Builder(Objects.requireNonNull(client, "client must not be null"));
	}

	Northstar client() {
		Northstar resolved = this.client;
		if (resolved == null) {
			resolved = Objects.requireNonNull(this.clientSupplier.get(), "the client supplier returned null");
			this.client = resolved;
		}
		return resolved;
	}

	/**
	 * Returns whether calls are traced: the first thing every hook asks, so a client that cannot be had (a bean that
	 * failed to be created, a context shutting down) means no tracing for that call, never a failed call.
	 */
	boolean isActive() {
		try {
			return client().isEnabled();
		}
		catch (RuntimeException ex) {
			tracingFailed("find its client", ex);
			return false;
		}
	}

	boolean capturesEmbeddingInput() {
		return this.captureEmbeddingInput;
	}

	/**
	 * Decides where the record of a starting observation goes.
	 * @return the placement, {@code null} when nothing is to be recorded
	 */
	@Nullable Placement placement(Observation.Context context) {
		TraceNode parent = parentNode(context);
		TraceContext current = TraceContext.current();
		if (parent != null) {
			TraceContext parentContext = parent.context();
			return new Placement(parent, isWithin(current, parentContext) ? current : parentContext, false);
		}
		if (!current.isEmpty()) {
			return new Placement(null, current, false);
		}
		return this.autoTrace ? new Placement(null, TraceContext.empty(), true) : null;
	}

	/**
	 * Returns the context to open the record in: the placement's, or that of a new run named {@code runName} for an
	 * outermost call outside any trace.
	 */
	@Nullable Opening open(Placement placement, String runName, @Nullable Object userInput) {
		if (!placement.needsRun()) {
			return new Opening(placement.context(), null);
		}
		AutoTraceRun run = AutoTraceRun.start(this.client, runName, userInput).orElse(null);
		return (run != null) ? new Opening(run.context(), run) : null;
	}

	private static @Nullable TraceNode parentNode(Observation.Context context) {
		ObservationView parent = context.getParentObservation();
		for (int depth = 0; parent != null && depth < MAX_PARENT_DEPTH; depth++) {
			Observation.ContextView view = parent.getContextView();
			TraceNode node = view.get(NODE_KEY);
			if (node != null) {
				return node;
			}
			parent = view.getParentObservation();
		}
		return null;
	}

	/**
	 * Returns whether the current context is the parent's or nested inside it.
	 */
	private static boolean isWithin(TraceContext current, TraceContext parent) {
		if (current.isEmpty()) {
			return false;
		}
		Span parentSpan = parent.span().orElse(null);
		if (parentSpan == null) {
			Run parentRun = parent.run().orElse(null);
			return parentRun != null && current.run().orElse(null) == parentRun;
		}
		for (Span span = current.span().orElse(null); span != null; span = span.parent()) {
			if (span == parentSpan) {
				return true;
			}
		}
		return false;
	}

	void attach(Observation.Context context, TraceNode node) {
		context.put(NODE_KEY, node);
	}

	static @Nullable TraceNode node(Observation.Context context) {
		return context.get(NODE_KEY);
	}

	/**
	 * Makes the observation's record current on this thread while the observation is in scope.
	 */
	void scopeOpened(Observation.Context context) {
		TraceNode node = node(context);
		if (node != null) {
			this.scopes.get().push(new OpenScope(context, node, node.context().makeCurrent()));
		}
	}

	/**
	 * Restores the context that was current before the observation's scope opened.
	 */
	void scopeClosed(Observation.Context context) {
		if (node(context) == null) {
			return;
		}
		ArrayDeque<OpenScope> open = this.scopes.get();
		Iterator<OpenScope> iterator = open.iterator();
		while (iterator.hasNext()) {
			OpenScope scope = iterator.next();
			if (scope.context() == context) {
				iterator.remove();
				scope.scope().close();
				break;
			}
		}
		if (open.isEmpty()) {
			this.scopes.remove();
		}
	}

	/**
	 * Restores every context this thread's open observation scopes made current.
	 */
	void scopesReset() {
		ArrayDeque<OpenScope> open = this.scopes.get();
		while (!open.isEmpty()) {
			open.pop().scope().close();
		}
		this.scopes.remove();
	}

	/**
	 * Returns the tool execution whose observation is in scope on this thread, innermost first.
	 */
	@Nullable ToolExecution currentTool() {
		ArrayDeque<OpenScope> open = this.scopes.get();
		for (OpenScope scope : open) {
			if (scope.node().tool() != null) {
				return scope.node().tool();
			}
		}
		if (open.isEmpty()) {
			this.scopes.remove();
		}
		return null;
	}

	/**
	 * Offers the probe of a stream about to be subscribed on this thread to the model observation it starts.
	 */
	void offerProbe(StreamProbe probe) {
		this.pendingProbe.set(probe);
	}

	/**
	 * Takes the probe offered on this thread, if any.
	 */
	@Nullable StreamProbe takeProbe() {
		StreamProbe probe = this.pendingProbe.get();
		if (probe != null) {
			this.pendingProbe.remove();
		}
		return probe;
	}

	/**
	 * Withdraws the probe if no model observation took it.
	 */
	void withdrawProbe(StreamProbe probe) {
		if (this.pendingProbe.get() == probe) {
			this.pendingProbe.remove();
		}
	}

	/**
	 * Warns once that a tool-calling loop runs without observations, which is what a {@code ChatClient} built by hand
	 * does: {@code ChatClient.create(chatModel)} and {@code ChatClient.builder(chatModel)} use a no-op
	 * {@code ObservationRegistry}.
	 */
	void warnUntracedToolLoop() {
		if (this.untracedLoopWarned.compareAndSet(false, true)) {
			logger.warn("NorthStar traced a Spring AI model round that answers tool results, without a traced ChatClient"
					+ " call or tool execution around it: a ChatClient built with ChatClient.create(chatModel) or"
					+ " ChatClient.builder(chatModel) uses a no-op ObservationRegistry, so its calls and tools are not"
					+ " traced and each round outside a trace becomes a run of its own. Inject the auto-configured"
					+ " ChatClient.Builder, or build with ChatClient.builder(chatModel, observationRegistry).");
		}
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
		if (this.warnOnFailure) {
			logger.warn("NorthStar could not " + action + "; the Spring AI call is not affected", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("NorthStar could not " + action + "; the Spring AI call is not affected", ex);
		}
	}

	/**
	 * Where a new record goes.
	 *
	 * @param parent the record of the enclosing Spring AI observation, if any
	 * @param context the context to open the record in; empty when a run is needed
	 * @param needsRun whether a run must be started for it (an outermost call outside any trace)
	 */
	record Placement(@Nullable TraceNode parent, TraceContext context, boolean needsRun) {
	}

	/**
	 * The context a record opens in, and the run started for it, if any.
	 */
	record Opening(TraceContext context, @Nullable AutoTraceRun run) {
	}

	private record OpenScope(Observation.Context context, TraceNode node, TraceContext.Scope scope) {
	}

	/**
	 * Builds a {@link SpringAiTracer}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Supplier<Northstar> client;

		private boolean autoTrace = true;

		private boolean captureEmbeddingInput;

		private boolean warnOnFailure;

		private Builder(Supplier<Northstar> client) {
			this.client = client;
		}

		/**
		 * Sets whether an outermost Spring AI call outside any trace starts a run of its own. Defaults to
		 * {@code true}; with {@code false} nothing is recorded outside traces.
		 * @param autoTrace whether calls outside traces are traced
		 * @return this builder
		 */
		public Builder autoTrace(boolean autoTrace) {
			this.autoTrace = autoTrace;
			return this;
		}

		/**
		 * Sets whether the texts of embedding requests are recorded. Defaults to {@code false}.
		 * @param captureEmbeddingInput whether embedded texts are recorded
		 * @return this builder
		 */
		public Builder captureEmbeddingInput(boolean captureEmbeddingInput) {
			this.captureEmbeddingInput = captureEmbeddingInput;
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
		 * Builds the tracer.
		 * @return the tracer
		 */
		public SpringAiTracer build() {
			return new SpringAiTracer(this);
		}

	}

}
