package ai.northstar.evals;

import java.util.List;

import org.junit.jupiter.api.Test;

import static ai.northstar.evals.PyFixtures.event;
import static ai.northstar.evals.PyFixtures.normalize;
import static ai.northstar.evals.PyFixtures.span;
import static ai.northstar.evals.PyFixtures.tracePayload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EvalRun} and {@link TraceDag}, mirroring the normalization tests of the Python SDK's
 * {@code tests/test_evals.py}.
 */
class EvalRunTests {

	/** Mirrors {@code test_normalize_messages_extracts_openai_style_transcript}. */
	@Test
	void shouldExtractPromptsToolCallsAndTheFinalResponseWhenTheTranscriptIsOpenAiStyle() {
		EvalRun run = normalize("""
				[{"role": "system", "content": "You are concise."},
				 {"role": "user", "content": "Find the refund policy."},
				 {"role": "assistant", "content": null, "tool_calls": [{"id": "call-1", "type": "function",
				   "function": {"name": "search_docs", "arguments": "{\\"query\\":\\"refund policy\\"}"}}]},
				 {"role": "tool", "tool_call_id": "call-1", "name": "search_docs", "content": "Refunds are available for 30 days."},
				 {"role": "assistant", "content": [{"type": "text", "text": "The refund window is 30 days."}]}]""");

		assertThat(run.systemPrompts()).containsExactly("You are concise.");
		assertThat(run.userMessages()).containsExactly("Find the refund policy.");
		assertThat(run.finalResponse()).isEqualTo("The refund window is 30 days.");
		assertThat(run.toolCalls()).extracting(ToolCall::name).containsExactly("search_docs");
		assertThat(run.toolCalls().get(0).arguments().asString()).isEqualTo("{\"query\":\"refund policy\"}");
		assertThat(run.toolOutputs().get(0).toolCallId()).isEqualTo("call-1");
		assertThat(run.toolOutputs().get(0).name()).isEqualTo("search_docs");
		assertThat(run.toolInteractions().get(0).call().name()).isEqualTo("search_docs");
		assertThat(run.toolInteractions().get(0).output().content().asString())
			.isEqualTo("Refunds are available for 30 days.");
	}

	/** Mirrors {@code test_normalize_trace_payload_builds_grader_dag}. */
	@Test
	void shouldBuildTheGraphWhenATracePayloadIsRead() {
		String parent = "00000000-0000-0000-0000-000000000010";
		String child = "00000000-0000-0000-0000-000000000011";
		var payload = tracePayload(
				List.of(span(parent, "planner", "agent", null, "ok", null, "{}"),
						span(child, "search", "tool", parent, "ok", null, "{}")),
				List.of(event("00000000-0000-0000-0000-000000000020", "tool_arguments", child,
						"{\"args\": [\"docs\"], \"kwargs\": {\"limit\": 2}}", "{}", "2026-01-01T00:00:02+00:00"),
						event("00000000-0000-0000-0000-000000000021", "tool_result", child,
								"{\"hits\": [{\"id\": \"doc-1\"}]}", "{}", "2026-01-01T00:00:03+00:00")));

		TraceDag dag = TraceDag.fromPayload(payload, PyFixtures.RUN_ID);

		assertThat(dag.run().runId()).isEqualTo(PyFixtures.RUN_ID);
		assertThat(dag.spans()).extracting(TraceDag.TraceSpan::name).containsExactly("planner", "search");
		assertThat(dag.spans().get(1).parentSpanId()).isEqualTo(parent);
		assertThat(dag.events()).extracting(TraceDag.TraceEvent::type).containsExactly("tool_arguments", "tool_result");
		assertThat(dag.events().get(0).content().path("kwargs").path("limit").asInt()).isEqualTo(2);
		assertThat(dag.events().get(1).content().path("hits").get(0).path("id").asString()).isEqualTo("doc-1");
		assertThat(dag.edges()).extracting(TraceDag.TraceEdge::kind).contains("parent_child", "span_event", "next_event");
	}

	@Test
	void shouldReadTheTraceFromTheInputWhenTheCaseHasNoTraceOfItsOwn() {
		var payload = tracePayload(List.of(span("00000000-0000-0000-0000-000000000012", "búsqueda 🔍")), List.of());
		EvalCase evalCase = PyFixtures.oneCase("{\"input\": {\"trace\": " + payload + "}}");

		EvalRun run = EvalRun.of(evalCase);

		assertThat(run.trace()).isNotNull();
		assertThat(run.trace().spans()).extracting(TraceDag.TraceSpan::name).containsExactly("búsqueda 🔍");
	}

	@Test
	void shouldTakeTheLegacyFunctionCallAndNameAnUnnamedToolWhenTheTranscriptHasThem() {
		EvalRun run = normalize("""
				[{"role": "assistant", "content": "", "function_call": {"name": "lookup", "arguments": "{}"}},
				 {"role": "assistant", "tool_calls": [{"function": {"arguments": "{}"}}, "not a call"]}]""");

		assertThat(run.toolCalls()).extracting(ToolCall::name).containsExactly("lookup", "unknown_tool");
		assertThat(run.finalResponse()).isNull();
	}

}
