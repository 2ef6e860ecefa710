/**
 * The Python SDK's deterministic and trace graders, the regular-expression grader and the Java predicate grader,
 * from {@link ai.northstar.evals.grader.Graders}.
 */
@NullMarked
package ai.northstar.evals.grader;

import org.jspecify.annotations.NullMarked;
