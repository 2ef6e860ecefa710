package ai.northstar.spring.ai;

import ai.northstar.genai.AgentCall;
import ai.northstar.genai.AutoTraceRun;
import ai.northstar.genai.ModelRound;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;

/**
 * Records each Spring AI {@code ChatClient} call (blocking or streamed) as an {@code AGENT} span named
 * {@value #SPAN_NAME}, holding the call's model rounds and tool executions (recorded by
 * {@link NorthstarModelObservationHandler}). Outside any trace, with auto-trace on, the call gets a run of its own,
 * also named {@value #SPAN_NAME}, with the last user message as {@code user_input} and the final answer as
 * {@code final_response}. A cancelled stream ends the span and the run {@code error} with {@code cancelled: true}.
 * Every callback is guarded and never throws.
 *
 * @since 0.1.0
 */
public final class NorthstarChatClientObservationHandler implements ObservationHandler<ChatClientObservationContext> {

	/** The name of the span, and of the run started outside traces, of a {@code ChatClient} call. */
	public static final String SPAN_NAME = "chat_client";

	private final SpringAiTracer tracer;

	/**
	 * Creates a handler.
	 * @param tracer the tracer
	 */
	public NorthstarChatClientObservationHandler(SpringAiTracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatClientObservationContext;
	}

	@Override
	public void onStart(ChatClientObservationContext context) {
		if (!this.tracer.isActive()) {
			return;
		}
		this.tracer.guard("start a ChatClient record", () -> {
			BoundPrompt.remember(context, context.getRequest().context().get(NorthstarAdvisorParams.PROMPT));
			SpringAiTracer.Placement placement = this.tracer.placement(context);
			if (placement == null) {
				return;
			}
			SpringAiTracer.Opening opening = this.tracer.open(placement, SPAN_NAME,
					SpringAiMessages.lastUserText(context.getRequest().prompt().getInstructions()));
			if (opening == null) {
				return;
			}
			AgentCall call = AgentCall.start(this.tracer.client(), opening.context(), SPAN_NAME, context.isStream())
				.orElse(null);
			if (call != null) {
				context.put(AgentCall.class, call);
				this.tracer.attach(context, new TraceNode(placement.parent(), call.context(), opening.run(), null, null));
			}
			else if (opening.run() != null) {
				opening.run().succeed(null);
			}
		});
	}

	@Override
	public void onScopeOpened(ChatClientObservationContext context) {
		this.tracer.guard("make a ChatClient record current", () -> this.tracer.scopeOpened(context));
	}

	@Override
	public void onScopeClosed(ChatClientObservationContext context) {
		this.tracer.guard("restore the trace context", () -> this.tracer.scopeClosed(context));
	}

	@Override
	public void onScopeReset(ChatClientObservationContext context) {
		this.tracer.guard("reset the trace context", this.tracer::scopesReset);
	}

	@Override
	public void onStop(ChatClientObservationContext context) {
		TraceNode node = SpringAiTracer.node(context);
		if (node == null) {
			return;
		}
		this.tracer.guard("end a ChatClient record",
				() -> node.end(() -> this.tracer.guard("end a ChatClient record", () -> finish(context, node))));
	}

	private void finish(ChatClientObservationContext context, TraceNode node) {
		AgentCall call = context.get(AgentCall.class);
		AutoTraceRun run = node.run();
		try {
			Throwable error = context.getError();
			ChatClientResponse response = context.getResponse();
			if (error != null) {
				if (call != null) {
					call.fail(error);
				}
				if (run != null) {
					run.fail(error);
				}
			}
			else if (response == null && context.isStream()) {
				if (call != null) {
					call.cancel();
				}
				if (run != null) {
					run.cancel(partialText(node));
				}
			}
			else {
				if (call != null) {
					call.succeed();
				}
				if (run != null) {
					run.succeed((response != null) ? SpringAiMessages.text(response.chatResponse()) : null);
				}
			}
		}
		finally {
			if (call != null) {
				call.succeed();
			}
			if (run != null) {
				run.succeed(null);
			}
		}
	}

	private static @Nullable String partialText(TraceNode node) {
		ModelRound round = node.lastRound();
		String text = (round != null) ? round.partialText() : "";
		return text.isEmpty() ? null : text;
	}

}
