package ai.northstar.langchain4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.northstar.TraceContext;
import ai.northstar.genai.AgentCall;
import ai.northstar.genai.AutoTraceRun;
import ai.northstar.genai.GenAiAttributes;
import ai.northstar.genai.ToolExecution;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.jspecify.annotations.Nullable;

/**
 * The records of one AI-service invocation, from its start event to its completion or error: its {@code AGENT} span,
 * the run started for it outside any trace, and its open tool executions. Open invocations are found by LangChain4j's
 * invocation id (events and tool hooks carry it, on any thread), and a model round finds its invocation through the
 * request the invocation offered on the thread that is about to call the model.
 */
final class Invocation {

	/** The most invocations open at once; more are not traced, so that a leak cannot grow without bound. */
	static final int MAX_OPEN = 10_000;

	private static final Map<UUID, Invocation> OPEN = new ConcurrentHashMap<>();

	/** The invocation whose request is about to be sent on this thread, for the listener that records the round. */
	private static final ThreadLocal<@Nullable Offer> OFFER = new ThreadLocal<>();

	private final NorthstarLangChain4j tracing;

	private final UUID id;

	private final AgentCall agent;

	private final @Nullable AutoTraceRun run;

	private final Set<ToolExecutionRequest> toolsSeen = Collections.newSetFromMap(new IdentityHashMap<>());

	private final Set<ToolExecution> openTools = Collections.newSetFromMap(new IdentityHashMap<>());

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile boolean streaming;

	Invocation(NorthstarLangChain4j tracing, UUID id, AgentCall agent, @Nullable AutoTraceRun run) {
		this.tracing = tracing;
		this.id = id;
		this.agent = agent;
		this.run = run;
	}

	/**
	 * Registers an invocation; {@code false} when one with its id is open already or too many are.
	 */
	static boolean register(Invocation invocation) {
		if (OPEN.size() >= MAX_OPEN) {
			return false;
		}
		return OPEN.putIfAbsent(invocation.id, invocation) == null;
	}

	static boolean isOpen(UUID id) {
		return OPEN.containsKey(id);
	}

	static @Nullable Invocation find(@Nullable UUID id) {
		return (id != null) ? OPEN.get(id) : null;
	}

	static int openCount() {
		return OPEN.size();
	}

	/**
	 * Offers the invocation to the listener that records the request about to be sent on this thread.
	 */
	void offer(ChatRequest request) {
		OFFER.set(new Offer(this, request));
	}

	/**
	 * Takes the invocation offered on this thread for this request, if it is still open.
	 */
	static @Nullable Invocation takeOffer(ChatRequest request) {
		Offer offer = OFFER.get();
		if (offer == null) {
			return null;
		}
		OFFER.remove();
		Invocation invocation = offer.invocation();
		return (!invocation.isEnded() && sameMessages(offer.request().messages(), request.messages())) ? invocation
				: null;
	}

	static void withdrawOffer() {
		OFFER.remove();
	}

	/** Drops this invocation's offer from this thread, so an ended invocation and its request are not kept there. */
	private void withdrawOwnOffer() {
		Offer offer = OFFER.get();
		if (offer != null && offer.invocation() == this) {
			OFFER.remove();
		}
	}

	private static boolean sameMessages(@Nullable List<ChatMessage> offered, @Nullable List<ChatMessage> sent) {
		if (offered == null || sent == null) {
			return offered == sent;
		}
		if (offered.size() != sent.size()) {
			return false;
		}
		return offered.isEmpty() || Objects.equals(offered.get(offered.size() - 1), sent.get(sent.size() - 1));
	}

	TraceContext context() {
		return this.agent.context();
	}

	boolean isEnded() {
		return this.ended.get();
	}

	void markStreaming() {
		if (!this.streaming) {
			this.streaming = true;
			this.tracing.guard("mark an AI-service invocation streaming",
					() -> this.agent.span().setAttribute(GenAiAttributes.STREAMING, true));
		}
	}

	/**
	 * Notes a tool execution of this invocation; {@code false} when the request was seen already.
	 */
	boolean toolStarted(ToolExecutionRequest request, ToolExecution tool) {
		synchronized (this.toolsSeen) {
			this.openTools.add(tool);
			return this.toolsSeen.add(request);
		}
	}

	void toolEnded(ToolExecution tool) {
		synchronized (this.toolsSeen) {
			this.openTools.remove(tool);
		}
	}

	boolean sawTool(ToolExecutionRequest request) {
		synchronized (this.toolsSeen) {
			return this.toolsSeen.contains(request);
		}
	}

	/**
	 * Claims a tool request seen only after its execution (its hooks were replaced): {@code true} once.
	 */
	boolean claimLateTool(ToolExecutionRequest request) {
		synchronized (this.toolsSeen) {
			return this.toolsSeen.add(request);
		}
	}

	void succeed(@Nullable Object result) {
		if (!claimEnd()) {
			return;
		}
		withdrawOwnOffer();
		endOpenTools(null);
		this.tracing.guard("end an AI-service invocation", this.agent::succeed);
		if (this.run != null) {
			this.tracing.guard("end the run of an AI-service invocation",
					() -> this.run.succeed(AiServiceRecorder.finalResponse(result)));
		}
	}

	void fail(Throwable error) {
		if (!claimEnd()) {
			return;
		}
		withdrawOwnOffer();
		endOpenTools(error);
		this.tracing.guard("end a failed AI-service invocation", () -> this.agent.fail(error));
		if (this.run != null) {
			this.tracing.guard("end the run of a failed AI-service invocation", () -> this.run.fail(error));
		}
	}

	void cancel(@Nullable String partialText) {
		if (!claimEnd()) {
			return;
		}
		withdrawOwnOffer();
		endOpenTools(null);
		this.tracing.guard("end a cancelled AI-service invocation", this.agent::cancel);
		if (this.run != null) {
			this.tracing.guard("end the run of a cancelled AI-service invocation",
					() -> this.run.cancel(partialText));
		}
	}

	private boolean claimEnd() {
		if (!this.ended.compareAndSet(false, true)) {
			return false;
		}
		OPEN.remove(this.id, this);
		return true;
	}

	/**
	 * Ends the tool executions that no hook ended (a tool hook or error handler threw): failed with the
	 * invocation's error, or cancelled.
	 */
	private void endOpenTools(@Nullable Throwable error) {
		List<ToolExecution> open;
		synchronized (this.toolsSeen) {
			open = new ArrayList<>(this.openTools);
			this.openTools.clear();
		}
		for (ToolExecution tool : open) {
			this.tracing.guard("end an unfinished tool execution", () -> {
				if (error != null) {
					tool.fail(error, null);
				}
				else {
					tool.fail(new java.util.concurrent.CancellationException("the invocation ended first"), null);
				}
			});
		}
		ToolHooks.releaseEnded();
	}

	private record Offer(Invocation invocation, ChatRequest request) {
	}

}
