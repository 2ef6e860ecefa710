package ai.northstar.evals;

import java.util.List;
import java.util.Map;

import ai.northstar.evals.grader.Graders;
import ai.northstar.evals.grader.PredicateGrader;
import ai.northstar.evals.grader.RegexGrader;
import org.junit.jupiter.api.Test;

import static ai.northstar.evals.PyFixtures.normalize;
import static ai.northstar.evals.PyFixtures.oneCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RegexGrader} and {@link PredicateGrader}, mirroring the regex and code-grader tests of the Python
 * SDK's {@code tests/test_evals.py} (the Java predicate stands in for the Python and TypeScript code).
 */
class CustomGradersTests {

	private static final EvalCase PASSING = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"Refunds are available for 30 days.\"}]}");

	private static final EvalCase FAILING = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"Refunds are unavailable.\"}]}");

	/** Mirrors {@code test_regex_grader_matches_configured_target}. */
	@Test
	void shouldPassWhenTheRegexIsFoundInTheFinalResponse() {
		RegexGrader grader = Graders.regex("regex_refund_window", "refunds.+30 days", "final_response", "ignorecase");

		GradeResult passed = grader.grade(PASSING, normalize(PASSING));

		assertThat(passed.status()).isEqualTo(GradeStatus.PASSED);
		assertThat(passed.reason()).isEqualTo("Regex matched the target.");
		assertThat(passed.metadata().get("match").asString()).isEqualTo("Refunds are available for 30 days");
		assertThat(grader.grade(FAILING, normalize(FAILING)).status()).isEqualTo(GradeStatus.FAILED);
	}

	@Test
	void shouldSearchTheTargetWhenItIsADottedPathOrUnicodeText() {
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"Ответ: возврат 30 дней ✅\"}], \"expected\": {\"goal\": \"Объяснить возврат\"}}");

		assertThat(Graders.regex("goal", "^\\w+ возврат$", "case.expected.goal").grade(evalCase, normalize(evalCase)).status())
			.isEqualTo(GradeStatus.PASSED);
		assertThat(Graders.regex("answer", "ОТВЕТ", "output", "ignorecase").grade(evalCase, normalize(evalCase)).status())
			.isEqualTo(GradeStatus.PASSED);
		assertThat(Graders.regex("messages", "\"role\": \"assistant\"", "run.messages").grade(evalCase, normalize(evalCase)).status())
			.isEqualTo(GradeStatus.PASSED);
		GradeResult missing = Graders.regex("nothing", ".", "case.expected.rubric").grade(evalCase, normalize(evalCase));
		assertThat(missing.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(missing.reason()).isEqualTo("Regex target `case.expected.rubric` was not found.");
		assertThatIllegalArgumentException().isThrownBy(() -> Graders.regex("x", "a", "output", "verbose"))
			.withMessageContaining("Use ignorecase, multiline, or dotall.");
	}

	/** Mirrors {@code test_python_code_grader_passes_and_fails_from_boolean_return}. */
	@Test
	void shouldPassAndFailFromABooleanWhenThePredicateReturnsOne() {
		PredicateGrader grader = Graders.predicate("java_output_check", (output, evalCase, run) -> output.contains("30 days"));

		assertThat(grader.grade(PASSING, normalize(PASSING)).status()).isEqualTo(GradeStatus.PASSED);
		GradeResult failed = grader.grade(FAILING, normalize(FAILING));
		assertThat(failed.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(failed.reason()).isEqualTo("Java grader returned fail.");
		assertThat(failed.metadata().get("kind").asString()).isEqualTo("java");
	}

	/** Mirrors {@code test_python_code_grader_accepts_structured_return}. */
	@Test
	void shouldTakeReasonFeedbackScoreAndMetadataWhenThePredicateReturnsAMap() {
		PredicateGrader grader = Graders.predicate("java_structured", (output, evalCase, run) -> Map.of("passed", true,
				"reason", "Output includes refund timing.", "feedback", "No change needed.", "score", 0.9, "metadata",
				Map.of("case_id", evalCase.id())));

		GradeResult grade = grader.grade(PASSING, normalize(PASSING));

		assertThat(grade.status()).isEqualTo(GradeStatus.PASSED);
		assertThat(grade.reason()).isEqualTo("Output includes refund timing.");
		assertThat(grade.feedback()).isEqualTo("No change needed.");
		assertThat(grade.score()).isEqualTo(0.9);
		assertThat(grade.metadata().get("case_id").asString()).isEqualTo("case-1");
	}

	/** Mirrors {@code test_code_grader_errors_and_invalid_returns_fail_grade}. */
	@Test
	void shouldFailWhenThePredicateThrowsOrReturnsNoVerdict() {
		GradeResult error = Graders.predicate("java_error", (output, evalCase, run) -> {
			throw new IllegalStateException("broken");
		}).grade(PASSING, normalize(PASSING));
		GradeResult invalid = Graders.predicate("java_invalid", (output, evalCase, run) -> Map.of("reason", "missing passed"))
			.grade(PASSING, normalize(PASSING));

		assertThat(error.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(error.metadata().get("error_type").asString()).isEqualTo("IllegalStateException");
		assertThat(error.reason()).isEqualTo("Java grader raised IllegalStateException: broken");
		assertThat(invalid.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(invalid.reason()).isEqualTo("Custom grader returned an invalid result.");
		assertThat(Graders.predicate("bad_feedback", (output, evalCase, run) -> Map.of("passed", true, "feedback", 3))
			.grade(PASSING, normalize(PASSING)).reason()).isEqualTo("Custom grader returned an invalid feedback value.");
	}

	/** Mirrors {@code test_eval_suite_runs_multiple_custom_graders_with_deterministic_graders}. */
	@Test
	void shouldGradeInOrderWhenCustomAndDeterministicGradersAreMixed() {
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"Refunds are available for 30 days.\"}], \"expected\": {\"contains\": [\"Refunds\"]}}");

		EvalResult result = EvalSuite.builder()
			.graders(List.of(Graders.contains(), Graders.regex("regex_refund_window", "30 days"),
					Graders.predicate("java_non_empty", (output, c, run) -> output != null && !output.isEmpty())))
			.plan("custom")
			.build()
			.run(Dataset.of(evalCase));

		assertThat(result.caseResults().get(0).grades()).extracting(GradeResult::name)
			.containsExactly("contains", "regex_refund_window", "java_non_empty");
		assertThat(result.caseResults().get(0).grades()).extracting(GradeResult::status).containsOnly(GradeStatus.PASSED);
		assertThat(result.metadata().get("plan").asString()).isEqualTo("custom");
	}

}
