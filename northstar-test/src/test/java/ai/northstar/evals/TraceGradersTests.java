package ai.northstar.evals;

import java.util.ArrayList;
import java.util.List;

import ai.northstar.evals.grader.Graders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static ai.northstar.evals.PyFixtures.event;
import static ai.northstar.evals.PyFixtures.normalize;
import static ai.northstar.evals.PyFixtures.oneCase;
import static ai.northstar.evals.PyFixtures.span;
import static ai.northstar.evals.PyFixtures.tracePayload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the trace graders of {@link Graders#traceDeterministic()}, mirroring the Python SDK's
 * {@code tests/test_evals.py} (same inputs, same verdicts).
 */
class TraceGradersTests {

	private static Grader grader(String name) {
		return Graders.traceDeterministic().stream().filter((grader) -> grader.name().equals(name)).findFirst().orElseThrow();
	}

	private static GradeResult grade(String name, EvalCase evalCase, EvalRun run) throws Exception {
		return grader(name).grade(evalCase, run);
	}

	/** Mirrors {@code test_trace_graders_skip_when_trace_is_missing}. */
	@Test
	void shouldSkipEveryTraceGraderWhenTheCaseHasNoTrace() throws Exception {
		EvalCase evalCase = oneCase();
		EvalRun run = normalize(evalCase);

		for (Grader grader : Graders.traceDeterministic()) {
			assertThat(grader.grade(evalCase, run).status()).as(grader.name()).isEqualTo(GradeStatus.SKIPPED);
		}
	}

	/** Mirrors {@code test_trace_deterministic_graders_fail_on_evidence}. */
	@Test
	void shouldFailWhenTheTraceShowsFailureStalenessBadTransitionsAndCost() throws Exception {
		String tool = "00000000-0000-0000-0000-000000000030";
		String model = "00000000-0000-0000-0000-000000000031";
		String stale = "00000000-0000-0000-0000-000000000040";
		ObjectNode payload = tracePayload(
				List.of(span(tool, "search", "tool", null, "error", "{\"type\": \"RuntimeError\", \"message\": \"timeout\"}", "{}"),
						span(model, "chat", "model", null, "ok", null, "{\"cost_usd\": 0.2, \"input_tokens\": 10, \"output_tokens\": 20}")),
				List.of(event("00000000-0000-0000-0000-000000000041", "tool_arguments", tool, "{\"query\": \"docs\"}", "{}", "2026-01-01T00:00:01+00:00"),
						event(stale, "custom", null, "{\"state\": \"search\"}", "{\"stale_context\": true}", "2026-01-01T00:00:04+00:00"),
						event("00000000-0000-0000-0000-000000000042", "custom", null, "{\"state\": \"answer\"}", "{}", "2026-01-01T00:00:05+00:00")));
		EvalCase evalCase = oneCase("{\"trace\": " + payload + ", \"expected\": {\"trace\": {\"allowed_state_transitions\": [{\"from_state\": \"plan\", \"to_state\": \"search\"}], \"max_step_cost_usd\": 0.1}}}");
		EvalRun run = normalize(evalCase, payload);

		assertThat(grade("bad_tool_failure_recovery", evalCase, run).status()).isEqualTo(GradeStatus.FAILED);
		assertThat(grade("stale_context_usage", evalCase, run).metadata().get("event_ids").get(0).asString()).isEqualTo(stale);
		assertThat(grade("invalid_state_transition", evalCase, run).status()).isEqualTo(GradeStatus.FAILED);
		GradeResult cost = grade("step_cost_attribution", evalCase, run);
		assertThat(cost.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(cost.metadata().get("over_limit").get(0).path("span_id").asString()).isEqualTo(model);
		GradeResult failure = grade("failure_origin", evalCase, run);
		assertThat(failure.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(failure.metadata().get("failure_origin_span").path("id").asString()).isEqualTo(tool);
		assertThat(failure.evidence()).containsExactly("search (" + tool + ")");
	}

	/** Mirrors {@code test_trace_deterministic_graders_pass_on_clean_evidence}. */
	@Test
	void shouldPassWhenTheTraceIsClean() throws Exception {
		String tool = "00000000-0000-0000-0000-000000000050";
		String model = "00000000-0000-0000-0000-000000000051";
		ObjectNode payload = tracePayload(
				List.of(span(tool, "search"), span(model, "chat", "model", null, "ok", null, "{\"cost_usd\": 0.02, \"input_tokens\": 10, \"output_tokens\": 20}")),
				List.of(event("00000000-0000-0000-0000-000000000060", "tool_arguments", tool, "{\"query\": \"docs\"}", "{}", "2026-01-01T00:00:01+00:00"),
						event("00000000-0000-0000-0000-000000000061", "tool_result", tool, "{\"hits\": [{\"id\": \"doc-1\"}, {\"id\": \"doc-2\"}]}", "{}", "2026-01-01T00:00:02+00:00"),
						event("00000000-0000-0000-0000-000000000062", "tool_arguments", tool, "{\"query\": \"faq\"}", "{}", "2026-01-01T00:00:02.500000+00:00"),
						event("00000000-0000-0000-0000-000000000063", "reasoning", null, "{\"state\": \"plan\"}", "{}", "2026-01-01T00:00:03+00:00"),
						event("00000000-0000-0000-0000-000000000064", "custom", null, "{\"state\": \"search\"}", "{}", "2026-01-01T00:00:04+00:00")));
		EvalCase evalCase = oneCase("{\"trace\": " + payload + ", \"expected\": {\"trace\": {\"allowed_state_transitions\": [{\"from_state\": \"plan\", \"to_state\": \"search\"}], \"relevant_retrieval_ids\": [\"doc-1\", \"doc-2\"], \"min_retrieval_precision\": 1, \"min_retrieval_recall\": 1, \"max_step_cost_usd\": 0.1}}}");
		EvalRun run = normalize(evalCase, payload);

		assertThat(grade("unnecessary_tool_loop", evalCase, run).status()).isEqualTo(GradeStatus.PASSED);
		assertThat(grade("stale_context_usage", evalCase, run).status()).isEqualTo(GradeStatus.PASSED);
		assertThat(grade("invalid_state_transition", evalCase, run).status()).isEqualTo(GradeStatus.PASSED);
		GradeResult retrieval = grade("retrieval_precision_recall", evalCase, run);
		assertThat(retrieval.status()).isEqualTo(GradeStatus.PASSED);
		assertThat(retrieval.metadata().get("precision").asDouble()).isEqualTo(1.0);
		assertThat(grade("step_cost_attribution", evalCase, run).status()).isEqualTo(GradeStatus.PASSED);
	}

	/** Mirrors {@code test_trace_loop_and_retrieval_graders_fail_on_thresholds}. */
	@Test
	void shouldFailTheLoopAndRetrievalGradersWhenThresholdsAreMissed() throws Exception {
		String tool = "00000000-0000-0000-0000-000000000070";
		List<ObjectNode> events = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			events.add(event("00000000-0000-0000-0000-00000000008" + i, "tool_arguments", tool, "{\"query\": \"same\"}", "{}", "2026-01-01T00:00:0" + i + "+00:00"));
		}
		events.add(event("00000000-0000-0000-0000-000000000090", "tool_result", tool, "{\"hits\": [{\"id\": \"doc-1\"}, {\"id\": \"irrelevant\"}]}", "{}", "2026-01-01T00:00:05+00:00"));
		ObjectNode payload = tracePayload(List.of(span(tool, "search")), events);
		EvalCase evalCase = oneCase("{\"trace\": " + payload + ", \"expected\": {\"trace\": {\"relevant_retrieval_ids\": [\"doc-1\", \"doc-2\"], \"min_retrieval_precision\": 1, \"min_retrieval_recall\": 1}}}");
		EvalRun run = normalize(evalCase, payload);

		GradeResult loop = grade("unnecessary_tool_loop", evalCase, run);
		assertThat(loop.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(loop.metadata().get("loop_signatures").get(0).path("count").asInt()).isEqualTo(4);
		assertThat(loop.metadata().get("loop_signatures").get(0).path("signature").asString())
			.isEqualTo("{\"arguments\": {\"query\": \"same\"}, \"name\": \"search\"}");
		GradeResult retrieval = grade("retrieval_precision_recall", evalCase, run);
		assertThat(retrieval.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(retrieval.metadata().get("true_positive_count").asInt()).isEqualTo(1);
		assertThat(retrieval.score()).isEqualTo(0.5);
		assertThat(retrieval.threshold()).isEqualTo(1.0);
	}

	/** Mirrors {@code test_bad_tool_failure_recovery_passes_with_later_recovery_event}. */
	@Test
	void shouldPassTheRecoveryGraderWhenAFailedToolIsFollowedByAnAnswer() throws Exception {
		String tool = "00000000-0000-0000-0000-000000000071";
		ObjectNode payload = tracePayload(
				List.of(span(tool, "search", "tool", null, "error", "{\"type\": \"RuntimeError\", \"message\": \"timeout\"}", "{}")),
				List.of(event("00000000-0000-0000-0000-000000000091", "tool_arguments", tool, "{\"query\": \"docs\"}", "{}", "2026-01-01T00:00:01+00:00"),
						event("00000000-0000-0000-0000-000000000092", "final_response", null, "\"Recovered with a fallback answer.\"", "{}", "2026-01-01T00:00:04+00:00")));
		EvalCase evalCase = oneCase("{\"trace\": " + payload + "}");

		assertThat(grade("bad_tool_failure_recovery", evalCase, normalize(evalCase, payload)).status())
			.isEqualTo(GradeStatus.PASSED);
	}

	@Test
	void shouldReadTheCaseTraceAndItsRunErrorWhenTheSuiteRuns() {
		ObjectNode payload = tracePayload(List.of(), List.of(), "{\"type\": \"ValueError\", \"message\": \"sin respuesta 🙈\"}");
		EvalCase evalCase = oneCase("{\"trace\": " + payload + "}");

		EvalResult result = EvalSuite.builder().graders(Graders.traceDeterministic()).build().run(Dataset.of(evalCase));

		GradeResult origin = result.caseResults().get(0).grade("failure_origin");
		assertThat(origin.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(origin.evidence()).containsExactly("run_error");
		assertThat(origin.metadata().get("run_error").path("message").asString()).isEqualTo("sin respuesta 🙈");
		assertThat(result.caseResults().get(0).runId()).isEqualTo(PyFixtures.RUN_ID);
	}

}
