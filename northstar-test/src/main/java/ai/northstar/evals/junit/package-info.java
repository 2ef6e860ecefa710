/**
 * Evaluations and replays as JUnit 5 dynamic tests: {@link ai.northstar.evals.junit.EvalTests} and
 * {@link ai.northstar.evals.junit.ReplayTests}.
 */
@NullMarked
package ai.northstar.evals.junit;

import org.jspecify.annotations.NullMarked;
