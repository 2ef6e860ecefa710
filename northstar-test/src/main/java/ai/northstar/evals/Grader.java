package ai.northstar.evals;

import org.jspecify.annotations.Nullable;

/**
 * Grades one case: passed, failed or skipped, with the reason. {@link ai.northstar.evals.grader.Graders} has the
 * Python SDK's graders; {@link ai.northstar.evals.judge.RubricJudge} and its siblings are the LLM judges.
 * <p>
 * A grader whose expected field is absent returns a skipped grade. A grader that throws is a failed grade in an
 * {@link EvalSuite}, with the exception's type and message.
 *
 * @since 0.1.0
 */
public interface Grader {

	/**
	 * Returns the grader's name, the name of its grades.
	 * @return the name
	 */
	String name();

	/**
	 * Grades a case.
	 * @param evalCase the case
	 * @param run the case's transcript and trace, normalized
	 * @return the grade
	 * @throws Exception when grading fails
	 */
	GradeResult grade(EvalCase evalCase, EvalRun run) throws Exception;

	/**
	 * Returns whether the grader's grades carry feedback: true for LLM judges.
	 * @return {@code true} for judges
	 */
	default boolean requiresFeedback() {
		return false;
	}

	/**
	 * Returns the name of the model that grades, for judges.
	 * @return the model name, {@code null} for graders that are no judge
	 */
	default @Nullable String judgeModel() {
		return null;
	}

}
