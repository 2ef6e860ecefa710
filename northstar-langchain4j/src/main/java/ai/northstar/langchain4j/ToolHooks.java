package ai.northstar.langchain4j;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import ai.northstar.TraceContext;
import ai.northstar.genai.ToolExecution;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolArgumentsErrorHandler;
import dev.langchain4j.service.tool.ToolErrorContext;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import dev.langchain4j.service.tool.ToolExecutionErrorHandler;
import org.jspecify.annotations.Nullable;

/**
 * Records tool executions from LangChain4j's before- and after-tool-execution hooks, which run on the thread that
 * executes the tool, right before and right after it: the {@code TOOL} span opens in the first and ends in the second,
 * and is the current context in between, so that what the tool does ({@code @NorthstarSpan} methods, another AI
 * service) nests under it. The tool's exception is taken from the tool error handlers, composed around the
 * application's; when a handler rethrows (LangChain4j's default for invalid arguments), the span ends there.
 * <p>
 * The hooks hold one consumer each: {@link #composeBefore} and {@link #composeAfter} run the application's consumer
 * inside NorthStar's, never instead of it.
 */
final class ToolHooks {

	/** The tool executions open on this thread, innermost first. */
	private static final ThreadLocal<ArrayDeque<OpenTool>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

	private final NorthstarLangChain4j tracing;

	ToolHooks(NorthstarLangChain4j tracing) {
		this.tracing = tracing;
	}

	Consumer<BeforeToolExecution> composeBefore(@Nullable Consumer<BeforeToolExecution> existing) {
		return new Before(this, existing);
	}

	Consumer<dev.langchain4j.service.tool.ToolExecution> composeAfter(
			@Nullable Consumer<dev.langchain4j.service.tool.ToolExecution> existing) {
		return new After(this, existing);
	}

	ToolExecutionErrorHandler composeExecutionErrors(ToolExecutionErrorHandler existing) {
		return new ExecutionErrors(this, existing);
	}

	ToolArgumentsErrorHandler composeArgumentErrors(ToolArgumentsErrorHandler existing) {
		return new ArgumentErrors(this, existing);
	}

	static boolean isNorthstar(@Nullable Object hook) {
		return hook instanceof Before || hook instanceof After || hook instanceof ExecutionErrors
				|| hook instanceof ArgumentErrors;
	}

	void before(BeforeToolExecution before) {
		releaseEnded();
		if (!this.tracing.isActive()) {
			return;
		}
		ToolExecutionRequest request = before.request();
		Invocation invocation = Invocation.find(
				(before.invocationContext() != null) ? before.invocationContext().invocationId() : null);
		TraceContext parent = (invocation != null) ? invocation.context() : TraceContext.current();
		if (parent.isEmpty() || request == null) {
			return;
		}
		String name = (request.name() != null && !request.name().isBlank()) ? request.name() : "tool";
		ToolExecution tool = ToolExecution
			.start(this.tracing.client(), parent, name, request.id(), request.arguments())
			.orElse(null);
		if (tool == null) {
			return;
		}
		if (invocation != null) {
			invocation.toolStarted(request, tool);
		}
		OPEN.get().push(new OpenTool(request, tool, invocation, tool.context().makeCurrent()));
	}

	void after(dev.langchain4j.service.tool.ToolExecution execution) {
		OpenTool open = remove(execution.request());
		if (open == null) {
			return;
		}
		ToolExecution tool = open.tool;
		if (execution.hasFailed()) {
			if (open.errorRecorded) {
				tool.succeed(execution.result());
			}
			else {
				tool.fail(new ToolFailedException(execution.result()), execution.result());
			}
		}
		else {
			tool.succeed(execution.result());
		}
		if (open.invocation != null) {
			open.invocation.toolEnded(tool);
		}
	}

	/**
	 * Notes the tool's exception on its span, which ends {@code error} with it.
	 */
	private @Nullable OpenTool errorRaised(@Nullable ToolErrorContext context, Throwable error) {
		ToolExecutionRequest request = (context != null) ? context.toolExecutionRequest() : null;
		OpenTool open = find(request);
		if (open != null) {
			open.tool.recordError(error);
			open.errorRecorded = true;
		}
		return open;
	}

	/**
	 * Ends the span of a tool whose error handler threw: the execution ends here, with no after-hook.
	 */
	private void handlerThrew(@Nullable ToolErrorContext context, Throwable error) {
		ToolExecutionRequest request = (context != null) ? context.toolExecutionRequest() : null;
		OpenTool open = remove(request);
		if (open != null) {
			open.tool.fail(error, null);
			if (open.invocation != null) {
				open.invocation.toolEnded(open.tool);
			}
		}
	}

	private static @Nullable OpenTool find(@Nullable ToolExecutionRequest request) {
		if (request == null) {
			return null;
		}
		for (OpenTool open : OPEN.get()) {
			if (open.request == request) {
				return open;
			}
		}
		return null;
	}

	/**
	 * Removes a tool's entry from this thread and restores the context that was current before it, with those of
	 * entries above it that were left open.
	 */
	private static @Nullable OpenTool remove(@Nullable ToolExecutionRequest request) {
		ArrayDeque<OpenTool> open = OPEN.get();
		if (request == null || find(request) == null) {
			if (open.isEmpty()) {
				OPEN.remove();
			}
			return null;
		}
		OpenTool found;
		do {
			found = open.pop();
			found.scope.close();
		}
		while (found.request != request);
		if (open.isEmpty()) {
			OPEN.remove();
		}
		return found;
	}

	/**
	 * Releases the entries of this thread whose tool or invocation has ended without an after-hook, innermost first.
	 */
	static void releaseEnded() {
		ArrayDeque<OpenTool> open = OPEN.get();
		Iterator<OpenTool> iterator = open.iterator();
		while (iterator.hasNext()) {
			OpenTool top = open.peek();
			if (top == null || !(top.tool.isEnded() || (top.invocation != null && top.invocation.isEnded()))) {
				break;
			}
			open.pop().scope.close();
		}
		if (open.isEmpty()) {
			OPEN.remove();
		}
	}

	private static final class OpenTool {

		final ToolExecutionRequest request;

		final ToolExecution tool;

		final @Nullable Invocation invocation;

		final TraceContext.Scope scope;

		volatile boolean errorRecorded;

		OpenTool(ToolExecutionRequest request, ToolExecution tool, @Nullable Invocation invocation,
				TraceContext.Scope scope) {
			this.request = request;
			this.tool = tool;
			this.invocation = invocation;
			this.scope = scope;
		}

	}

	/**
	 * Opens the span, then runs the application's consumer; when that throws, the tool does not run and its span
	 * ends failed.
	 */
	private record Before(ToolHooks hooks, @Nullable Consumer<BeforeToolExecution> existing)
			implements Consumer<BeforeToolExecution> {

		@Override
		public void accept(BeforeToolExecution before) {
			this.hooks.tracing.guard("start a tool execution", () -> this.hooks.before(before));
			if (this.existing == null) {
				return;
			}
			try {
				this.existing.accept(before);
			}
			catch (RuntimeException | Error ex) {
				this.hooks.tracing.guard("end a tool execution whose hook failed", () -> {
					OpenTool open = remove(before.request());
					if (open != null) {
						open.tool.fail(ex, null);
						if (open.invocation != null) {
							open.invocation.toolEnded(open.tool);
						}
					}
				});
				throw ex;
			}
		}

	}

	/**
	 * Runs the application's consumer, then ends the span, whatever the consumer does.
	 */
	private record After(ToolHooks hooks, @Nullable Consumer<dev.langchain4j.service.tool.ToolExecution> existing)
			implements Consumer<dev.langchain4j.service.tool.ToolExecution> {

		@Override
		public void accept(dev.langchain4j.service.tool.ToolExecution execution) {
			try {
				if (this.existing != null) {
					this.existing.accept(execution);
				}
			}
			finally {
				this.hooks.tracing.guard("end a tool execution", () -> this.hooks.after(execution));
			}
		}

	}

	/**
	 * Notes a tool's error on its span, then lets the user's handler (or LangChain4j's default) decide; when that
	 * handler throws, the span ends with the tool's error and the handler's exception propagates.
	 */
	private ToolErrorHandlerResult handled(Throwable error, ToolErrorContext context,
			BiFunction<Throwable, ToolErrorContext, ToolErrorHandlerResult> existing) {
		this.tracing.guard("record the error of a tool", () -> errorRaised(context, error));
		try {
			return existing.apply(error, context);
		}
		catch (RuntimeException | Error ex) {
			this.tracing.guard("end a failed tool execution", () -> handlerThrew(context, error));
			throw ex;
		}
	}

	private record ExecutionErrors(ToolHooks hooks, ToolExecutionErrorHandler existing)
			implements ToolExecutionErrorHandler {

		@Override
		public ToolErrorHandlerResult handle(Throwable error, ToolErrorContext context) {
			return this.hooks.handled(error, context, this.existing::handle);
		}

	}

	private record ArgumentErrors(ToolHooks hooks, ToolArgumentsErrorHandler existing)
			implements ToolArgumentsErrorHandler {

		@Override
		public ToolErrorHandlerResult handle(Throwable error, ToolErrorContext context) {
			return this.hooks.handled(error, context, this.existing::handle);
		}

	}

	/**
	 * The error of a failed tool execution whose exception LangChain4j did not show: it carries the result text the
	 * model was sent instead.
	 */
	static final class ToolFailedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ToolFailedException(@Nullable String message) {
			super((message != null && !message.isBlank()) ? message : "the tool failed");
		}

	}

}
