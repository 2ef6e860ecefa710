package ai.northstar.benchmarks;

import ai.northstar.Run;
import ai.northstar.Session;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The trace every benchmark records: one agent run with two nested spans and four small events. In NorthStar terms a
 * run, an agent span, a tool span inside it, a user input and a final response on the run, tool arguments and a tool
 * result on the tool span: seven records. In OpenTelemetry terms the same shape: a root span, a child, a grandchild
 * and four span events, each with one small string attribute.
 *
 * @since 0.1.0
 */
public final class RunShape {

	/** The records one NorthStar run produces: the run, two spans, four events. */
	public static final int RECORDS_PER_RUN = 7;

	/** The spans one OpenTelemetry trace produces. */
	public static final int OTEL_SPANS_PER_RUN = 3;

	static final String RUN_NAME = "research-agent";

	static final String AGENT_SPAN = "plan";

	static final String TOOL_SPAN = "get_weather";

	static final String USER_INPUT = "What is the weather in Paris today?";

	static final String TOOL_ARGUMENTS = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";

	static final String TOOL_RESULT = "{\"temperature\":18,\"sky\":\"sunny\"}";

	static final String FINAL_RESPONSE = "It is 18 degrees and sunny in Paris.";

	private static final AttributeKey<String> CONTENT = AttributeKey.stringKey("content");

	private RunShape() {
	}

	/**
	 * Records one run through the NorthStar client.
	 * @param session the session the run belongs to
	 * @return the closed run
	 */
	public static Run recordNorthstar(Session session) {
		Run run = session.run(RUN_NAME);
		run.recordUserInput(USER_INPUT);
		Span agent = run.span(AGENT_SPAN, SpanKind.AGENT);
		Span tool = agent.span(TOOL_SPAN, SpanKind.TOOL);
		tool.recordToolArguments(TOOL_ARGUMENTS);
		tool.recordToolResult(TOOL_RESULT);
		tool.close();
		agent.close();
		run.recordFinalResponse(FINAL_RESPONSE);
		run.close();
		return run;
	}

	/**
	 * Records the same shape through OpenTelemetry: parents are passed explicitly, as NorthStar's are, so neither
	 * side touches a thread-local context.
	 * @param tracer the tracer
	 * @return the ended root span
	 */
	public static io.opentelemetry.api.trace.Span recordOpenTelemetry(Tracer tracer) {
		io.opentelemetry.api.trace.Span root = tracer.spanBuilder(RUN_NAME).setNoParent().startSpan();
		root.addEvent("user_input", Attributes.of(CONTENT, USER_INPUT));
		io.opentelemetry.api.trace.Span agent = tracer.spanBuilder(AGENT_SPAN)
			.setParent(Context.root().with(root))
			.startSpan();
		io.opentelemetry.api.trace.Span tool = tracer.spanBuilder(TOOL_SPAN)
			.setParent(Context.root().with(agent))
			.startSpan();
		tool.addEvent("tool_arguments", Attributes.of(CONTENT, TOOL_ARGUMENTS));
		tool.addEvent("tool_result", Attributes.of(CONTENT, TOOL_RESULT));
		tool.end();
		agent.end();
		root.addEvent("final_response", Attributes.of(CONTENT, FINAL_RESPONSE));
		root.end();
		return root;
	}

}
