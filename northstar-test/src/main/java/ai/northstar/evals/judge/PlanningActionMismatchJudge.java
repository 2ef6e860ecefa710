package ai.northstar.evals.judge;

/**
 * An LLM judge that passes only when the later tool and action events agree with the plans and reasoning stated
 * before them, as the Python SDK's {@code PlanningActionMismatchJudge}. Named {@value #NAME}, passing at 0.7 on a
 * numeric 0..1 scale unless told otherwise; skipped without a trace.
 *
 * @since 0.1.0
 */
public final class PlanningActionMismatchJudge extends TraceJudge {

	/** The default name. */
	public static final String NAME = "planning_action_mismatch_judge";

	private PlanningActionMismatchJudge(String name, JudgeModel model, JudgeScoring scoring, double temperature) {
		super(name, model, scoring, temperature);
	}

	/**
	 * Returns the judge with the defaults.
	 * @param model the model
	 * @return the judge
	 */
	public static PlanningActionMismatchJudge create(JudgeModel model) {
		return builder(model).build();
	}

	/**
	 * Returns a builder.
	 * @param model the model
	 * @return the builder
	 */
	public static JudgeBuilder<PlanningActionMismatchJudge> builder(JudgeModel model) {
		return new JudgeBuilder<>(NAME, model, PlanningActionMismatchJudge::new);
	}

	@Override
	String task() {
		return "Pass only when the later tool and action events agree with the plans and reasoning stated before them.";
	}

}
