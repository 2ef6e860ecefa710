package ai.northstar.evals.judge;

import ai.northstar.evals.EvalCase;
import ai.northstar.evals.EvalRun;
import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An LLM judge of whether the final response is supported by the case's context and the tool outputs, as the
 * Python SDK's {@code FaithfulnessJudge}; skipped when there is neither. Named {@value #NAME}, passing at 0.7 on a
 * numeric 0..1 scale unless told otherwise.
 *
 * @since 0.1.0
 */
public final class FaithfulnessJudge extends LlmJudge {

	/** The default name. */
	public static final String NAME = "faithfulness_judge";

	private FaithfulnessJudge(String name, JudgeModel model, JudgeScoring scoring, double temperature) {
		super(name, model, scoring, temperature);
	}

	/**
	 * Returns a faithfulness judge with the defaults.
	 * @param model the model
	 * @return the judge
	 */
	public static FaithfulnessJudge create(JudgeModel model) {
		return builder(model).build();
	}

	/**
	 * Returns a builder.
	 * @param model the model
	 * @return the builder
	 */
	public static JudgeBuilder<FaithfulnessJudge> builder(JudgeModel model) {
		return new JudgeBuilder<>(NAME, model, FaithfulnessJudge::new);
	}

	@Override
	@Nullable String skipReason(EvalCase evalCase, EvalRun run) {
		boolean noContext = evalCase.expected().context() == null || evalCase.expected().context().isEmpty();
		return (noContext && run.toolOutputs().isEmpty()) ? "expected.context or tool outputs were not provided." : null;
	}

	@Override
	String rules() {
		return JudgePrompts.FAITHFULNESS;
	}

	@Override
	ObjectNode context(EvalCase evalCase, EvalRun run) {
		ObjectNode context = EvalJson.NODES.objectNode();
		context.put("task", JudgePrompts.FAITHFULNESS_TASK);
		context.put("goal", evalCase.expected().goal());
		context.put("ground_truth", evalCase.expected().groundTruth());
		context.put("final_response", run.finalResponse());
		context.set("context", EvalJson.toJson(evalCase.expected().context()));
		ArrayNode outputs = context.putArray("tool_outputs");
		run.toolOutputs().forEach((output) -> outputs.add(output.toJson()));
		return context;
	}

}
