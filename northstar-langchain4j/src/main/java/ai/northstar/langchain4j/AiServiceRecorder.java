package ai.northstar.langchain4j;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.northstar.Northstar;
import ai.northstar.TraceContext;
import ai.northstar.genai.AgentCall;
import ai.northstar.genai.AutoTraceRun;
import ai.northstar.genai.ToolExecution;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceErrorEvent;
import dev.langchain4j.observability.api.event.AiServiceRequestIssuedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import dev.langchain4j.observability.api.event.ToolExecutedEvent;
import dev.langchain4j.observability.api.listener.AiServiceCompletedListener;
import dev.langchain4j.observability.api.listener.AiServiceErrorListener;
import dev.langchain4j.observability.api.listener.AiServiceRequestIssuedListener;
import dev.langchain4j.observability.api.listener.AiServiceStartedListener;
import dev.langchain4j.observability.api.listener.ToolExecutedEventListener;
import dev.langchain4j.service.AiServiceContext;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.tool.ToolService;
import org.jspecify.annotations.Nullable;

/**
 * Records AI-service invocations from the events LangChain4j fires for them ({@code AiServiceStartedEvent},
 * {@code AiServiceRequestIssuedEvent}, {@code AiServiceCompletedEvent}, {@code AiServiceErrorEvent},
 * {@code ToolExecutedEvent}) and their tools from the tool hooks ({@link ToolHooks}); instruments an AI service's
 * context: its listeners, hooks, tool error handlers and models.
 */
final class AiServiceRecorder {

	/** The contexts instrumented already, so that an AI service is never instrumented twice. */
	private static final Map<AiServiceContext, Boolean> INSTRUMENTED = Collections.synchronizedMap(new WeakHashMap<>());

	private final NorthstarLangChain4j tracing;

	private final ToolHooks hooks;

	private final AtomicBoolean capacityWarned = new AtomicBoolean();

	private final AtomicBoolean replacedHooksWarned = new AtomicBoolean();

	AiServiceRecorder(NorthstarLangChain4j tracing) {
		this.tracing = tracing;
		this.hooks = new ToolHooks(tracing);
	}

	void instrumentBuilder(AiServices<?> builder) {
		AiServiceContext context = contextOf(builder);
		if (context == null) {
			throw new IllegalArgumentException("Cannot instrument " + builder.getClass().getName()
					+ ": its AiServiceContext is not reachable (a LangChain4j version other than 1.x?)");
		}
		instrument(context);
	}

	void instrumentService(Object service) {
		AiServiceContext context = serviceContextOf(service);
		if (context == null) {
			throw new IllegalArgumentException(
					"Not an AI service built by LangChain4j's AiServices: " + service.getClass().getName());
		}
		instrument(context);
	}

	/**
	 * Returns the context of an AI service built by {@code AiServices}, {@code null} for any other object.
	 */
	static @Nullable AiServiceContext serviceContextOf(@Nullable Object service) {
		if (service == null || !Proxy.isProxyClass(service.getClass())) {
			return null;
		}
		try {
			InvocationHandler handler = Proxy.getInvocationHandler(service);
			for (Class<?> type = handler.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
				for (Field field : type.getDeclaredFields()) {
					if (AiServices.class.isAssignableFrom(field.getType())
							|| AiServiceContext.class.isAssignableFrom(field.getType())) {
						field.setAccessible(true);
						Object value = field.get(handler);
						if (value instanceof AiServiceContext context) {
							return context;
						}
						if (value instanceof AiServices<?> builder) {
							return contextOf(builder);
						}
					}
				}
			}
		}
		catch (RuntimeException | ReflectiveOperationException | LinkageError ex) {
			return null;
		}
		return null;
	}

	private static @Nullable AiServiceContext contextOf(AiServices<?> builder) {
		try {
			Field field = AiServices.class.getDeclaredField("context");
			field.setAccessible(true);
			return (field.get(builder) instanceof AiServiceContext context) ? context : null;
		}
		catch (RuntimeException | ReflectiveOperationException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * Instruments an AI service's context once: registers the event listeners, composes the tool hooks and error
	 * handlers with the application's, and wraps its models when no NorthStar listener records them.
	 */
	void instrument(AiServiceContext context) {
		synchronized (INSTRUMENTED) {
			if (INSTRUMENTED.putIfAbsent(context, Boolean.TRUE) != null) {
				return;
			}
		}
		context.eventListenerRegistrar.register((AiServiceStartedListener) (event) -> this.tracing
			.guard("start an AI-service invocation", () -> started(event)));
		context.eventListenerRegistrar.register((AiServiceRequestIssuedListener) (event) -> this.tracing
			.guard("follow an AI-service request", () -> requestIssued(event)));
		context.eventListenerRegistrar.register((AiServiceCompletedListener) (event) -> this.tracing
			.guard("end an AI-service invocation", () -> completed(event)));
		context.eventListenerRegistrar.register((AiServiceErrorListener) (event) -> this.tracing
			.guard("end a failed AI-service invocation", () -> failed(event)));
		context.eventListenerRegistrar.register((ToolExecutedEventListener) (event) -> this.tracing
			.guard("record a tool execution", () -> toolExecuted(event)));
		ToolService tools = context.toolService;
		if (!ToolHooks.isNorthstar(tools.beforeToolExecution())) {
			tools.beforeToolExecution(this.hooks.composeBefore(tools.beforeToolExecution()));
		}
		if (!ToolHooks.isNorthstar(tools.afterToolExecution())) {
			tools.afterToolExecution(this.hooks.composeAfter(tools.afterToolExecution()));
		}
		if (!ToolHooks.isNorthstar(tools.executionErrorHandler())) {
			tools.executionErrorHandler(this.hooks.composeExecutionErrors(tools.executionErrorHandler()));
		}
		if (!ToolHooks.isNorthstar(tools.argumentsErrorHandler())) {
			tools.argumentsErrorHandler(this.hooks.composeArgumentErrors(tools.argumentsErrorHandler()));
		}
		if (context.chatModel != null) {
			context.chatModel = this.tracing.wrap(context.chatModel);
		}
		if (context.streamingChatModel != null) {
			context.streamingChatModel = this.tracing.wrap(context.streamingChatModel);
		}
	}

	private void started(AiServiceStartedEvent event) {
		InvocationContext invocation = event.invocationContext();
		if (invocation == null || invocation.invocationId() == null || Invocation.isOpen(invocation.invocationId())
				|| !this.tracing.isActive()) {
			return;
		}
		if (Invocation.openCount() >= Invocation.MAX_OPEN) {
			if (this.capacityWarned.compareAndSet(false, true)) {
				this.tracing.warn("NorthStar stopped tracing new LangChain4j AI-service invocations: "
						+ Invocation.MAX_OPEN + " are open (a streaming invocation that is never started, or whose"
						+ " errors are ignored, stays open)");
			}
			return;
		}
		Northstar client = this.tracing.client();
		String name = spanName(invocation);
		TraceContext parent = TraceContext.current();
		AutoTraceRun run = null;
		if (parent.isEmpty()) {
			if (!this.tracing.autoTrace()) {
				return;
			}
			Object userInput = (event.userMessage() != null) ? Lc4jMessages.userContent(event.userMessage()) : null;
			run = AutoTraceRun.start(client, name, userInput).orElse(null);
			if (run == null) {
				return;
			}
			parent = run.context();
		}
		AgentCall agent = AgentCall.start(client, parent, name, false).orElse(null);
		if (agent == null) {
			if (run != null) {
				run.succeed(null);
			}
			return;
		}
		Invocation record = new Invocation(this.tracing, invocation.invocationId(), agent, run);
		if (!Invocation.register(record)) {
			record.succeed(null);
		}
	}

	private void requestIssued(AiServiceRequestIssuedEvent event) {
		Invocation invocation = find(event.invocationContext());
		if (invocation != null && event.request() != null) {
			invocation.offer(event.request());
		}
		else {
			Invocation.withdrawOffer();
		}
	}

	private void completed(AiServiceCompletedEvent event) {
		Invocation invocation = find(event.invocationContext());
		if (invocation != null) {
			invocation.succeed(event.result().orElse(null));
		}
	}

	private void failed(AiServiceErrorEvent event) {
		Invocation invocation = find(event.invocationContext());
		if (invocation != null) {
			invocation.fail(event.error());
		}
	}

	/**
	 * Records a tool execution that no hook recorded (the application replaced NorthStar's hooks after
	 * instrumenting): a span from now to now, without the tool's real timing.
	 */
	private void toolExecuted(ToolExecutedEvent event) {
		Invocation invocation = find(event.invocationContext());
		ToolExecutionRequest request = event.request();
		if (invocation == null || request == null || !invocation.claimLateTool(request)) {
			return;
		}
		if (this.replacedHooksWarned.compareAndSet(false, true)) {
			this.tracing.warn("NorthStar recorded a LangChain4j tool execution without its timing: the AI service's"
					+ " beforeToolExecution/afterToolExecution consumers were set after NorthstarAiServices.instrument,"
					+ " which replaced NorthStar's. Call instrument after setting them.");
		}
		String name = (request.name() != null && !request.name().isBlank()) ? request.name() : "tool";
		ToolExecution tool = ToolExecution
			.start(this.tracing.client(), invocation.context(), name, request.id(), request.arguments())
			.orElse(null);
		if (tool != null) {
			tool.succeed(event.resultText());
		}
	}

	private static @Nullable Invocation find(@Nullable InvocationContext context) {
		return (context != null) ? Invocation.find(context.invocationId()) : null;
	}

	/**
	 * Returns the span name of an invocation: the interface's simple name and the method, such as
	 * {@code Assistant.chat}.
	 */
	static String spanName(InvocationContext invocation) {
		String type = invocation.interfaceName();
		String method = invocation.methodName();
		String simple = (type != null) ? type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1)
				: "";
		if (method == null || method.isBlank()) {
			return simple.isBlank() ? "ai_service" : simple;
		}
		return simple.isBlank() ? method : simple + "." + method;
	}

	/**
	 * Returns what an invocation answered, as its run's {@code final_response}: the text of a response, the content
	 * of a {@code Result}, or the value itself.
	 */
	static @Nullable Object finalResponse(@Nullable Object result) {
		if (result instanceof ChatResponse response) {
			return (response.aiMessage() != null) ? response.aiMessage().text() : null;
		}
		if (result instanceof Result<?> wrapped) {
			return wrapped.content();
		}
		return result;
	}

}
