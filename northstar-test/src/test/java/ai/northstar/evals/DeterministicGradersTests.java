package ai.northstar.evals;

import java.util.List;

import ai.northstar.evals.grader.Graders;
import org.junit.jupiter.api.Test;

import static ai.northstar.evals.PyFixtures.normalize;
import static ai.northstar.evals.PyFixtures.oneCase;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the deterministic graders of {@link Graders}, mirroring the Python SDK's {@code tests/test_evals.py}
 * (same inputs, same verdicts).
 */
class DeterministicGradersTests {

	private static final String REFUND_TRANSCRIPT = """
			[{"role": "assistant", "content": null, "tool_calls": [{"id": "call-1", "type": "function",
			   "function": {"name": "search_docs", "arguments": "{\\"query\\": \\"refund policy\\", \\"limit\\": 3}"}}]},
			 {"role": "tool", "tool_call_id": "call-1", "name": "search_docs", "content": "Refunds are available for 30 days."},
			 {"role": "assistant", "content": "Refunds are available for 30 days."}]""";

	/** Mirrors {@code test_default_eval_suite_runs_deterministic_field_driven_graders}. */
	@Test
	void shouldPassEveryDeterministicGraderWhenTheCaseMeetsItsExpectations() {
		Dataset dataset = Dataset.fromRecords(List.of(PyFixtures.json("""
				{"id": "case-1", "messages": %s,
				 "expected": {"max_tool_calls": 1, "required_tools": ["search_docs"], "forbidden_tools": ["delete_file"],
				   "tool_sequence": ["search_docs"],
				   "tool_arguments": [{"name": "search_docs", "arguments": {"query": "refund policy"}}],
				   "require_tool_output_reference": true, "contains": ["refunds"], "not_contains": ["wire transfer"],
				   "ground_truth": "refunds are available for 30 days", "max_latency_ms": 10, "max_cost_usd": 0.03},
				 "metrics": {"latency_ms": 8, "cost_usd": 0.02}}""".formatted(REFUND_TRANSCRIPT))));

		EvalResult result = EvalSuite.builder().build().run(dataset);

		assertThat(result.totalCases()).isEqualTo(1);
		assertThat(result.evaluatedCases()).isEqualTo(1);
		assertThat(result.passedCases()).isEqualTo(1);
		assertThat(result.failedCases()).isZero();
		assertThat(result.passRate()).isEqualTo(1.0);
		assertThat(result.skippedGrades()).isZero();
		assertThat(result.metadata().get("plan").asString()).isEqualTo("deterministic");
		assertThat(result.metadata().get("grader_names").toString()).contains("tool_sequence");
		assertThat(result.caseResults().get(0).status()).isEqualTo(CaseStatus.PASSED);
		assertThat(result.caseResults().get(0).grades()).extracting(GradeResult::status).containsOnly(GradeStatus.PASSED);
	}

	/** Mirrors {@code test_graders_skip_when_their_dataset_fields_are_missing}. */
	@Test
	void shouldSkipEveryGraderWhenItsFieldIsMissing() throws Exception {
		EvalCase evalCase = oneCase();
		EvalRun run = normalize(evalCase);

		for (Grader grader : Graders.deterministic()) {
			assertThat(grader.grade(evalCase, run).status()).as(grader.name()).isEqualTo(GradeStatus.SKIPPED);
		}
	}

	/** Mirrors {@code test_output_graders_fail_when_expected_output_is_missing}. */
	@Test
	void shouldFailTheOutputGradersWhenThereIsNoFinalResponse() throws Exception {
		EvalRun run = normalize("[{\"role\": \"assistant\", \"content\": null}]");
		EvalCase contains = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": null}], \"expected\": {\"contains\": [\"refund\"]}}");
		EvalCase notContains = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": null}], \"expected\": {\"not_contains\": [\"refund\"]}}");

		assertThat(Graders.contains().grade(contains, run).status()).isEqualTo(GradeStatus.FAILED);
		assertThat(Graders.notContains().grade(notContains, run).reason()).isEqualTo("Final response was not found.");
	}

	/** Mirrors {@code test_limit_graders_read_thresholds_from_expected_fields}. */
	@Test
	void shouldApplyTheLimitsWhenTheExpectedFieldsSetThem() throws Exception {
		EvalRun run = normalize("[{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"name\": \"search_docs\", \"arguments\": {}}]}]");
		EvalCase passing = oneCase("{\"expected\": {\"max_tool_calls\": 1, \"max_latency_ms\": 10, \"max_cost_usd\": 0.03}, \"metrics\": {\"latency_ms\": 8, \"cost_usd\": 0.02}}");
		EvalCase failing = oneCase("{\"expected\": {\"max_tool_calls\": 0, \"max_latency_ms\": 7, \"max_cost_usd\": 0.01}, \"metrics\": {\"latency_ms\": 8, \"cost_usd\": 0.02}}");
		EvalCase unmeasured = oneCase("{\"expected\": {\"max_latency_ms\": 7, \"max_cost_usd\": 0.01}}");

		assertThat(Graders.maxToolCalls().grade(passing, run).status()).isEqualTo(GradeStatus.PASSED);
		assertThat(Graders.latencyUnder().grade(passing, run).status()).isEqualTo(GradeStatus.PASSED);
		assertThat(Graders.costUnder().grade(passing, run).status()).isEqualTo(GradeStatus.PASSED);
		assertThat(Graders.maxToolCalls().grade(failing, run).reason()).isEqualTo("Used 1 tool calls, limit was 0.");
		assertThat(Graders.latencyUnder().grade(failing, run).reason()).isEqualTo("Latency was 8.0ms, limit was 7.0ms.");
		assertThat(Graders.costUnder().grade(failing, run).reason()).isEqualTo("Cost was $0.02, limit was $0.01.");
		assertThat(Graders.latencyUnder().grade(unmeasured, run).status()).isEqualTo(GradeStatus.FAILED);
		assertThat(Graders.costUnder().grade(unmeasured, run).reason()).isEqualTo("metrics.cost_usd was not provided.");
	}

	/** Mirrors {@code test_ground_truth_match_uses_normalized_substring_matching}. */
	@Test
	void shouldPassWhenTheGroundTruthDiffersOnlyInCaseAndWhitespace() throws Exception {
		EvalCase matching = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"Refunds   are AVAILABLE for\\n30 days.\"}], \"expected\": {\"ground_truth\": \"refunds are available for 30 days\"}}");
		EvalCase mismatched = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"No details.\"}], \"expected\": {\"ground_truth\": \"refunds are available for 30 days\"}}");

		assertThat(Graders.groundTruthMatch().grade(matching, normalize(matching)).status()).isEqualTo(GradeStatus.PASSED);
		assertThat(Graders.groundTruthMatch().grade(mismatched, normalize(mismatched)).status()).isEqualTo(GradeStatus.FAILED);
	}

	/** Mirrors {@code test_tool_arguments_match_uses_expected_argument_subset}. */
	@Test
	void shouldPassWhenTheToolArgumentsContainTheExpectedSubset() throws Exception {
		String expected = "\"expected\": {\"tool_arguments\": [{\"name\": \"calculator\", \"arguments\": {\"expression\": \"19 + 23\"}}]}";
		EvalCase matching = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"call-1\", \"type\": \"function\", \"function\": {\"name\": \"calculator\", \"arguments\": \"{\\\"expression\\\": \\\"19 + 23\\\", \\\"precision\\\": 0}\"}}]}], " + expected + "}");
		EvalCase wrongValue = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"call-1\", \"type\": \"function\", \"function\": {\"name\": \"calculator\", \"arguments\": \"{\\\"expression\\\": \\\"19 + 24\\\"}\"}}]}], " + expected + "}");
		EvalCase missingTool = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"No tools.\"}], " + expected + "}");

		assertThat(Graders.toolArgumentsMatch().grade(matching, normalize(matching)).status()).isEqualTo(GradeStatus.PASSED);
		GradeResult wrong = Graders.toolArgumentsMatch().grade(wrongValue, normalize(wrongValue));
		assertThat(wrong.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(wrong.metadata().get("mismatches").get(0).path("actual_arguments").get(0).path("expression").asString())
			.isEqualTo("19 + 24");
		assertThat(Graders.toolArgumentsMatch().grade(missingTool, normalize(missingTool)).metadata().get("mismatches")
			.get(0).path("reason").asString()).isEqualTo("Tool was not called.");
	}

	/** Mirrors {@code test_tool_sequence_requires_exact_trajectory_order}. */
	@Test
	void shouldFailWhenTheToolCallsComeInAnotherOrder() throws Exception {
		String messages = "[{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"function\": {\"name\": \"search_docs\", \"arguments\": \"{}\"}}, {\"function\": {\"name\": \"summarize\", \"arguments\": \"{}\"}}]}]";
		EvalCase matching = oneCase("{\"messages\": " + messages + ", \"expected\": {\"tool_sequence\": [\"search_docs\", \"summarize\"]}}");
		EvalCase mismatched = oneCase("{\"messages\": " + messages + ", \"expected\": {\"tool_sequence\": [\"summarize\", \"search_docs\"]}}");

		assertThat(Graders.toolSequence().grade(matching, normalize(matching)).status()).isEqualTo(GradeStatus.PASSED);
		assertThat(Graders.toolSequence().grade(mismatched, normalize(mismatched)).status()).isEqualTo(GradeStatus.FAILED);
	}

	/** Mirrors {@code test_tool_output_referenced_scores_grounding_overlap}. */
	@Test
	void shouldScoreTheOverlapWhenTheResponseMustReferenceToolOutput() throws Exception {
		String call = "{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"call-1\", \"function\": {\"name\": \"search_docs\", \"arguments\": \"{}\"}}]}, {\"role\": \"tool\", \"tool_call_id\": \"call-1\", \"name\": \"search_docs\", \"content\": \"Refunds are available for 30 days after purchase.\"}";
		EvalCase grounded = oneCase("{\"messages\": [" + call + ", {\"role\": \"assistant\", \"content\": \"Refunds are available for 30 days after purchase.\"}], \"expected\": {\"require_tool_output_reference\": true}}");
		EvalCase ungrounded = oneCase("{\"messages\": [" + call + ", {\"role\": \"assistant\", \"content\": \"Contact support for account setup.\"}], \"expected\": {\"require_tool_output_reference\": true}}");

		GradeResult good = Graders.toolOutputReferenced().grade(grounded, normalize(grounded));
		GradeResult bad = Graders.toolOutputReferenced().grade(ungrounded, normalize(ungrounded));

		assertThat(good.status()).isEqualTo(GradeStatus.PASSED);
		assertThat(good.score()).isGreaterThanOrEqualTo(good.threshold()).isEqualTo(1.0);
		assertThat(good.threshold()).isEqualTo(0.35);
		assertThat(bad.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(bad.score()).isLessThan(bad.threshold());
	}

	@Test
	void shouldMatchNonAsciiWordsOfAStructuredToolOutputWhenTheResponseRepeatsThem() throws Exception {
		EvalCase evalCase = oneCase("""
				{"messages": [{"role": "tool", "tool_call_id": "c", "content": {"résultat": "Remboursement accepté sous trente jours 🧾"}},
				  {"role": "assistant", "content": "Remboursement accepté, sous trente jours 🧾!"}],
				 "expected": {"require_tool_output_reference": true, "contains": ["ACCEPTÉ"], "not_contains": ["refusé"]}}""");
		EvalRun run = normalize(evalCase);

		assertThat(Graders.toolOutputReferenced().grade(evalCase, run).status()).isEqualTo(GradeStatus.PASSED);
		assertThat(Graders.contains().grade(evalCase, run).status()).isEqualTo(GradeStatus.PASSED);
		assertThat(Graders.notContains().grade(evalCase, run).status()).isEqualTo(GradeStatus.PASSED);
	}

	/** Mirrors {@code test_skipped_grades_do_not_affect_case_status_or_pass_rate}. */
	@Test
	void shouldLeaveSkippedGradesOutWhenComputingStatusAndPassRate() {
		Dataset dataset = Dataset.fromRecords(List.of(
				PyFixtures.json("{\"id\": \"passed\", \"messages\": [{\"role\": \"assistant\", \"content\": \"Refunds are available.\"}], \"expected\": {\"contains\": [\"refunds\"]}}"),
				PyFixtures.json("{\"id\": \"failed\", \"messages\": [{\"role\": \"assistant\", \"content\": \"No details.\"}], \"expected\": {\"contains\": [\"refunds\"]}}"),
				PyFixtures.json("{\"id\": \"not-evaluated\", \"messages\": [{\"role\": \"assistant\", \"content\": \"No checks configured.\"}]}")));

		EvalResult result = EvalSuite.builder().grader(Graders.contains()).grader(Graders.requiredTools()).build().run(dataset);

		assertThat(result.totalCases()).isEqualTo(3);
		assertThat(result.evaluatedCases()).isEqualTo(2);
		assertThat(result.notEvaluatedCases()).isEqualTo(1);
		assertThat(result.passedCases()).isEqualTo(1);
		assertThat(result.failedCases()).isEqualTo(1);
		assertThat(result.passRate()).isEqualTo(0.5);
		assertThat(result.skippedGrades()).isEqualTo(4);
		assertThat(result.caseResults()).extracting(CaseResult::status)
			.containsExactly(CaseStatus.PASSED, CaseStatus.FAILED, CaseStatus.NOT_EVALUATED);
	}

	@Test
	void shouldFailTheGradeWhenAGraderThrows() {
		Grader broken = new Grader() {

			@Override
			public String name() {
				return "broken 💥";
			}

			@Override
			public GradeResult grade(EvalCase evalCase, EvalRun run) {
				throw new IllegalStateException("kaputt ✗");
			}

		};

		EvalResult result = EvalSuite.builder().grader(broken).build().run(Dataset.of(oneCase()));

		GradeResult grade = result.caseResults().get(0).grade("broken 💥");
		assertThat(grade.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(grade.reason()).isEqualTo("Grader raised IllegalStateException: kaputt ✗");
		assertThat(grade.feedback()).isNull();
		assertThat(grade.metadata().get("error_type").asString()).isEqualTo("IllegalStateException");
		assertThat(result.caseResults().get(0).status()).isEqualTo(CaseStatus.FAILED);
	}

}
