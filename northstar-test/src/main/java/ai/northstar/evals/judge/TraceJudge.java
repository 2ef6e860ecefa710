package ai.northstar.evals.judge;

import ai.northstar.evals.EvalCase;
import ai.northstar.evals.EvalRun;
import ai.northstar.evals.GradeResult;
import ai.northstar.evals.TraceDag;
import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An LLM judge of a trace: the model sees a task, the goal, the final response and the trace bounded by
 * {@link TraceContexts}; skipped when the case has no trace. The grade's metadata tells how many spans and events
 * the trace held ({@code trace_context_span_count}, and {@code trace_context_event_count}, at most
 * {@value TraceContexts#MAX_EVENTS}).
 */
abstract class TraceJudge extends LlmJudge {

	TraceJudge(String name, JudgeModel model, JudgeScoring scoring, double temperature) {
		super(name, model, scoring, temperature);
	}

	abstract String task();

	@Override
	@Nullable String skipReason(EvalCase evalCase, EvalRun run) {
		return (run.trace() == null) ? "Trace DAG was not provided." : null;
	}

	@Override
	String rules() {
		return JudgePrompts.TRACE;
	}

	@Override
	ObjectNode context(EvalCase evalCase, EvalRun run) {
		ObjectNode context = EvalJson.NODES.objectNode();
		context.put("task", task());
		context.put("goal", evalCase.expected().goal());
		context.put("final_response", run.finalResponse());
		context.set("trace", TraceContexts.bounded(trace(run)));
		return context;
	}

	@Override
	GradeResult decorate(GradeResult result, EvalRun run) {
		TraceDag trace = trace(run);
		return withMetadata(result, "trace_context_span_count", trace.spans().size(), "trace_context_event_count",
				Math.min(trace.events().size(), TraceContexts.MAX_EVENTS));
	}

	private static TraceDag trace(EvalRun run) {
		TraceDag trace = run.trace();
		if (trace == null) {
			throw new IllegalStateException("A trace judge needs a trace");
		}
		return trace;
	}

}
