package ai.northstar.sample.local;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSpan;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TraceViewRenderer}.
 */
class TraceViewRendererTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant START = Instant.parse("2025-05-01T10:00:00Z");

	private static final String HOSTILE = "<script>alert('x')</script>";

	private final TraceViewRenderer renderer = new TraceViewRenderer(null);

	private final UUID runId = UUID.randomUUID();

	@Test
	void shouldEscapeTraceContentWhenRenderingTheRunList() {
		StoredRun run = run(HOSTILE, "ok", null, "{\"latency_ms\": 1530, \"cost_usd\": 0.0042, "
				+ "\"total_input_tokens\": 100, \"total_output_tokens\": 20}");
		StoredEvent input = event(null, "user_input", "{\"question\": \"" + HOSTILE + "\"}");
		String html = this.renderer.runs(List.of(run), Map.of(), Map.of(this.runId, List.of(input)));
		assertThat(html).doesNotContain("<script>")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
			.contains("class=\"run-row\" data-run-id=\"" + this.runId + "\" data-status=\"ok\"")
			.contains("1.53 s")
			.contains("$0.0042")
			.contains("100 in / 20 out");
	}

	@Test
	void shouldNestChildSpansUnderTheirParentWhenRenderingARun() {
		StoredSpan agent = span(UUID.randomUUID(), null, "agent", "plan", 1, "ok", null);
		StoredSpan tool = span(UUID.randomUUID(), agent.id(), "tool", HOSTILE, null, "error",
				"{\"type\": \"PageFetchException\", \"message\": \"402\"}");
		StoredEvent arguments = event(tool.id(), "tool_arguments", "{\"apiKey\": \"[REDACTED]\"}");
		StoredScore score = new StoredScore(UUID.randomUUID(), this.runId, null, "answered", 1.0, "boolean", null,
				"api", null, START);
		String html = this.renderer.run(run("research-agent", "ok", null, "{}"), List.of(tool, agent),
				List.of(arguments), List.of(score));
		assertThat(html).doesNotContain("<script>");
		int agentNode = html.indexOf("data-kind=\"agent\"");
		int nestedList = html.indexOf("<ul>", agentNode);
		int toolNode = html.indexOf("data-kind=\"tool\" data-status=\"error\"");
		assertThat(agentNode).isPositive();
		assertThat(nestedList).isGreaterThan(agentNode).isLessThan(toolNode);
		assertThat(html).contains("iteration 1")
			.contains("<strong class=\"error-type\">PageFetchException</strong>")
			.contains("class=\"event-group\" data-type=\"tool_arguments\"")
			.contains("&quot;apiKey&quot; : &quot;[REDACTED]&quot;")
			.contains("<tr class=\"score-row\" data-name=\"answered\"><td>answered</td><td class=\"score-value\">true");
	}

	@Test
	void shouldShowTheRunErrorWhenTheRunFailed() {
		String html = this.renderer.run(run("research-agent", "error",
				"{\"type\": \"NoAnswerException\", \"message\": \"No document\", \"module\": \"ai.northstar.sample\"}",
				"{}"), List.of(), List.of(), List.of());
		assertThat(html).contains("id=\"run-error\"").contains("NoAnswerException").contains("No document");
	}

	@Test
	void shouldFormatScoreValuesByDataTypeWhenRendering() {
		assertThat(TraceViewRenderer.scoreValue(score(0.0, "boolean", null))).isEqualTo("false");
		assertThat(TraceViewRenderer.scoreValue(score(0.75, "numeric", null))).isEqualTo("0.75");
		assertThat(TraceViewRenderer.scoreValue(score(3.0, "numeric", null))).isEqualTo("3");
		assertThat(TraceViewRenderer.scoreValue(score(0.0, "categorical", "good"))).isEqualTo("good");
	}

	@Test
	void shouldEscapeEveryMarkupCharacterWhenEscaping() {
		assertThat(Html.escape("a & b < c > d \" e ' f")).isEqualTo("a &amp; b &lt; c &gt; d &quot; e &#39; f");
		assertThat(Html.escape("plain")).isEqualTo("plain");
	}

	private StoredRun run(String name, String status, String error, String metadata) {
		return new StoredRun(this.runId, UUID.randomUUID(), name, START, START.plusMillis(1530), status,
				(error != null) ? object(error) : null, object(metadata));
	}

	private StoredSpan span(UUID id, UUID parent, String kind, String name, Integer iteration, String status,
			String error) {
		return new StoredSpan(id, this.runId, parent, kind, name, START.plusMillis(10), START.plusMillis(20), status,
				(error != null) ? object(error) : null, iteration, object("{\"latency_ms\": 10}"));
	}

	private StoredEvent event(UUID spanId, String type, String content) {
		return new StoredEvent(UUID.randomUUID(), this.runId, spanId, type, START, JSON.readTree(content),
				object("{}"));
	}

	private StoredScore score(double value, String dataType, String stringValue) {
		return new StoredScore(UUID.randomUUID(), this.runId, null, "s", value, dataType, stringValue, "api", null,
				START);
	}

	private static ObjectNode object(String json) {
		return (ObjectNode) JSON.readTree(json);
	}

}
