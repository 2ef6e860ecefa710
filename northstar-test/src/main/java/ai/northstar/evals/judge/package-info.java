/**
 * LLM judges, as the Python SDK's: {@link ai.northstar.evals.judge.RubricJudge},
 * {@link ai.northstar.evals.judge.FaithfulnessJudge}, {@link ai.northstar.evals.judge.HallucinatedToolResultJudge}
 * and {@link ai.northstar.evals.judge.PlanningActionMismatchJudge}, over a {@link ai.northstar.evals.judge.JudgeModel}.
 */
@NullMarked
package ai.northstar.evals.judge;

import org.jspecify.annotations.NullMarked;
