package ai.northstar.evals.grader;

import java.util.ArrayList;
import java.util.List;

import ai.northstar.evals.Grader;
import ai.northstar.evals.judge.FaithfulnessJudge;
import ai.northstar.evals.judge.HallucinatedToolResultJudge;
import ai.northstar.evals.judge.JudgeModel;
import ai.northstar.evals.judge.PlanningActionMismatchJudge;
import ai.northstar.evals.judge.RubricJudge;

/**
 * The Python SDK's graders, by their names: each reads one field of {@code expected} (or the case's metrics or
 * trace) and is skipped when it is absent.
 *
 * <pre>{@code
 * EvalSuite suite = EvalSuite.builder()
 *     .graders(Graders.deterministic())
 *     .grader(Graders.regex("refund_window", "reembolsos?.+30 días", "final_response", "ignorecase"))
 *     .grader(RubricJudge.create("rubric_judge", judgeModel))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Graders {

	/** The name of the plan of {@link #deterministic()}. */
	public static final String DETERMINISTIC = "deterministic";

	private Graders() {
	}

	/**
	 * {@code max_tool_calls}: at most {@code expected.max_tool_calls} tool calls.
	 * @return the grader
	 */
	public static Grader maxToolCalls() {
		return new ToolGraders.MaxToolCalls();
	}

	/**
	 * {@code required_tools}: every tool of {@code expected.required_tools} was called.
	 * @return the grader
	 */
	public static Grader requiredTools() {
		return new ToolGraders.RequiredTools();
	}

	/**
	 * {@code forbidden_tools}: no tool of {@code expected.forbidden_tools} was called.
	 * @return the grader
	 */
	public static Grader forbiddenTools() {
		return new ToolGraders.ForbiddenTools();
	}

	/**
	 * {@code tool_arguments_match}: each tool of {@code expected.tool_arguments} was called at least once with
	 * arguments containing the expected ones (nested objects as subsets; JSON text arguments are parsed).
	 * @return the grader
	 */
	public static Grader toolArgumentsMatch() {
		return new ToolGraders.ToolArgumentsMatch();
	}

	/**
	 * {@code tool_sequence}: the tool calls are exactly {@code expected.tool_sequence}, in order.
	 * @return the grader
	 */
	public static Grader toolSequence() {
		return new ToolGraders.ToolSequence();
	}

	/**
	 * {@code tool_output_referenced}: when {@code expected.require_tool_output_reference} is true, the final response
	 * repeats at least 35% of the meaningful words of some tool output.
	 * @return the grader
	 */
	public static Grader toolOutputReferenced() {
		return new OutputGraders.ToolOutputReferenced();
	}

	/**
	 * {@code contains}: the final response contains every phrase of {@code expected.contains}, ignoring case.
	 * @return the grader
	 */
	public static Grader contains() {
		return new OutputGraders.Contains();
	}

	/**
	 * {@code not_contains}: the final response contains no phrase of {@code expected.not_contains}, ignoring case.
	 * @return the grader
	 */
	public static Grader notContains() {
		return new OutputGraders.NotContains();
	}

	/**
	 * {@code ground_truth_match}: the final response contains {@code expected.ground_truth}, ignoring case and runs
	 * of whitespace.
	 * @return the grader
	 */
	public static Grader groundTruthMatch() {
		return new OutputGraders.GroundTruthMatch();
	}

	/**
	 * {@code latency_under}: {@code metrics.latency_ms} is at most {@code expected.max_latency_ms} (fails when
	 * unmeasured).
	 * @return the grader
	 */
	public static Grader latencyUnder() {
		return new OutputGraders.LatencyUnder();
	}

	/**
	 * {@code cost_under}: {@code metrics.cost_usd} is at most {@code expected.max_cost_usd} (fails when unmeasured).
	 * @return the grader
	 */
	public static Grader costUnder() {
		return new OutputGraders.CostUnder();
	}

	/**
	 * A regular expression searched in a target; see {@link RegexGrader}.
	 * @param name the grader's name
	 * @param pattern the pattern
	 * @param target {@code final_response} (or {@code output}), {@code case.<path>} or {@code run.<path>}
	 * @param flags {@code ignorecase}, {@code multiline}, {@code dotall}
	 * @return the grader
	 * @throws IllegalArgumentException for an invalid pattern or an unknown flag
	 */
	public static RegexGrader regex(String name, String pattern, String target, String... flags) {
		return new RegexGrader(name, pattern, target, List.of(flags));
	}

	/**
	 * A regular expression searched in the final response; see {@link RegexGrader}.
	 * @param name the grader's name
	 * @param pattern the pattern
	 * @return the grader
	 */
	public static RegexGrader regex(String name, String pattern) {
		return regex(name, pattern, "final_response");
	}

	/**
	 * A grader written in Java; see {@link PredicateGrader}.
	 * @param name the grader's name
	 * @param check the check
	 * @return the grader
	 */
	public static PredicateGrader predicate(String name, PredicateGrader.Check check) {
		return new PredicateGrader(name, check);
	}

	/**
	 * The deterministic graders, in the Python SDK's order: {@code max_tool_calls}, {@code required_tools},
	 * {@code forbidden_tools}, {@code tool_arguments_match}, {@code tool_sequence}, {@code tool_output_referenced},
	 * {@code contains}, {@code not_contains}, {@code ground_truth_match}, {@code latency_under},
	 * {@code cost_under}.
	 * @return the graders
	 */
	public static List<Grader> deterministic() {
		return List.of(maxToolCalls(), requiredTools(), forbiddenTools(), toolArgumentsMatch(), toolSequence(),
				toolOutputReferenced(), contains(), notContains(), groundTruthMatch(), latencyUnder(), costUnder());
	}

	/**
	 * The trace graders, in the Python SDK's order: {@code bad_tool_failure_recovery},
	 * {@code unnecessary_tool_loop}, {@code stale_context_usage}, {@code invalid_state_transition},
	 * {@code retrieval_precision_recall}, {@code step_cost_attribution}, {@code failure_origin}, then the
	 * {@link HallucinatedToolResultJudge} and {@link PlanningActionMismatchJudge} on the model.
	 * @param judgeModel the model of the two judges
	 * @return the graders
	 */
	public static List<Grader> trace(JudgeModel judgeModel) {
		List<Grader> graders = new ArrayList<>(traceDeterministic());
		graders.add(HallucinatedToolResultJudge.create(judgeModel));
		graders.add(PlanningActionMismatchJudge.create(judgeModel));
		return List.copyOf(graders);
	}

	/**
	 * The deterministic trace graders, without the two judges of {@link #trace(JudgeModel)}.
	 * @return the graders
	 */
	public static List<Grader> traceDeterministic() {
		return List.of(new TraceGraders.BadToolFailureRecovery(), new TraceGraders.UnnecessaryToolLoop(),
				new TraceGraders.StaleContextUsage(), new TraceGraders.InvalidStateTransition(),
				new TraceGraders.RetrievalPrecisionRecall(), new TraceGraders.StepCostAttribution(),
				new TraceGraders.FailureOrigin());
	}

	/**
	 * The graders of a named plan of the Python SDK: {@code deterministic}; {@code quality} (plus a
	 * {@code rubric_judge}); {@code agentic} (plus a {@code faithfulness_judge}); {@code trace}.
	 * @param name the plan
	 * @param judgeModel the model of the plan's judges
	 * @return the graders
	 * @throws IllegalArgumentException for an unknown plan
	 */
	public static List<Grader> plan(String name, JudgeModel judgeModel) {
		List<Grader> graders = new ArrayList<>();
		switch (name) {
			case DETERMINISTIC -> graders.addAll(deterministic());
			case "quality" -> {
				graders.addAll(deterministic());
				graders.add(RubricJudge.create("rubric_judge", judgeModel));
			}
			case "agentic" -> {
				graders.addAll(deterministic());
				graders.add(FaithfulnessJudge.create(judgeModel));
			}
			case "trace" -> graders.addAll(trace(judgeModel));
			default -> throw new IllegalArgumentException(
					"Unknown grader plan '" + name + "'. Use 'deterministic', 'quality', 'agentic', or 'trace'.");
		}
		return List.copyOf(graders);
	}

}
