package ai.northstar.evals.grader;

import java.util.Map;
import java.util.Objects;

import ai.northstar.evals.EvalCase;
import ai.northstar.evals.EvalRun;
import ai.northstar.evals.GradeResult;
import ai.northstar.evals.Grader;
import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A grader written in Java, in place of the Python SDK's Python and TypeScript code graders: a {@link Check} gets
 * the final response, the case and the normalized run, and returns a boolean, or a map with a boolean
 * {@code passed} and optional {@code reason}, {@code feedback}, {@code score} and {@code metadata}. Another result
 * fails the grade, and so does an exception (with its type and message). It runs in the calling thread, with no
 * time limit. Obtained from {@link Graders#predicate(String, Check)}.
 *
 * <pre>{@code
 * Graders.predicate("mentions_30_days", (output, evalCase, run) -> output != null && output.contains("30 días"));
 * Graders.predicate("scored", (output, evalCase, run) -> Map.of("passed", true, "score", 0.9, "reason", "ok"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PredicateGrader implements Grader {

	private final String name;

	private final Check check;

	PredicateGrader(String name, Check check) {
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.check = Objects.requireNonNull(check, "check must not be null");
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public GradeResult grade(EvalCase evalCase, EvalRun run) {
		Map<String, JsonNode> metadata = EvalJson.map("kind", "java");
		Object value;
		try {
			value = this.check.validate(run.finalResponse(), evalCase, run);
		}
		catch (Exception ex) {
			String type = ex.getClass().getSimpleName();
			return GradeResult.failed(this.name, "Java grader raised " + type + ": " + ex.getMessage(),
					CustomResults.with(metadata, "error_type", type, "error_message", String.valueOf(ex.getMessage())));
		}
		JsonNode result;
		try {
			result = EvalJson.toJson(value);
		}
		catch (RuntimeException ex) {
			return GradeResult.failed(this.name, "Custom grader returned an invalid result.",
					CustomResults.with(metadata, "result", String.valueOf(value)));
		}
		return CustomResults.toGrade(this.name, result, "Java grader returned pass.", "Java grader returned fail.",
				metadata);
	}

	/**
	 * The check of a {@link PredicateGrader}.
	 *
	 * @since 0.1.0
	 */
	@FunctionalInterface
	public interface Check {

		/**
		 * Checks a case.
		 * @param output the final response, if any
		 * @param evalCase the case
		 * @param run the normalized run
		 * @return a {@code Boolean}, or a map with a boolean {@code passed} and optional {@code reason},
		 * {@code feedback}, {@code score} and {@code metadata}
		 * @throws Exception when the check fails, which fails the grade
		 */
		@Nullable Object validate(@Nullable String output, EvalCase evalCase, EvalRun run) throws Exception;

	}

}
