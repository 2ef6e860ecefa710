package ai.northstar.evals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.northstar.Northstar;
import ai.northstar.SpanKind;
import ai.northstar.Span;
import ai.northstar.TraceContext;
import ai.northstar.evals.grader.Graders;
import ai.northstar.test.NorthstarRecorder;
import ai.northstar.test.RecordedRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static ai.northstar.test.NorthstarAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EvalSuite} and the JSON of {@link EvalResult}, on dataset cases, recorded runs and agents.
 */
class EvalSuiteTests {

	private final NorthstarRecorder recorder = NorthstarRecorder.create();

	@AfterEach
	void close() {
		this.recorder.close();
	}

	/** The keys of the Python SDK's {@code EvalResult.model_dump()}, its case results and grades. */
	@Test
	void shouldWriteThePythonKeysWhenAResultIsSerialized() {
		Dataset dataset = Dataset.fromRecords(List.of(
				PyFixtures.json("{\"id\": \"c-✅\", \"messages\": [{\"role\": \"assistant\", \"content\": \"Sí, 30 días 🧾\"}], \"expected\": {\"contains\": [\"30 DÍAS\"]}}"),
				PyFixtures.json("{\"id\": \"c-∅\", \"messages\": []}")));
		Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.123456Z"), ZoneOffset.UTC);

		JsonNode json = PyFixtures.json(EvalSuite.builder().grader(Graders.contains()).metadata("dataset", "soporte 🛟")
			.clock(clock).build().run(dataset).toJsonString());

		assertThat(json.propertyNames()).containsExactly("metadata", "total_cases", "evaluated_cases",
				"not_evaluated_cases", "passed_cases", "failed_cases", "pass_rate", "skipped_grades", "case_results");
		assertThat(json.path("metadata").propertyNames()).containsExactly("plan", "grader_names", "created_at", "dataset");
		assertThat(json.path("metadata").path("created_at").asString()).isEqualTo("2026-01-02T03:04:05.123456+00:00");
		assertThat(json.path("metadata").path("dataset").asString()).isEqualTo("soporte 🛟");
		assertThat(json.path("pass_rate").isDouble()).isTrue();
		assertThat(json.path("pass_rate").asDouble()).isEqualTo(1.0);
		assertThat(json.path("total_cases").asInt()).isEqualTo(2);
		assertThat(json.path("not_evaluated_cases").asInt()).isEqualTo(1);
		JsonNode first = json.path("case_results").get(0);
		assertThat(first.propertyNames()).containsExactly("case_id", "status", "grades");
		assertThat(first.path("case_id").asString()).isEqualTo("c-✅");
		assertThat(first.path("grades").get(0).propertyNames()).containsExactly("name", "status", "reason", "feedback",
				"score", "threshold", "label", "confidence", "evidence", "metadata");
		assertThat(first.path("grades").get(0).path("feedback").isNull()).isTrue();
		assertThat(json.path("case_results").get(1).path("status").asString()).isEqualTo("not_evaluated");
		assertThat(json.path("case_results").get(1).path("grades").get(0).path("score").isNull()).isTrue();
	}

	@Test
	void shouldGradeTheTraceTranscriptAndMetricsWhenACaseIsEvaluatedOnARecordedRun() {
		UUID runId = ai.northstar.test.TestAgents.ask(this.recorder.client(), "¿Política de reembolso? 🧾");
		RecordedRun run = this.recorder.awaitRuns(1).get(0);
		EvalCase evalCase = Dataset.fromRecords(List.of(PyFixtures.json("""
				{"id": "reembolso-🧾", "messages": [],
				 "expected": {"required_tools": ["search_docs"], "tool_sequence": ["search_docs", "calculator"],
				  "tool_arguments": [{"name": "search_docs", "arguments": {"query": "política 🧾"}}],
				  "contains": ["30 días"], "require_tool_output_reference": true, "max_tool_calls": 2,
				  "max_latency_ms": 60000, "max_cost_usd": 1.0}}"""))).cases().get(0).withRun(run);

		EvalResult result = EvalSuite.builder().build().run(Dataset.of(evalCase));

		CaseResult caseResult = result.caseResults().get(0);
		assertThat(caseResult.runId()).isEqualTo(runId.toString());
		assertThat(caseResult.grades()).filteredOn((grade) -> grade.status() == GradeStatus.FAILED).isEmpty();
		assertThat(caseResult.status()).isEqualTo(CaseStatus.PASSED);
		assertThat(result.skippedGrades()).isEqualTo(3);
		EvalRun normalized = EvalRun.of(evalCase);
		assertThat(normalized.finalResponse()).isEqualTo(ai.northstar.test.TestAgents.ANSWER);
		assertThat(normalized.toolCalls()).extracting(ToolCall::name).containsExactly("search_docs", "calculator");
		assertThat(normalized.trace().spans()).hasSize(4);
		assertThat(evalCase.metrics().costUsd()).isNotNull();
	}

	@Test
	void shouldPublishTheGradesAsScoresWhenTheAgentRunsPerCase() {
		Northstar client = this.recorder.client();
		EvalAgent agent = EvalAgent.traced(client, "agente 🤖", (evalCase) -> {
			String question = evalCase.input().path("question").asString();
			try (Span tool = TraceContext.current().run().orElseThrow().span("search_docs", SpanKind.TOOL)) {
				tool.recordToolArguments(Map.of("query", question));
				tool.recordToolResult("Reembolsos durante 30 días");
			}
			if (question.contains("💥")) {
				throw new IllegalStateException("falló 💥");
			}
			return "Reembolsos durante 30 días ✅";
		});
		Dataset dataset = Dataset.fromRecords(List.of(
				PyFixtures.json("{\"id\": \"ok\", \"input\": {\"question\": \"¿reembolso?\"}, \"messages\": [], \"expected\": {\"contains\": [\"30 días\"], \"required_tools\": \"search_docs\"}}"),
				PyFixtures.json("{\"id\": \"boom\", \"input\": {\"question\": \"💥\"}, \"messages\": [], \"expected\": {\"contains\": [\"30 días\"]}}")));

		EvalResult result = EvalSuite.builder()
			.grader(Graders.contains())
			.grader(Graders.requiredTools())
			.publishScoresTo(client)
			.build()
			.run(dataset, this.recorder, agent);

		assertThat(result.passedCases()).isEqualTo(1);
		assertThat(result.failedCases()).isEqualTo(1);
		assertThat(result.passRate()).isEqualTo(0.5);
		CaseResult ok = result.caseResult("ok");
		CaseResult boom = result.caseResult("boom");
		assertThat(ok.runId()).isNotNull();
		assertThat(boom.grade("contains").reason()).isEqualTo("Final response was not found.");
		List<RecordedRun> runs = this.recorder.awaitRuns(2);
		RecordedRun okRun = runs.stream().filter((run) -> run.id().toString().equals(ok.runId())).findFirst().orElseThrow();
		assertThat(okRun).isOk().hasToolCalls("search_docs").hasScore("contains", true).hasScore("required_tools", true);
		RecordedRun boomRun = runs.stream().filter((run) -> run.id().toString().equals(boom.runId())).findFirst().orElseThrow();
		assertThat(boomRun).isError().hasErrorMessageContaining("falló 💥").hasScore("contains", false);
		assertThat(boomRun.scores("contains").get(0).comment()).isEqualTo("Final response was not found.");
		assertThat(boomRun.scores("required_tools")).isEmpty();
	}

	@Test
	void shouldGradeTheAnswerWhenTheAgentRecordsNoRun() {
		List<String> seen = new ArrayList<>();
		EvalResult result = EvalSuite.builder().grader(Graders.contains()).build().run(
				Dataset.of(EvalCase.of("plain", List.of(Map.of("role", "user", "content", "hola")),
						EvalExpected.fromJson(PyFixtures.json("{\"contains\": \"mundo 🌍\"}")))),
				this.recorder, (evalCase) -> {
					seen.add(evalCase.id());
					return "hola mundo 🌍";
				});

		assertThat(seen).containsExactly("plain");
		assertThat(result.caseResults().get(0).status()).isEqualTo(CaseStatus.PASSED);
		assertThat(result.caseResults().get(0).runId()).isNull();
	}

}
