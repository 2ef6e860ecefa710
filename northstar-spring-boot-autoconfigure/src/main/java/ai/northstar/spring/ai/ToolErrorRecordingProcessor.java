package ai.northstar.spring.ai;

import java.util.Objects;

import ai.northstar.genai.ToolExecution;

import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;

/**
 * Decorates Spring AI's {@link ToolExecutionExceptionProcessor} so that a tool that throws ends its NorthStar
 * {@code TOOL} span {@code error} with the tool's exception. Spring AI's tool calling turns the exception into a
 * result message for the model inside the tool's observation, which then reports a success: the processor is the
 * only place the exception is still seen. The decorated processor's answer (the message, or the exception it
 * throws) is returned unchanged. The auto-configuration decorates the {@code ToolExecutionExceptionProcessor} bean of
 * Spring AI's tool-calling auto-configuration; a {@code ToolCallingManager} built by hand keeps its own processor.
 *
 * @since 0.1.0
 */
public final class ToolErrorRecordingProcessor implements ToolExecutionExceptionProcessor {

	private final ToolExecutionExceptionProcessor delegate;

	private final SpringAiTracer tracer;

	/**
	 * Decorates a processor.
	 * @param delegate the processor that turns exceptions into results
	 * @param tracer the tracer
	 */
	public ToolErrorRecordingProcessor(ToolExecutionExceptionProcessor delegate, SpringAiTracer tracer) {
		this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
		this.tracer = Objects.requireNonNull(tracer, "tracer must not be null");
	}

	/**
	 * Returns the decorated processor.
	 * @return the delegate
	 */
	public ToolExecutionExceptionProcessor delegate() {
		return this.delegate;
	}

	@Override
	public String process(ToolExecutionException exception) {
		if (this.tracer.isActive()) {
			this.tracer.guard("record a tool's error", () -> {
				ToolExecution tool = this.tracer.currentTool();
				if (tool != null) {
					tool.recordError((exception.getCause() != null) ? exception.getCause() : exception);
				}
			});
		}
		return this.delegate.process(exception);
	}

}
