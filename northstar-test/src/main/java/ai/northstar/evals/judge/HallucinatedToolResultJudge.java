package ai.northstar.evals.judge;

/**
 * An LLM judge that passes only when the final response's claims are backed by observed {@code tool_result}
 * events, as the Python SDK's {@code HallucinatedToolResultJudge}. Named {@value #NAME}, passing at 0.7 on a
 * numeric 0..1 scale unless told otherwise; skipped without a trace.
 *
 * @since 0.1.0
 */
public final class HallucinatedToolResultJudge extends TraceJudge {

	/** The default name. */
	public static final String NAME = "hallucinated_tool_result_judge";

	private HallucinatedToolResultJudge(String name, JudgeModel model, JudgeScoring scoring, double temperature) {
		super(name, model, scoring, temperature);
	}

	/**
	 * Returns the judge with the defaults.
	 * @param model the model
	 * @return the judge
	 */
	public static HallucinatedToolResultJudge create(JudgeModel model) {
		return builder(model).build();
	}

	/**
	 * Returns a builder.
	 * @param model the model
	 * @return the builder
	 */
	public static JudgeBuilder<HallucinatedToolResultJudge> builder(JudgeModel model) {
		return new JudgeBuilder<>(NAME, model, HallucinatedToolResultJudge::new);
	}

	@Override
	String task() {
		return "Pass only when every claim of final_response is backed by an observed tool_result event.";
	}

}
