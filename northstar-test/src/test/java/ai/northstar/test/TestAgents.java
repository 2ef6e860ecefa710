package ai.northstar.test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.northstar.ChatMessage;
import ai.northstar.ModelCall;
import ai.northstar.Northstar;
import ai.northstar.Run;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.TraceContext;

/**
 * A small traced agent for the tests: one planning span, a model call with usage, and two tool calls, with
 * text in several scripts and emoji in names, arguments, results and answers.
 */
public final class TestAgents {

	public static final String QUESTION = "¿Cuál es la política de reembolso? 退款政策 🧾";

	public static final String ANSWER = "Reembolsos durante 30 días — 30日以内 ✅";

	private TestAgents() {
	}

	public static UUID ask(Northstar northstar, String question) {
		return northstar.trace("research-agent 🔎", () -> {
			Run run = TraceContext.current().run().orElseThrow();
			run.recordUserInput(Map.of("question", question));
			try (Span plan = run.span("plan", SpanKind.AGENT, 1, Map.of("goal", "répondre"))) {
				plan.recordReasoning("Chercher dans la doc 📚");
				try (ModelCall call = northstar.modelCall("chat", "gpt-4o")) {
					call.recordInputMessages(List.of(ChatMessage.user(question)));
					call.recordOutputMessage(ChatMessage.assistant(null,
							new ChatMessage.ToolCall("call-1", "search_docs", Map.of("query", "política 🧾"))));
					call.recordUsage(120, 30);
				}
				try (Span search = plan.span("search_docs", SpanKind.TOOL)) {
					search.recordToolArguments(Map.of("query", "política 🧾", "limit", 3));
					search.recordToolResult(List.of(Map.of("id", "doc-1", "text", "Reembolsos durante 30 días")));
				}
				try (Span calc = plan.span("calculator", SpanKind.TOOL)) {
					calc.recordToolArguments(Map.of("expression", "19 + 23"));
					calc.recordToolResult(42);
				}
			}
			run.recordFinalResponse(ANSWER);
			northstar.score(run.id(), "answered ✅", true);
			northstar.score(run.id(), "relevance", 0.8);
			return run.id();
		});
	}

}
