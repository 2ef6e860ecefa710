package ai.northstar.test;

import java.util.Map;
import java.util.UUID;

import ai.northstar.EventType;
import ai.northstar.Northstar;
import ai.northstar.RunStatus;
import ai.northstar.SpanKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static ai.northstar.test.NorthstarAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RecordedRunAssert} and {@link RecordedSpanAssert}.
 */
class RecordedRunAssertTests {

	private final NorthstarRecorder recorder = NorthstarRecorder.create();

	private RecordedRun run;

	@BeforeEach
	void record() {
		TestAgents.ask(this.recorder.client(), TestAgents.QUESTION);
		this.run = this.recorder.awaitRuns(1).get(0);
	}

	@AfterEach
	void close() {
		this.recorder.close();
	}

	@Test
	void shouldPassWhenTheRunMatches() {
		assertThat(this.run).hasName("research-agent 🔎")
			.isOk()
			.hasStatus(RunStatus.OK)
			.hasSpanCount(SpanKind.TOOL, 2)
			.hasEvent(EventType.REASONING)
			.hasNoEvent(EventType.SYSTEM_MESSAGE)
			.hasEventContaining(EventType.USER_INPUT, "退款政策 🧾")
			.hasEventWithContent(EventType.FINAL_RESPONSE, TestAgents.ANSWER)
			.hasToolCalls("search_docs", "calculator")
			.hasToolCall("search_docs", Map.of("query", "política 🧾"))
			.hasToolCall("search_docs", Map.of("limit", 3.0))
			.hasModelUsage("gpt-4o", 120, 30)
			.hasTotalTokens(120, 30)
			.hasCostUsdAtMost(1.0)
			.hasScore("answered ✅", true)
			.hasScore("relevance", 0.8);
		assertThat(this.run).hasSpan("search_docs").hasKind(SpanKind.TOOL).hasParent("plan").isOk()
			.hasEventContaining(EventType.TOOL_RESULT, "30 días");
		assertThat(this.run).hasSpan("plan", SpanKind.AGENT).isRoot().hasIteration(1).hasAttribute("goal", "répondre");
	}

	@Test
	void shouldShowTheRunTreeWhenToolCallsDiffer() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.run).hasToolCalls("calculator", "search_docs"))
			.withMessageContaining("Expected tool calls [calculator, search_docs] but were [search_docs, calculator]")
			.withMessageContaining("run \"research-agent 🔎\" [ok]")
			.withMessageContaining("  agent \"plan\" [ok] iteration=1")
			.withMessageContaining("    tool \"search_docs\" [ok]")
			.withMessageContaining("      · tool_arguments {")
			.withMessageContaining("  scores: answered ✅=true (boolean), relevance=0.8 (numeric)");
	}

	@Test
	void shouldFailWhenArgumentsDoNotMatch() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.run).hasToolCall("search_docs", Map.of("query", "politica")))
			.withMessageContaining("Expected a call of tool \"search_docs\" with arguments {\"query\":\"politica\"}");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.run).hasToolCall("delete_file 🗑", Map.of()))
			.withMessageContaining("no call of it");
	}

	@Test
	void shouldFailWhenStatusSpanParentOrScoreDiffer() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.run).isError())
			.withMessageContaining("Expected run status error but was ok");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.run).hasSpan("missing 🕳"))
			.withMessageContaining("Expected a span named \"missing 🕳\"");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.run).hasSpan("chat").hasParent("search_docs"))
			.withMessageContaining("expected parent \"search_docs\" but was the run");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.run).hasSpan("calculator").hasParent("chat"))
			.withMessageContaining("expected parent \"chat\" but was \"plan\"");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.run).hasScore("relevance", true))
			.withMessageContaining("Expected score relevance=true");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.run).hasModelUsage("gpt-4o", 1, 1))
			.withMessageContaining("Expected a model span of gpt-4o with 1 input and 1 output tokens");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.run).hasPromptLink(UUID.randomUUID()))
			.withMessageContaining("Expected a prompt link");
	}

	@Test
	void shouldAssertTheErrorWhenTheRunFailed() {
		Northstar client = this.recorder.client();
		this.recorder.reset();
		try {
			client.trace("échec 💥", () -> {
				throw new IllegalStateException("aucune réponse ❌");
			});
		}
		catch (IllegalStateException expected) {
			// recorded as the run's error
		}
		RecordedRun failed = this.recorder.awaitRuns(1).get(0);

		assertThat(failed).isError().hasErrorOfType("IllegalStateException").hasErrorMessageContaining("réponse ❌");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(failed).hasErrorOfType("IOException"))
			.withMessageContaining("run \"échec 💥\" [error: IllegalStateException: aucune réponse ❌]");
	}

	@Test
	void shouldFailWhenTheTextIsOnlyAKeyOrTheJsonSyntaxOfTheContentNotInAnyOfItsStrings() {
		// The user input is {"question": "..."} and the calculator's arguments {"expression": "19 + 23"}.
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.run).hasEventContaining(EventType.USER_INPUT, "question"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.run).hasSpan("calculator")
			.hasEventContaining(EventType.TOOL_ARGUMENTS, "\"expression\":"));
		assertThat(this.run).hasSpan("calculator").hasEventContaining(EventType.TOOL_ARGUMENTS, "19 + 23");
	}

	@Test
	void shouldFailAsAnAssertionNotANumberFormatExceptionWhenTheExpectedNumberIsNotFinite() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.run).hasEventWithContent(EventType.TOOL_RESULT, Double.NaN));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(
				() -> assertThat(this.run).hasSpan("chat").hasAttribute("input_tokens", Double.POSITIVE_INFINITY));
	}

}
