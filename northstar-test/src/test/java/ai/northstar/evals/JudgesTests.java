package ai.northstar.evals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.northstar.evals.grader.Graders;
import ai.northstar.evals.judge.FaithfulnessJudge;
import ai.northstar.evals.judge.HallucinatedToolResultJudge;
import ai.northstar.evals.judge.JudgeModel;
import ai.northstar.evals.judge.JudgeRequest;
import ai.northstar.evals.judge.JudgeScoring;
import ai.northstar.evals.judge.PlanningActionMismatchJudge;
import ai.northstar.evals.judge.RubricJudge;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static ai.northstar.evals.PyFixtures.event;
import static ai.northstar.evals.PyFixtures.json;
import static ai.northstar.evals.PyFixtures.judge;
import static ai.northstar.evals.PyFixtures.normalize;
import static ai.northstar.evals.PyFixtures.oneCase;
import static ai.northstar.evals.PyFixtures.span;
import static ai.northstar.evals.PyFixtures.tracePayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RubricJudge}, {@link FaithfulnessJudge}, {@link HallucinatedToolResultJudge} and
 * {@link PlanningActionMismatchJudge}, mirroring the judge tests of the Python SDK's {@code tests/test_evals.py}: a
 * {@link JudgeModel} stands in for the injected {@code completion_fn}.
 */
class JudgesTests {

	private final List<JudgeRequest> seen = new ArrayList<>();

	private static final String GOAL_CASE = "{\"messages\": [{\"role\": \"assistant\", \"content\": \"The refund window is 30 days.\"}], \"expected\": {\"goal\": \"Explain the refund window.\"}}";

	private GradeResult suiteGrade(Grader grader, EvalCase evalCase) {
		return EvalSuite.builder().grader(grader).build().run(Dataset.of(evalCase)).caseResults().get(0).grades().get(0);
	}

	/** Mirrors {@code test_rubric_judge_is_explicit_and_uses_injected_completion}. */
	@Test
	void shouldGradeWithTheInjectedModelWhenTheCaseHasAGoal() {
		JudgeModel model = judge("gpt-4o-mini", "{\"score\": 1.0, \"reason\": \"The goal was achieved.\", \"feedback\": \"The response is complete.\"}", this.seen);

		GradeResult grade = suiteGrade(RubricJudge.create("goal_achieved", model), oneCase(GOAL_CASE));

		assertThat(this.seen).hasSize(1);
		assertThat(this.seen.get(0).scoring().mode()).isEqualTo(JudgeScoring.Mode.NUMERIC);
		assertThat(grade.status()).isEqualTo(GradeStatus.PASSED);
		assertThat(grade.reason()).isEqualTo("The goal was achieved.");
		assertThat(grade.feedback()).isEqualTo("The response is complete.");
		assertThat(grade.score()).isEqualTo(1.0);
		assertThat(grade.threshold()).isEqualTo(0.5);
		assertThat(grade.metadata().get("judge_model").asString()).isEqualTo("gpt-4o-mini");
	}

	/** Mirrors {@code test_rubric_judge_prompt_sets_grading_boundaries}, on this SDK's own prompt. */
	@Test
	void shouldStateWhatToJudgeAndHowToScoreWhenARubricJudgeAsks() throws Exception {
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"Refunds are available for 30 days.\"}], \"expected\": {\"goal\": \"Explain refunds.\", \"rubric\": \"Pass if the response gives the refund window.\", \"context\": [\"Refunds are available for 30 days.\"]}}");

		RubricJudge.create("answer_quality", judge("m", "{\"score\": 1.0, \"reason\": \"ok\", \"feedback\": \"none\"}", this.seen))
			.grade(evalCase, normalize(evalCase));

		String system = this.seen.get(0).systemPrompt();
		assertThat(system).contains("Base the verdict only on what you are given: final_response, rubric, goal")
			.contains("Give no credit for claims the inputs do not support")
			.contains("`feedback`: never empty")
			.contains("Use the whole scale")
			.contains("from 0 to 1")
			.contains("at least 0.5");
		JsonNode context = json(this.seen.get(0).userPrompt());
		assertThat(context.path("rubric").asString()).isEqualTo("Pass if the response gives the refund window.");
		assertThat(context.path("context").get(0).asString()).isEqualTo("Refunds are available for 30 days.");
		assertThat(context.path("final_response").asString()).isEqualTo("Refunds are available for 30 days.");
		assertThat(context.has("tool_calls")).isTrue();
		assertThat(this.seen.get(0).temperature()).isZero();
	}

	/** Mirrors {@code test_faithfulness_judge_prompt_penalizes_unsupported_claims}, on this SDK's own prompt. */
	@Test
	void shouldAskToPenalizeUnsupportedClaimsWhenJudgingFaithfulness() throws Exception {
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"Refunds include crypto rebates.\"}], \"expected\": {\"context\": [\"Refunds are available for 30 days.\"]}}");

		FaithfulnessJudge.create(judge("m", "{\"score\": 0.2, \"reason\": \"Invented.\", \"feedback\": \"Remove it.\"}", this.seen))
			.grade(evalCase, normalize(evalCase));

		assertThat(this.seen.get(0).systemPrompt()).contains("Judge only whether final_response is backed by the context")
			.contains("a claim none of them supports counts against the answer")
			.contains("quoted or summarized from the inputs");
		assertThat(json(this.seen.get(0).userPrompt()).path("task").asString()).contains("unsupported claim");
	}

	/** Mirrors {@code test_rubric_judge_accepts_score_confidence_and_evidence}. */
	@Test
	void shouldKeepScoreConfidenceAndEvidenceWhenTheModelGivesThem() {
		JudgeModel model = judge("gpt-4o-mini", "{\"score\": 0.82, \"confidence\": 0.74, \"reason\": \"The answer is mostly complete.\", \"feedback\": \"Tighten citation coverage.\", \"evidence\": [\"refund window is 30 days\"]}", this.seen);

		GradeResult grade = suiteGrade(RubricJudge.builder("goal_achieved", model).threshold(0.8).build(), oneCase(GOAL_CASE));

		assertThat(grade.status()).isEqualTo(GradeStatus.PASSED);
		assertThat(grade.score()).isEqualTo(0.82);
		assertThat(grade.threshold()).isEqualTo(0.8);
		assertThat(grade.confidence()).isEqualTo(0.74);
		assertThat(grade.evidence()).containsExactly("refund window is 30 days");
	}

	/** Mirrors {@code test_eval_suite_runs_multiple_named_rubric_judges_independently}. */
	@Test
	void shouldGradeIndependentlyWhenSeveralJudgesAreNamed() {
		JudgeModel strict = judge("strict-model", "{\"passed\": true, \"reason\": \"Checked.\", \"feedback\": \"Review it.\"}", this.seen);
		JudgeModel format = judge("format-model", "{\"passed\": false, \"reason\": \"Checked.\", \"feedback\": \"Review it.\"}", this.seen);

		List<GradeResult> grades = EvalSuite.builder()
			.grader(RubricJudge.builder("strict_quality", strict).scoring(JudgeScoring.binary()).build())
			.grader(RubricJudge.builder("format_gate", format).scoring(JudgeScoring.binary()).build())
			.build()
			.run(Dataset.of(oneCase(GOAL_CASE)))
			.caseResults().get(0).grades();

		assertThat(grades).extracting(GradeResult::name).containsExactly("strict_quality", "format_gate");
		assertThat(grades).extracting(GradeResult::status).containsExactly(GradeStatus.PASSED, GradeStatus.FAILED);
		assertThat(grades.get(0).metadata().get("judge_model").asString()).isEqualTo("strict-model");
		assertThat(grades.get(1).metadata().get("judge_model").asString()).isEqualTo("format-model");
	}

	/** Mirrors {@code test_rubric_judge_binary_scoring_accepts_pass_fail_label}. */
	@Test
	void shouldKeepTheModelsLabelWhenScoringIsBinary() throws Exception {
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"I can explain safe alternatives.\"}]}");

		GradeResult grade = RubricJudge.builder("safety_gate", judge("m", "{\"passed\": true, \"label\": \"safe\", \"reason\": \"The answer avoids unsafe details.\", \"feedback\": \"No change needed.\"}", this.seen))
			.rubric("Pass only if the answer avoids unsafe instructions.")
			.scoring(JudgeScoring.binary())
			.build()
			.grade(evalCase, normalize(evalCase));

		assertThat(grade.status()).isEqualTo(GradeStatus.PASSED);
		assertThat(grade.score()).isEqualTo(1.0);
		assertThat(grade.threshold()).isEqualTo(1.0);
		assertThat(grade.label()).isEqualTo("safe");
		assertThat(grade.metadata().get("scoring_mode").asString()).isEqualTo("binary");
		assertThat(grade.metadata().get("raw_score").asDouble()).isEqualTo(1.0);
		assertThat(grade.metadata().get("scale").toString()).isEqualTo("[0.0,1.0]");
	}

	/** Mirrors {@code test_rubric_judge_numeric_scoring_normalizes_and_applies_threshold}. */
	@Test
	void shouldNormalizeTheScoreAndApplyThePassingScoreWhenScoringIsNumeric() throws Exception {
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"Refunds are available for 30 days.\"}]}");

		GradeResult grade = RubricJudge.builder("answer_quality", judge("m", "{\"score\": 4, \"reason\": \"The answer is correct and grounded.\", \"feedback\": \"Add one more citation.\", \"evidence\": [\"refunds are 30 days\"]}", this.seen))
			.rubric("Grade correctness, faithfulness, and clarity.")
			.scoring(JudgeScoring.numeric(0, 5, 4).withLabels(Map.of(4.0, "good")))
			.build()
			.grade(evalCase, normalize(evalCase));

		assertThat(grade.status()).isEqualTo(GradeStatus.PASSED);
		assertThat(grade.score()).isEqualTo(0.8);
		assertThat(grade.threshold()).isEqualTo(0.8);
		assertThat(grade.label()).isEqualTo("good");
		assertThat(grade.evidence()).containsExactly("refunds are 30 days");
		assertThat(grade.metadata().get("raw_score").asDouble()).isEqualTo(4.0);
		assertThat(grade.metadata().get("passing_score").asDouble()).isEqualTo(4.0);
		assertThat(grade.metadata().get("scale").toString()).isEqualTo("[0.0,5.0]");
		assertThat(this.seen.get(0).systemPrompt()).contains("from 0 to 5").contains("at least 4,");
	}

	/** Mirrors {@code test_rubric_judge_numeric_scoring_rejects_out_of_range_score}. */
	@Test
	void shouldFailWithInvalidJsonWhenTheScoreIsOutOfRange() throws Exception {
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"Refunds are available for 30 days.\"}]}");

		GradeResult grade = RubricJudge.builder("answer_quality", judge("m", "{\"score\": 6, \"reason\": \"The answer is excellent.\", \"feedback\": \"No changes.\"}", this.seen))
			.rubric("Grade correctness, faithfulness, and clarity.")
			.scoring(JudgeScoring.numeric(0, 5, 4))
			.build()
			.grade(evalCase, normalize(evalCase));

		assertThat(grade.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(grade.reason()).isEqualTo("LLM judge returned invalid JSON.");
		assertThat(grade.feedback()).isEqualTo("The judge response did not include valid pass/fail feedback.");
		assertThat(grade.metadata().get("raw_response").asString()).contains("\"score\": 6");
	}

	/** Mirrors {@code test_numeric_judge_scoring_requires_passing_score}. */
	@Test
	void shouldRequireAPassingScoreWhenScoringIsNumeric() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JudgeScoring.of(JudgeScoring.Mode.NUMERIC, 0, 5, null, Map.of()))
			.withMessageContaining("passing_score is required");
		assertThatIllegalArgumentException().isThrownBy(() -> JudgeScoring.numeric(5, 5, 5))
			.withMessageContaining("max_score must be greater than min_score");
		assertThatIllegalArgumentException().isThrownBy(() -> JudgeScoring.numeric(0, 5, 6))
			.withMessageContaining("passing_score must be within min_score and max_score");
		assertThat(JudgeScoring.of(JudgeScoring.Mode.BINARY, 0, 3, null, Map.of()).passingScore()).isEqualTo(3);
	}

	/** Mirrors {@code test_faithfulness_judge_grades_context_without_goal_or_rubric}. */
	@Test
	void shouldFailFaithfulnessWhenTheScoreIsBelowTheThresholdWithContextAlone() {
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"Refunds include crypto rebates.\"}], \"expected\": {\"context\": [\"Refunds are available for 30 days.\"]}}");

		GradeResult grade = suiteGrade(FaithfulnessJudge.create(judge("m", "{\"score\": 0.2, \"reason\": \"The answer invents unsupported terms.\", \"feedback\": \"Remove claims absent from the context.\"}", this.seen)), evalCase);

		assertThat(grade.name()).isEqualTo("faithfulness_judge");
		assertThat(grade.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(grade.score()).isEqualTo(0.2);
		assertThat(grade.threshold()).isEqualTo(0.7);
	}

	@Test
	void shouldSkipTheJudgesWhenTheyHaveNothingToJudge() throws Exception {
		EvalCase evalCase = oneCase();
		EvalRun run = normalize(evalCase);
		JudgeModel model = judge("m", "{}", this.seen);

		assertThat(RubricJudge.create("rubric_judge", model).grade(evalCase, run).reason())
			.isEqualTo("expected.goal or expected.rubric was not provided.");
		assertThat(FaithfulnessJudge.create(model).grade(evalCase, run).reason())
			.isEqualTo("expected.context or tool outputs were not provided.");
		assertThat(HallucinatedToolResultJudge.create(model).grade(evalCase, run).reason()).isEqualTo("Trace DAG was not provided.");
		assertThat(this.seen).isEmpty();
	}

	/** Mirrors {@code test_named_grader_plans_are_available}. */
	@Test
	void shouldListThePythonGradersWhenAPlanIsNamed() {
		JudgeModel model = judge("m", "{}", this.seen);

		assertThat(Graders.plan("deterministic", model)).extracting(Grader::name).containsExactly("max_tool_calls",
				"required_tools", "forbidden_tools", "tool_arguments_match", "tool_sequence", "tool_output_referenced",
				"contains", "not_contains", "ground_truth_match", "latency_under", "cost_under");
		List<Grader> quality = Graders.plan("quality", model);
		assertThat(quality.get(quality.size() - 1).name()).isEqualTo("rubric_judge");
		List<Grader> agentic = Graders.plan("agentic", model);
		assertThat(agentic.get(agentic.size() - 1).name()).isEqualTo("faithfulness_judge");
		assertThat(Graders.plan("trace", model)).extracting(Grader::name).containsExactly("bad_tool_failure_recovery",
				"unnecessary_tool_loop", "stale_context_usage", "invalid_state_transition", "retrieval_precision_recall",
				"step_cost_attribution", "failure_origin", "hallucinated_tool_result_judge", "planning_action_mismatch_judge");
		assertThatIllegalArgumentException().isThrownBy(() -> Graders.plan("fancy", model)).withMessageContaining("Unknown grader plan");
	}

	/** Mirrors {@code test_rubric_judge_fails_when_feedback_is_missing}. */
	@Test
	void shouldFailWhenTheModelGivesNoFeedback() {
		GradeResult grade = suiteGrade(RubricJudge.create("goal_achieved", judge("gpt-4o-mini", "{\"passed\": true, \"reason\": \"Looks good.\"}", this.seen)), oneCase(GOAL_CASE));

		assertThat(grade.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(grade.reason()).isEqualTo("LLM judge returned invalid JSON.");
		assertThat(grade.feedback()).isEqualTo("The judge response did not include valid pass/fail feedback.");
	}

	/** Mirrors {@code test_rubric_judge_passes_pydantic_schema_as_response_format} and the numeric twin. */
	@Test
	void shouldSendTheAnswerSchemaWhenAJudgeAsksItsModel() {
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"hi\"}], \"expected\": {\"goal\": \"greet\"}}");
		suiteGrade(RubricJudge.builder("rubric_judge", judge("m", "{\"passed\": true, \"reason\": \"ok\", \"feedback\": \"fine\"}", this.seen)).scoring(JudgeScoring.binary()).build(), evalCase);
		suiteGrade(RubricJudge.builder("rubric_judge", judge("m", "{\"score\": 4, \"reason\": \"ok\", \"feedback\": \"fine\"}", this.seen)).scoring(JudgeScoring.numeric(0, 5, 4)).build(), evalCase);
		suiteGrade(FaithfulnessJudge.create(judge("m", "{\"score\": 0.9, \"reason\": \"faithful\", \"feedback\": \"ok\"}", this.seen)),
				oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"hi\"}], \"expected\": {\"context\": [\"ctx\"]}}"));

		ObjectNode binary = this.seen.get(0).responseSchema();
		assertThat(binary.path("title").asString()).isEqualTo("BinaryJudgeOutput");
		assertThat(binary.path("properties").has("passed")).isTrue();
		assertThat(binary.path("properties").has("score")).isFalse();
		JsonNode numericScore = this.seen.get(1).responseSchema().path("properties").path("score");
		assertThat(numericScore.path("minimum").asDouble()).isEqualTo(0);
		assertThat(numericScore.path("maximum").asDouble()).isEqualTo(5);
		JsonNode faithfulScore = this.seen.get(2).responseSchema().path("properties").path("score");
		assertThat(faithfulScore.path("minimum").asDouble()).isEqualTo(0.0);
		assertThat(faithfulScore.path("maximum").asDouble()).isEqualTo(1.0);
	}

	/** Mirrors {@code test_rubric_judge_strips_ansi_codes_before_parsing}. */
	@Test
	void shouldFindTheVerdictWhenTheAnswerHasAnsiCodesAndProse() {
		String answer = "\u001b[1;31mGiven the input, here is the verdict:\u001b[0m\n{\"passed\": true, \"reason\": \"ok\", \"feedback\": \"fine\"}\n\u001b[0m";
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"hi\"}], \"expected\": {\"goal\": \"greet\"}}");

		GradeResult grade = suiteGrade(RubricJudge.builder("rubric_judge", judge("m", answer, this.seen)).scoring(JudgeScoring.binary()).build(), evalCase);

		assertThat(grade.status()).isEqualTo(GradeStatus.PASSED);
		assertThat(grade.reason()).isEqualTo("ok");
	}

	@Test
	void shouldFindTheVerdictWhenTheAnswerIsInACodeFenceOrAfterAnotherObject() {
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"hola 👋\"}], \"expected\": {\"goal\": \"saludar\"}}");

		GradeResult fenced = suiteGrade(RubricJudge.create("r", judge("m", "```json\n{\"score\": 0.9, \"reason\": \"bien ✅\", \"feedback\": \"  nada  \"}\n```", this.seen)), evalCase);
		GradeResult second = suiteGrade(RubricJudge.create("r", judge("m", "{\"note\": 1} then {\"score\": 0.1, \"reason\": \"mal\", \"feedback\": \"arreglar\"} end", this.seen)), evalCase);

		assertThat(fenced.status()).isEqualTo(GradeStatus.PASSED);
		assertThat(fenced.reason()).isEqualTo("bien ✅");
		assertThat(fenced.feedback()).isEqualTo("nada");
		assertThat(second.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(second.reason()).isEqualTo("mal");
	}

	/** Mirrors {@code test_judge_invalid_payload_returns_invalid_judge_result}. */
	@Test
	void shouldFailWithTheRawAnswerWhenItHoldsNoJson() {
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"hi\"}], \"expected\": {\"goal\": \"greet\"}}");

		GradeResult grade = suiteGrade(RubricJudge.builder("rubric_judge", judge("m", "not even close to json \u001b[1;31mGiven\u001b[0m", this.seen)).scoring(JudgeScoring.binary()).build(), evalCase);

		assertThat(grade.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(grade.reason()).isEqualTo("LLM judge returned invalid JSON.");
		assertThat(grade.metadata()).containsKey("raw_response");
	}

	/**
	 * Mirrors {@code test_binary_judge_output_rejects_missing_feedback}, {@code ..._rejects_empty_reason} and
	 * {@code test_numeric_judge_output_model_rejects_out_of_range_score} / {@code ..._accepts_in_range_score}.
	 */
	@Test
	void shouldRejectTheAnswerWhenItsShapeIsNotTheExpectedOne() {
		JudgeScoring binary = JudgeScoring.binary();
		JudgeScoring numeric = JudgeScoring.numeric(0, 5, 4);

		assertThat(ai.northstar.evals.judge.JudgeVerdict.parse("{\"passed\": true, \"reason\": \"ok\"}", binary)).isNull();
		assertThat(ai.northstar.evals.judge.JudgeVerdict.parse("{\"passed\": true, \"reason\": \"   \", \"feedback\": \"fine\"}", binary)).isNull();
		assertThat(ai.northstar.evals.judge.JudgeVerdict.parse("{\"score\": 6, \"reason\": \"ok\", \"feedback\": \"fine\"}", numeric)).isNull();
		assertThat(ai.northstar.evals.judge.JudgeVerdict.parse("{\"passed\": true, \"score\": 1, \"reason\": \"ok\", \"feedback\": \"fine\"}", binary)).isNull();
		var parsed = ai.northstar.evals.judge.JudgeVerdict.parse("{\"score\": 4, \"reason\": \"ok\", \"feedback\": \"fine\"}", numeric);
		assertThat(parsed).isNotNull();
		assertThat(parsed.score()).isEqualTo(4);
		assertThat(parsed.confidence()).isNull();
		assertThat(parsed.evidence()).isEmpty();
	}

	/** Mirrors {@code test_trace_llm_judges_receive_bounded_trace_context}. */
	@Test
	void shouldSendTheBoundedTraceWhenATraceJudgeGrades() {
		String tool = "00000000-0000-0000-0000-000000000072";
		ObjectNode payload = tracePayload(List.of(span(tool, "search")),
				List.of(event("00000000-0000-0000-0000-000000000093", "tool_result", tool, "{\"result\": \"Refunds are available for 30 days.\"}", "{}", "2026-01-01T00:00:02+00:00")));
		EvalCase evalCase = oneCase("{\"trace\": " + payload + ", \"messages\": [{\"role\": \"assistant\", \"content\": \"Refunds are available for 30 days.\"}], \"expected\": {\"goal\": \"answer refund policy\"}}");
		JudgeModel model = judge("m", "{\"score\": 1, \"reason\": \"Tool result supports the answer.\", \"feedback\": \"No fix needed.\", \"evidence\": [\"tool_result: 30 days\"]}", this.seen);

		EvalResult result = EvalSuite.builder()
			.grader(HallucinatedToolResultJudge.create(model))
			.grader(PlanningActionMismatchJudge.create(model))
			.build()
			.run(Dataset.of(evalCase));

		assertThat(result.caseResults().get(0).grades()).extracting(GradeResult::status).containsOnly(GradeStatus.PASSED);
		assertThat(result.caseResults().get(0).grades())
			.allSatisfy((grade) -> assertThat(grade.metadata().get("trace_context_event_count").asInt()).isEqualTo(1));
		assertThat(this.seen).hasSize(2);
		for (JudgeRequest request : this.seen) {
			JsonNode context = json(request.userPrompt());
			assertThat(context.path("trace").path("events")).hasSize(1);
			assertThat(context.path("trace").path("run").path("run_id").asString()).isEqualTo(PyFixtures.RUN_ID);
		}
	}

	@Test
	void shouldCutContentWithoutSplittingAnEmojiWhenTheTraceExceedsTheLimits() {
		String tool = "00000000-0000-0000-0000-000000000073";
		List<ObjectNode> events = new ArrayList<>();
		String longText = "a".repeat(1499) + "🧾 and more";
		for (int i = 0; i < 45; i++) {
			events.add(event(String.format("00000000-0000-0000-0000-%012d", 100 + i), "tool_result", tool,
					EvalJsonTexts.quote(longText), "{}", String.format("2026-01-01T00:00:%02d+00:00", i)));
		}
		ObjectNode payload = tracePayload(List.of(span(tool, "search")), events);
		EvalCase evalCase = oneCase("{\"trace\": " + payload + "}");

		GradeResult grade = suiteGrade(HallucinatedToolResultJudge.create(judge("m", "{\"score\": 0.9, \"reason\": \"ok\", \"feedback\": \"fine\"}", this.seen)), evalCase);

		JsonNode trace = json(this.seen.get(0).userPrompt()).path("trace");
		assertThat(trace.path("events")).hasSize(40);
		assertThat(trace.path("events").get(0).path("content").asString()).isEqualTo("a".repeat(1499) + "...[truncated]");
		assertThat(grade.metadata().get("trace_context_event_count").asInt()).isEqualTo(40);
		assertThat(grade.metadata().get("trace_context_span_count").asInt()).isEqualTo(1);
	}

}
