/**
 * Evaluating agent runs, as the Python SDK's {@code northstar.evals}: a {@link ai.northstar.evals.Dataset} of
 * {@link ai.northstar.evals.EvalCase}s, {@link ai.northstar.evals.Grader}s, and an
 * {@link ai.northstar.evals.EvalSuite} that runs them into an {@link ai.northstar.evals.EvalResult} with a pass rate.
 */
@NullMarked
package ai.northstar.evals;

import org.jspecify.annotations.NullMarked;
