package ai.northstar.local.viewer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSpan;
import ai.northstar.local.jdbc.RunDetail;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run's page: facts, input and output, the span waterfall on the run's time axis (nested by parent), each span's
 * attributes and events, model spans as a chat transcript, tool spans with arguments and result, errors, scores and
 * linked prompt versions.
 */
final class RunView {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private RunView() {
	}

	static String render(String base, RunDetail detail) {
		StoredRun run = detail.run();
		StringBuilder html = new StringBuilder(64 * 1024);
		Instant start = run.startedAt();
		Instant end = end(detail);
		long total = Math.max(1, Duration.between(start, end).toMillis());
		html.append("<h1 id=\"run-title\" data-run-id=\"").append(run.id()).append("\">")
			.append(Html.text(run.name()))
			.append(" <span class=\"status status-").append(Html.text(run.status())).append("\">")
			.append(Html.text(run.status())).append("</span></h1>");
		ObjectNode metadata = run.metadata();
		html.append("<div class=\"card facts\">");
		fact(html, "Started", Html.time(start));
		fact(html, "Duration",
				Html.duration((run.endedAt() != null) ? Duration.between(start, run.endedAt()).toMillis() : null));
		fact(html, "Tokens",
				text(metadata, "total_input_tokens") + " in / " + text(metadata, "total_output_tokens") + " out");
		fact(html, "Cost", metadata.path("cost_usd").isNumber() ? Html.cost(metadata.get("cost_usd").doubleValue()) : "");
		html.append("<div><span>Session</span><a class=\"mono\" href=\"").append(base).append("/sessions/")
			.append(run.sessionId()).append("\">").append(run.sessionId()).append("</a></div>");
		fact(html, "Run id", run.id().toString());
		html.append("<div><a class=\"button\" id=\"download\" download=\"run-").append(run.id())
			.append(".json\" href=\"").append(base).append("/runs/").append(run.id())
			.append("/batch.json\">Download batch JSON</a></div></div>");
		if (run.error() != null) {
			html.append("<div class=\"error-box run-error\">").append(error(run.error())).append("</div>");
		}
		List<StoredEvent> runEvents = detail.events().stream().filter((event) -> event.spanId() == null).toList();
		for (StoredEvent event : runEvents) {
			html.append("<details class=\"card event-group\" data-type=\"").append(Html.text(event.type())).append("\"")
				.append(("user_input".equals(event.type()) || "final_response".equals(event.type())) ? " open" : "")
				.append("><summary>").append(Html.text(event.type())).append(" <span class=\"muted\">")
				.append(Html.time(event.createdAt())).append("</span></summary><pre class=\"event-content\">")
				.append(Html.text(content(event.content()))).append("</pre></details>");
		}
		html.append("<h2>Spans <span class=\"muted\">").append(detail.spans().size()).append("</span></h2>");
		if (detail.spans().isEmpty()) {
			html.append("<div class=\"empty\">This run has no spans.</div>");
		}
		else {
			html.append("<div class=\"waterfall\" id=\"waterfall\">");
			Map<UUID, List<StoredEvent>> eventsBySpan = new LinkedHashMap<>();
			detail.events().stream().filter((event) -> event.spanId() != null)
				.forEach((event) -> eventsBySpan.computeIfAbsent(event.spanId(), (id) -> new ArrayList<>()).add(event));
			for (Node node : tree(detail.spans())) {
				span(html, node, start, total, eventsBySpan.getOrDefault(node.span.id(), List.of()));
			}
			html.append("</div>");
		}
		html.append("<h2>Scores</h2>");
		if (detail.scores().isEmpty()) {
			html.append("<div class=\"empty\">No scores.</div>");
		}
		else {
			html.append("<table id=\"scores\"><thead><tr><th>Name</th><th>Value</th><th>Type</th><th>Span</th>"
					+ "<th>Comment</th><th>Created</th></tr></thead><tbody>");
			for (StoredScore score : detail.scores()) {
				html.append("<tr class=\"score-row\" data-name=\"").append(Html.text(score.name())).append("\"><td>")
					.append(Html.text(score.name())).append("</td><td class=\"score-value\">")
					.append(Html.text(RunsPage.scoreValue(score))).append("</td><td>").append(Html.text(score.dataType()))
					.append("</td><td class=\"mono\">")
					.append((score.spanId() != null) ? score.spanId().toString().substring(0, 8) : "")
					.append("</td><td>").append(Html.text(score.comment())).append("</td><td class=\"mono\">")
					.append(Html.time(score.createdAt())).append("</td></tr>");
			}
			html.append("</tbody></table>");
		}
		html.append("<h2>Prompts</h2>");
		if (detail.prompts().isEmpty()) {
			html.append("<div class=\"empty\">No prompt versions linked.</div>");
		}
		else {
			for (RunDetail.LinkedPrompt prompt : detail.prompts()) {
				html.append("<div class=\"card prompt-link\" data-prompt-version-id=\"").append(prompt.version().id())
					.append("\" data-span-id=\"").append(prompt.link().spanId()).append("\"><b><a href=\"").append(base)
					.append("/prompts#prompt-").append(prompt.version().id()).append("\">")
					.append(Html.text(prompt.version().name())).append("</a></b> <span class=\"chip prompt-version\">v")
					.append(prompt.version().versionNumber()).append("</span>");
				prompt.version().labels().forEach(
						(label) -> html.append("<span class=\"chip\">").append(Html.text(label)).append("</span>"));
				html.append(" <span class=\"muted\">on span ").append(prompt.link().spanId().toString(), 0, 8)
					.append("</span><pre class=\"prompt-variables\">")
					.append(Html.text(pretty(prompt.link().variableValues()))).append("</pre></div>");
			}
		}
		return html.toString();
	}

	private static void span(StringBuilder html, Node node, Instant start, long total, List<StoredEvent> events) {
		StoredSpan span = node.span;
		long offset = Math.max(0, Duration.between(start, span.startedAt()).toMillis());
		Long length = (span.endedAt() != null) ? Duration.between(span.startedAt(), span.endedAt()).toMillis() : null;
		double left = Math.min(100, 100.0 * offset / total);
		double width = Math.max(0.4, Math.min(100 - left, 100.0 * ((length != null) ? length : (total - offset)) / total));
		String kind = Html.text(span.kind());
		html.append("<div class=\"span-row\" data-span-id=\"").append(span.id()).append("\" data-kind=\"").append(kind)
			.append("\" data-name=\"").append(Html.text(span.name())).append("\" data-status=\"")
			.append(Html.text(span.status())).append("\" data-depth=\"").append(node.depth)
			.append("\"><div class=\"span-label\" style=\"padding-left:").append(8 + 18 * node.depth)
			.append("px\"><span class=\"kind kind-").append(kind).append("\">").append(kind).append("</span>")
			.append(Html.text(span.name()));
		if (span.iteration() != null) {
			html.append(" <span class=\"chip iteration\">iteration ").append(span.iteration()).append("</span>");
		}
		if ("error".equals(span.status())) {
			html.append(" <span class=\"status status-error\">error</span>");
		}
		html.append("</div><div class=\"track\"><div class=\"bar kind-").append(kind).append(" status-")
			.append(Html.text(span.status())).append("\" style=\"left:").append(String.format(Locale.ROOT, "%.3f", left))
			.append("%;width:").append(String.format(Locale.ROOT, "%.3f", width)).append("%\" title=\"+")
			.append(offset).append(" ms\"></div></div><div class=\"span-time\">").append(Html.duration(length))
			.append("</div></div>");
		html.append("<div class=\"span-detail\" id=\"detail-").append(span.id()).append("\">");
		if (span.error() != null) {
			html.append("<div class=\"error-box span-error\">").append(error(span.error())).append("</div>");
		}
		ObjectNode attributes = span.attributes();
		if ("model".equals(span.kind())) {
			html.append("<div class=\"usage\">");
			for (String key : List.of("model", "input_tokens", "output_tokens", "total_tokens", "cost_usd", "pricing_source")) {
				if (attributes.has(key)) {
					html.append("<span class=\"usage-").append(key).append("\">").append(key).append(": <b>")
						.append(Html.text(key.equals("cost_usd") && attributes.get(key).isNumber()
								? Html.cost(attributes.get(key).doubleValue()) : text(attributes, key)))
						.append("</b></span>");
				}
			}
			html.append("</div><div class=\"transcript\">");
			for (StoredEvent event : events) {
				message(html, event);
			}
			html.append("</div>");
		}
		else if ("tool".equals(span.kind())) {
			for (StoredEvent event : events) {
				String title = switch (event.type()) {
					case "tool_arguments" -> "Arguments";
					case "tool_result" -> "Result";
					default -> event.type();
				};
				html.append("<div class=\"tool-").append(Html.text(event.type().replace('_', '-'))).append("\"><b>")
					.append(title).append("</b><pre>").append(Html.text(content(event.content()))).append("</pre></div>");
			}
		}
		else {
			for (StoredEvent event : events) {
				html.append("<div class=\"span-event\" data-type=\"").append(Html.text(event.type())).append("\"><b>")
					.append(Html.text(event.type())).append("</b><pre>").append(Html.text(content(event.content())))
					.append("</pre></div>");
			}
		}
		html.append("<b>Attributes</b><pre class=\"attributes\">").append(Html.text(pretty(attributes)))
			.append("</pre><div class=\"muted mono\">").append(span.id()).append(" · ").append(Html.time(span.startedAt()))
			.append("</div></div>");
	}

	private static void message(StringBuilder html, StoredEvent event) {
		String role = switch (event.type()) {
			case "system_message" -> "system";
			case "user_input" -> "user";
			case "assistant_message" -> "assistant";
			case "tool_arguments" -> "tool-call";
			case "tool_result" -> "tool";
			case "reasoning" -> "reasoning";
			default -> "custom";
		};
		String label = role;
		JsonNode name = event.attributes().get("name");
		if (name != null && name.isString()) {
			label = role + " · " + name.stringValue();
		}
		html.append("<div class=\"message role-").append(role).append("\" data-role=\"").append(role)
			.append("\"><div class=\"role\">").append(Html.text(label)).append("</div><pre class=\"message-content\">")
			.append(Html.text(content(event.content()))).append("</pre></div>");
	}

	private static String error(ObjectNode error) {
		return "<b>" + Html.text(text(error, "type")) + "</b>: " + Html.text(text(error, "message"))
				+ (error.has("module") ? " <span class=\"muted\">(" + Html.text(text(error, "module")) + ")</span>" : "");
	}

	private static void fact(StringBuilder html, String label, String value) {
		html.append("<div><span>").append(label).append("</span>").append(Html.text(value)).append("</div>");
	}

	private static String text(JsonNode object, String key) {
		JsonNode value = object.get(key);
		if (value == null || value.isNull()) {
			return "";
		}
		return value.isString() ? value.stringValue() : value.toString();
	}

	static String content(JsonNode content) {
		if (content.isString()) {
			return content.stringValue();
		}
		return pretty(content);
	}

	static String pretty(JsonNode node) {
		return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
	}

	private static Instant end(RunDetail detail) {
		Instant end = (detail.run().endedAt() != null) ? detail.run().endedAt() : detail.run().startedAt();
		for (StoredSpan span : detail.spans()) {
			Instant spanEnd = (span.endedAt() != null) ? span.endedAt() : span.startedAt();
			if (spanEnd.isAfter(end)) {
				end = spanEnd;
			}
		}
		return end;
	}

	/** The spans in tree order: each parent followed by its children, by start time. */
	static List<Node> tree(List<StoredSpan> spans) {
		Map<UUID, StoredSpan> byId = new LinkedHashMap<>();
		spans.forEach((span) -> byId.put(span.id(), span));
		Map<@Nullable UUID, List<StoredSpan>> children = new LinkedHashMap<>();
		for (StoredSpan span : spans) {
			UUID parent = (span.parentSpanId() != null && byId.containsKey(span.parentSpanId())) ? span.parentSpanId() : null;
			children.computeIfAbsent(parent, (id) -> new ArrayList<>()).add(span);
		}
		List<Node> ordered = new ArrayList<>();
		java.util.Deque<Node> stack = new java.util.ArrayDeque<>();
		List<StoredSpan> roots = children.getOrDefault(null, List.of());
		for (int i = roots.size() - 1; i >= 0; i--) {
			stack.push(new Node(roots.get(i), 0));
		}
		java.util.Set<UUID> seen = new java.util.HashSet<>();
		while (!stack.isEmpty()) {
			Node node = stack.pop();
			if (!seen.add(node.span.id())) {
				continue;
			}
			ordered.add(node);
			List<StoredSpan> kids = children.getOrDefault(node.span.id(), List.of());
			for (int i = kids.size() - 1; i >= 0; i--) {
				stack.push(new Node(kids.get(i), node.depth + 1));
			}
		}
		return ordered;
	}

	/** A span and its depth in the tree. */
	record Node(StoredSpan span, int depth) {

	}

}
