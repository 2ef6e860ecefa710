package ai.northstar.evals.judge;

import java.math.BigDecimal;

/**
 * The instructions judges give their model: what to judge, how to score, and the shape of the answer.
 */
final class JudgePrompts {

	static final String RUBRIC = "You grade the answers of an AI agent, strictly. Base the verdict only on what you are"
			+ " given: final_response, rubric, goal, ground_truth, context, tool_calls and tool_outputs. Give no credit"
			+ " for claims the inputs do not support, and do not fill in missing facts. Answer with one JSON object"
			+ " and nothing else.";

	static final String DEFAULT_RUBRIC = "Pass only when the final response achieves the stated goal.";

	static final String FAITHFULNESS = "You check whether the answer of an AI agent is faithful. Judge only whether"
			+ " final_response is backed by the context, ground_truth and tool_outputs you are given; a claim none of"
			+ " them supports counts against the answer, however plausible it sounds. Answer with one JSON object and"
			+ " nothing else.";

	static final String FAITHFULNESS_TASK = "Grade whether the final response stays faithful to the context and the"
			+ " tool outputs; penalize every unsupported claim.";

	static final String TRACE = "You grade an AI agent from the evidence of its trace. Use only the spans, the ordered"
			+ " events, the tool inputs and outputs, and the final_response you are given; infer nothing that is not"
			+ " there. Answer with one JSON object and nothing else.";

	private JudgePrompts() {
	}

	static String system(String rules, JudgeScoring scoring) {
		return rules + " " + scoring(scoring) + " " + output();
	}

	static String scoring(JudgeScoring scoring) {
		if (scoring.mode() == JudgeScoring.Mode.BINARY) {
			return "Set `passed` to true only when the answer meets every criterion, else to false; `label` may say"
					+ " pass or fail; give no numeric score.";
		}
		return "Set `score` to a number from " + g(scoring.minScore()) + " to " + g(scoring.maxScore())
				+ ". NorthStar passes the grade when `score` is at least " + g(scoring.passingScore())
				+ ", so do not decide pass or fail yourself. Use the whole scale: low scores for missing, unsupported"
				+ " or harmful answers, high scores only for complete and well-supported ones.";
	}

	static String output() {
		return "`reason`: a short justification of the score or verdict. `feedback`: never empty; tell the author of"
				+ " the answer what to change, or give a brief positive note when nothing needs changing. Optional"
				+ " `confidence`: from 0 to 1. Optional `evidence`: a list of short strings quoted or summarized from"
				+ " the inputs.";
	}

	/** A number as Python's {@code :g} formats it: no trailing zeros. */
	static String g(double value) {
		BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
		return (decimal.scale() < 0) ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
	}

}
