package ai.northstar.evals.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ai.northstar.evals.CaseResult;
import ai.northstar.evals.CaseStatus;
import ai.northstar.evals.EvalAgent;
import ai.northstar.evals.EvalCase;
import ai.northstar.evals.EvalResult;
import ai.northstar.evals.EvalSuite;
import ai.northstar.evals.GradeResult;
import ai.northstar.evals.GradeStatus;
import ai.northstar.test.NorthstarRecorder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * An {@link EvalSuite} as JUnit 5 dynamic tests: one container per case, one test per grader named
 * {@code <case id> · <grader>} (a passed grade passes, a skipped one is reported as skipped with its reason, a failed
 * one fails with its reason, feedback and details), and a last test that checks the pass rate.
 * <p>
 * Without a minimum pass rate every failed grade fails its test. With {@link Builder#minPassRate(double)}, failed
 * grades are reported as skipped, saying they failed, and only the pass-rate test fails the build, when the pass
 * rate is below the minimum.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> supportAgentEvals() {
 *     return EvalTests.of(suite, Dataset.fromPath(Path.of("src/test/resources/evals/support.jsonl")))
 *         .minPassRate(0.8)
 *         .stream();
 * }
 * }</pre>
 * Surefire names dynamic tests by their display names with its JUnit 5 XML reporter's
 * {@code usePhrasedTestCaseMethodName}; the names carry the case id so that they read well flattened.
 *
 * @since 0.1.0
 */
public final class EvalTests {

	private EvalTests() {
	}

	/**
	 * Evaluates cases on their own transcripts and traces.
	 * @param suite the suite
	 * @param cases the cases
	 * @return the builder of the tests
	 */
	public static Builder of(EvalSuite suite, Iterable<EvalCase> cases) {
		Objects.requireNonNull(suite, "suite must not be null");
		Objects.requireNonNull(cases, "cases must not be null");
		return new Builder(() -> suite.run(cases));
	}

	/**
	 * Evaluates the runs of an agent, run once per case; see {@link EvalSuite#run(Iterable, NorthstarRecorder, EvalAgent)}.
	 * @param suite the suite
	 * @param cases the cases
	 * @param recorder the recorder of the agent's client
	 * @param agent the agent
	 * @return the builder of the tests
	 */
	public static Builder of(EvalSuite suite, Iterable<EvalCase> cases, NorthstarRecorder recorder, EvalAgent agent) {
		Objects.requireNonNull(suite, "suite must not be null");
		return new Builder(() -> suite.run(cases, recorder, agent));
	}

	/**
	 * Turns a result into tests; see {@link #of(EvalSuite, Iterable)}.
	 * @param result the result
	 * @return the builder of the tests
	 */
	public static Builder of(EvalResult result) {
		Objects.requireNonNull(result, "result must not be null");
		return new Builder(() -> result);
	}

	/**
	 * Fails when a result's pass rate is below a minimum, listing the failed cases and grades.
	 * @param result the result
	 * @param minPassRate the minimum, from 0 to 1
	 * @throws AssertionFailedError when the pass rate is lower
	 */
	public static void assertPassRate(EvalResult result, double minPassRate) {
		if (result.passRate() < minPassRate) {
			throw new AssertionFailedError("Pass rate " + percent(result.passRate()) + " (" + result.passedCases() + "/"
					+ result.evaluatedCases() + " evaluated cases) is below the minimum " + percent(minPassRate)
					+ "\n" + failures(result), minPassRate, result.passRate());
		}
	}

	static String percent(double rate) {
		return String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
	}

	private static String failures(EvalResult result) {
		return result.caseResults()
			.stream()
			.filter((caseResult) -> caseResult.status() == CaseStatus.FAILED)
			.map((caseResult) -> "  " + caseResult.caseId() + ": " + caseResult.grades()
				.stream()
				.filter((grade) -> grade.status() == GradeStatus.FAILED)
				.map((grade) -> grade.name() + " (" + grade.reason() + ")")
				.collect(Collectors.joining(", ")))
			.collect(Collectors.joining("\n"));
	}

	/**
	 * Builds the dynamic tests of an evaluation.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Supplier<EvalResult> result;

		private @Nullable Double minPassRate;

		private Builder(Supplier<EvalResult> result) {
			this.result = result;
		}

		/**
		 * Sets the least pass rate, below which the last test fails; failed grades are then reported as skipped.
		 * @param minPassRate the minimum, from 0 to 1
		 * @return this builder
		 */
		public Builder minPassRate(double minPassRate) {
			if (!(minPassRate >= 0 && minPassRate <= 1)) {
				throw new IllegalArgumentException("minPassRate must be between 0 and 1, was " + minPassRate);
			}
			this.minPassRate = minPassRate;
			return this;
		}

		/**
		 * Runs the evaluation and returns its tests.
		 * @return the tests: a container per case, then the pass-rate test
		 */
		public Stream<DynamicNode> stream() {
			EvalResult evaluated = this.result.get();
			Double tolerated = this.minPassRate;
			double required = (tolerated != null) ? tolerated : 1.0;
			List<DynamicNode> nodes = new ArrayList<>();
			for (CaseResult caseResult : evaluated.caseResults()) {
				List<DynamicTest> tests = caseResult.grades()
					.stream()
					.map((grade) -> DynamicTest.dynamicTest(caseResult.caseId() + " · " + grade.name(),
							() -> check(caseResult.caseId() + " · " + grade.name() + ": ", grade, tolerated)))
					.toList();
				nodes.add(DynamicContainer.dynamicContainer(caseResult.caseId(), tests));
			}
			nodes.add(DynamicTest.dynamicTest("pass rate " + percent(evaluated.passRate()) + " ≥ " + percent(required),
					() -> assertPassRate(evaluated, required)));
			return nodes.stream();
		}

		/**
		 * Checks a grade; its messages start with the case and the grader, since some reports (Surefire's) name
		 * dynamic tests by their index only.
		 */
		private static void check(String test, GradeResult grade, @Nullable Double tolerated) {
			switch (grade.status()) {
				case PASSED -> {
				}
				case SKIPPED -> Assumptions.abort(test + "skipped: " + grade.reason());
				case FAILED -> {
					String message = describe(grade);
					if (tolerated != null) {
						Assumptions.abort(test + "failed, counted in the pass rate (minimum " + percent(tolerated)
								+ "): " + message);
					}
					throw new AssertionFailedError(test + message);
				}
			}
		}

		private static String describe(GradeResult grade) {
			StringBuilder message = new StringBuilder(grade.reason());
			if (grade.feedback() != null) {
				message.append("\nfeedback: ").append(grade.feedback());
			}
			if (grade.score() != null) {
				message.append("\nscore: ").append(grade.score()).append(" (threshold ").append(grade.threshold()).append(')');
			}
			if (!grade.metadata().isEmpty()) {
				message.append("\nmetadata: ").append(grade.metadata());
			}
			return message.toString();
		}

	}

}
