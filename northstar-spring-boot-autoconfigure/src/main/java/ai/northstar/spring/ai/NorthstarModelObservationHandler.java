package ai.northstar.spring.ai;

import java.util.List;

import ai.northstar.genai.AutoTraceRun;
import ai.northstar.genai.EmbeddingCall;
import ai.northstar.genai.ModelRound;
import ai.northstar.genai.ModelRoundResult;
import ai.northstar.genai.ToolExecution;
import ai.northstar.prompt.CompiledPrompt;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * Records Spring AI's model-level observations in NorthStar: each chat model round (blocking or streamed, direct or
 * through a {@code ChatClient}, each round of a tool-calling loop) as a {@code MODEL} span {@code chat {model}}, each
 * tool execution as a {@code TOOL} span, each embedding request as a {@code CUSTOM} span {@code embedding {model}}
 * (see {@link ModelRound}, {@link ToolExecution} and {@link EmbeddingCall} for what each holds). Where each record
 * goes is the {@link SpringAiTracer}'s decision. The rounds of a {@code ChatClient} call that bound a NorthStar prompt
 * ({@link NorthstarAdvisorParams#bindPrompt}) are linked to it.
 * <p>
 * A streamed round ends when its observation stops: with the stream's aggregate when it completed, failed with the
 * error, or cancelled (no aggregate, no error) with the partial text a {@link NorthstarStreamAdvisor} saw. Spring AI
 * lets an exception of an observation handler reach the caller: every callback here is guarded and never throws.
 *
 * @since 0.1.0
 */
public final class NorthstarModelObservationHandler implements ObservationHandler<Observation.Context> {

	private final SpringAiTracer tracer;

	/**
	 * Creates a handler.
	 * @param tracer the tracer
	 */
	public NorthstarModelObservationHandler(SpringAiTracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext || context instanceof ToolCallingObservationContext
				|| context instanceof EmbeddingModelObservationContext;
	}

	@Override
	public void onStart(Observation.Context context) {
		if (!this.tracer.isActive()) {
			return;
		}
		this.tracer.guard("start a Spring AI record", () -> {
			if (context instanceof ChatModelObservationContext chat) {
				startRound(chat);
			}
			else if (context instanceof ToolCallingObservationContext tool) {
				startTool(tool);
			}
			else if (context instanceof EmbeddingModelObservationContext embedding) {
				startEmbedding(embedding);
			}
		});
	}

	private void startRound(ChatModelObservationContext context) {
		StreamProbe probe = context.isStreaming() ? this.tracer.takeProbe() : null;
		SpringAiTracer.Placement placement = this.tracer.placement(context);
		if (placement == null) {
			return;
		}
		Prompt prompt = context.getRequest();
		List<Message> messages = prompt.getInstructions();
		ChatOptions options = prompt.getOptions();
		String model = (options != null) ? options.getModel() : null;
		if (placement.parent() == null && SpringAiMessages.endsWithToolResults(messages)) {
			this.tracer.warnUntracedToolLoop();
		}
		SpringAiTracer.Opening opening = this.tracer.open(placement, ModelRound.spanName(model),
				SpringAiMessages.lastUserText(messages));
		if (opening == null) {
			return;
		}
		ModelRound round = ModelRound
			.start(this.tracer.client(), opening.context(), model, context.getOperationMetadata().provider(),
					context.isStreaming())
			.orElse(null);
		if (round == null) {
			return;
		}
		this.tracer.attach(context, new TraceNode(placement.parent(), round.context(), opening.run(), round, null));
		if (probe != null) {
			probe.bind(round);
		}
		CompiledPrompt bound = BoundPrompt.find(context);
		if (bound != null) {
			this.tracer.guard("bind a prompt to a model round", () -> bound.bind(round.span()));
		}
		this.tracer.guard("record the request of a model round", () -> {
			if (options != null) {
				round.requestOptions(options.getTemperature(), options.getMaxTokens(), options.getTopP());
			}
			round.inputMessages(SpringAiMessages.toChatMessages(messages));
		});
		if (probe != null) {
			context.put(StreamProbe.class, probe);
		}
	}

	private void startTool(ToolCallingObservationContext context) {
		SpringAiTracer.Placement placement = this.tracer.placement(context);
		if (placement == null) {
			return;
		}
		String name = context.getToolDefinition().name();
		SpringAiTracer.Opening opening = this.tracer.open(placement, name, null);
		if (opening == null) {
			return;
		}
		ToolExecution tool = ToolExecution
			.start(this.tracer.client(), opening.context(), name, context.getToolCallId(),
					context.getToolCallArguments())
			.orElse(null);
		if (tool != null) {
			this.tracer.attach(context, new TraceNode(placement.parent(), tool.context(), opening.run(), null, tool));
		}
	}

	private void startEmbedding(EmbeddingModelObservationContext context) {
		SpringAiTracer.Placement placement = this.tracer.placement(context);
		if (placement == null) {
			return;
		}
		EmbeddingRequest request = context.getRequest();
		EmbeddingOptions options = request.getOptions();
		String model = (options != null) ? options.getModel() : null;
		SpringAiTracer.Opening opening = this.tracer.open(placement, EmbeddingCall.spanName(model), null);
		if (opening == null) {
			return;
		}
		List<String> inputs = request.getInstructions();
		EmbeddingCall call = EmbeddingCall
			.start(this.tracer.client(), opening.context(), model, context.getOperationMetadata().provider(),
					inputs.size())
			.orElse(null);
		if (call == null) {
			return;
		}
		context.put(EmbeddingCall.class, call);
		this.tracer.attach(context, new TraceNode(placement.parent(), call.context(), opening.run(), null, null));
		if (this.tracer.capturesEmbeddingInput()) {
			this.tracer.guard("record the inputs of an embedding request", () -> call.recordInputs(inputs));
		}
	}

	@Override
	public void onScopeOpened(Observation.Context context) {
		this.tracer.guard("make a Spring AI record current", () -> this.tracer.scopeOpened(context));
	}

	@Override
	public void onScopeClosed(Observation.Context context) {
		this.tracer.guard("restore the trace context", () -> this.tracer.scopeClosed(context));
	}

	@Override
	public void onScopeReset(Observation.Context context) {
		this.tracer.guard("reset the trace context", this.tracer::scopesReset);
	}

	@Override
	public void onStop(Observation.Context context) {
		TraceNode node = SpringAiTracer.node(context);
		if (node == null) {
			return;
		}
		Runnable end = () -> this.tracer.guard("end a Spring AI record",
				() -> node.end(() -> this.tracer.guard("end a Spring AI record", () -> finish(context, node))));
		StreamProbe probe = context.get(StreamProbe.class);
		if (probe != null) {
			// The advisor may still be handing the last chunks over: end once it has seen them all.
			this.tracer.guard("end a streamed model round", () -> probe.afterTermination(end));
		}
		else {
			end.run();
		}
	}

	private void finish(Observation.Context context, TraceNode node) {
		AutoTraceRun run = node.run();
		Throwable error = context.getError();
		try {
			if (context instanceof ChatModelObservationContext chat) {
				finishRound(chat, node, error, run);
			}
			else if (context instanceof ToolCallingObservationContext toolContext) {
				ToolExecution tool = node.tool();
				if (tool != null) {
					if (error != null) {
						tool.fail(error, toolContext.getToolCallResult());
					}
					else {
						tool.succeed(toolContext.getToolCallResult());
					}
				}
				endRun(run, error, toolContext.getToolCallResult());
			}
			else if (context instanceof EmbeddingModelObservationContext embedding) {
				finishEmbedding(embedding, error);
				endRun(run, error, null);
			}
		}
		finally {
			if (run != null) {
				// A run still open here failed to record its outcome: end it all the same.
				run.succeed(null);
			}
		}
	}

	private void finishRound(ChatModelObservationContext context, TraceNode node, @Nullable Throwable error,
			@Nullable AutoTraceRun run) {
		ModelRound round = node.round();
		if (round == null) {
			return;
		}
		ChatResponse response = context.getResponse();
		if (error != null) {
			round.fail(error);
			if (run != null) {
				run.fail(error);
			}
			return;
		}
		if (response == null && context.isStreaming()) {
			round.cancel();
			if (run != null) {
				String partial = round.partialText();
				run.cancel(partial.isEmpty() ? null : partial);
			}
			return;
		}
		ModelRoundResult result = (response != null) ? SpringAiMessages.result(response)
				: new ModelRoundResult(null, null, null, null, null);
		StreamProbe probe = context.get(StreamProbe.class);
		if (probe != null && result.usage() != null) {
			result = new ModelRoundResult(result.responseModel(), result.output(), result.reasoning(),
					result.usage().withCacheReadFrom(probe.lastUsage()), result.finishReason());
		}
		else if (probe != null && result.usage() == null && probe.lastUsage() != null) {
			result = new ModelRoundResult(result.responseModel(), result.output(), result.reasoning(),
					probe.lastUsage(), result.finishReason());
		}
		round.succeed(result);
		if (run != null) {
			run.succeed(SpringAiMessages.text(response));
		}
	}

	private void finishEmbedding(EmbeddingModelObservationContext context, @Nullable Throwable error) {
		EmbeddingCall call = context.get(EmbeddingCall.class);
		if (call == null) {
			return;
		}
		if (error != null) {
			call.fail(error);
			return;
		}
		EmbeddingResponse response = context.getResponse();
		String model = null;
		Long inputTokens = null;
		Integer dimensions = null;
		if (response != null) {
			if (response.getMetadata() != null) {
				model = response.getMetadata().getModel();
				if (response.getMetadata().getUsage() != null
						&& response.getMetadata().getUsage().getPromptTokens() != null) {
					inputTokens = response.getMetadata().getUsage().getPromptTokens().longValue();
				}
			}
			Embedding first = response.getResults().isEmpty() ? null : response.getResults().get(0);
			if (first != null && first.getOutput() != null) {
				dimensions = first.getOutput().length;
			}
		}
		call.succeed(model, inputTokens, dimensions);
	}

	private static void endRun(@Nullable AutoTraceRun run, @Nullable Throwable error, @Nullable Object response) {
		if (run == null) {
			return;
		}
		if (error != null) {
			run.fail(error);
		}
		else {
			run.succeed(response);
		}
	}

}
