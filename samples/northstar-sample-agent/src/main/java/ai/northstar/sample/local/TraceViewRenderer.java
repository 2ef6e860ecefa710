package ai.northstar.sample.local;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSpan;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the local trace viewer's pages as HTML. Every value from a trace is escaped. Elements carry stable ids,
 * classes and {@code data-*} attributes ({@code .run-row}, {@code .span-node[data-kind]},
 * {@code .event-group[data-type]}, {@code .score-row[data-name]}) for tests and scripts.
 */
final class TraceViewRenderer {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final List<String> EVENT_TYPES = List.of("user_input", "system_message", "assistant_message",
			"reasoning", "tool_arguments", "tool_result", "final_response", "custom");

	private static final Set<String> KNOWN_RUN_METADATA = Set.of("latency_ms", "cost_usd", "total_input_tokens",
			"total_output_tokens");

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final int PREVIEW_LENGTH = 120;

	/** Event groups with at most this many events are shown expanded. */
	private static final int OPEN_GROUP_SIZE = 2;

	private final @Nullable URI ingestUri;

	TraceViewRenderer(@Nullable URI ingestUri) {
		this.ingestUri = ingestUri;
	}

	/**
	 * Renders the list of runs, newest first.
	 */
	String runs(List<StoredRun> runs, Map<UUID, List<StoredScore>> scores, Map<UUID, List<StoredEvent>> events) {
		List<StoredRun> sorted = new ArrayList<>(runs);
		sorted.sort(Comparator.comparing(StoredRun::startedAt).reversed());
		return page("Runs", (html) -> {
			html.raw("<h1>Runs <span class=\"count\" id=\"run-count\">").text(sorted.size()).raw("</span></h1>");
			if (sorted.isEmpty()) {
				html.raw("<div class=\"empty\" id=\"no-runs\"><p>No runs yet. Ask the agent a question:</p><pre>")
					.text("curl -s -H 'Content-Type: application/json' \\\n  -d '{\"question\": \"How do I score a run?\"}' "
							+ "\\\n  http://localhost:<port>/agent/ask")
					.raw("</pre><p>then reload this page. Traces are sent every few seconds.</p></div>");
				return;
			}
			html.raw("<table class=\"runs\" id=\"runs\"><thead><tr><th>Run</th><th>Status</th><th class=\"num\">Latency</th>"
					+ "<th class=\"num\">Tokens</th><th class=\"num\">Cost</th><th>Scores</th><th>Started (UTC)</th>"
					+ "</tr></thead><tbody>");
			for (StoredRun run : sorted) {
				ObjectNode metadata = run.metadata();
				html.raw("<tr class=\"run-row\" data-run-id=\"").text(run.id()).raw("\" data-status=\"").text(run.status())
					.raw("\"><td class=\"run-name\"><a href=\"").text(runPath(run.id())).raw("\">").text(run.name())
					.raw("</a>");
				String preview = inputPreview(events.getOrDefault(run.id(), List.of()));
				if (preview != null) {
					html.raw("<div class=\"preview\">").text(preview).raw("</div>");
				}
				html.raw("</td><td>");
				status(html, run.status());
				html.raw("</td><td class=\"num latency\">").text(latency(run)).raw("</td><td class=\"num tokens\">")
					.text(tokens(metadata)).raw("</td><td class=\"num cost\">").text(cost(metadata.get("cost_usd")))
					.raw("</td><td class=\"scores\">");
				for (StoredScore score : scores.getOrDefault(run.id(), List.of())) {
					scoreChip(html, score);
				}
				html.raw("</td><td class=\"time\">").text(TIME.format(run.startedAt())).raw("</td></tr>");
			}
			html.raw("</tbody></table>");
		});
	}

	/**
	 * Renders one run: facts, error, scores, span tree, events by type and metadata.
	 */
	String run(StoredRun run, List<StoredSpan> spans, List<StoredEvent> events, List<StoredScore> scores) {
		Map<UUID, StoredSpan> spansById = new LinkedHashMap<>();
		spans.forEach((span) -> spansById.put(span.id(), span));
		Map<UUID, List<StoredEvent>> eventsBySpan = new LinkedHashMap<>();
		List<StoredEvent> sortedEvents = new ArrayList<>(events);
		sortedEvents.sort(Comparator.comparing(StoredEvent::createdAt));
		for (StoredEvent event : sortedEvents) {
			if (event.spanId() != null) {
				eventsBySpan.computeIfAbsent(event.spanId(), (id) -> new ArrayList<>()).add(event);
			}
		}
		Timeline timeline = Timeline.of(run, spans);
		return page(run.name(), (html) -> {
			html.raw("<nav class=\"crumbs\"><a href=\"").raw(TraceViewerController.PATH)
				.raw("\" id=\"back\">&larr; All runs</a></nav>");
			html.raw("<h1 id=\"run-title\" data-run-id=\"").text(run.id()).raw("\">").text(run.name()).raw(" ");
			status(html, run.status());
			html.raw("</h1>");
			facts(html, run);
			if (run.error() != null) {
				html.raw("<div class=\"error run-error\" id=\"run-error\">");
				error(html, run.error());
				html.raw("</div>");
			}
			html.raw("<h2>Scores</h2>");
			if (scores.isEmpty()) {
				html.raw("<p class=\"muted\" id=\"no-scores\">No scores.</p>");
			}
			else {
				html.raw("<table class=\"scores-table\" id=\"scores\"><thead><tr><th>Name</th><th>Value</th><th>Type</th>"
						+ "<th>Span</th><th>Comment</th></tr></thead><tbody>");
				for (StoredScore score : scores) {
					html.raw("<tr class=\"score-row\" data-name=\"").text(score.name()).raw("\"><td>").text(score.name())
						.raw("</td><td class=\"score-value\">").text(scoreValue(score)).raw("</td><td>")
						.text(score.dataType()).raw("</td><td>")
						.text((score.spanId() != null && spansById.containsKey(score.spanId()))
								? spansById.get(score.spanId()).name() : "")
						.raw("</td><td>").text(score.comment()).raw("</td></tr>");
				}
				html.raw("</tbody></table>");
			}
			html.raw("<h2>Spans <span class=\"count\">").text(spans.size()).raw("</span></h2>");
			if (spans.isEmpty()) {
				html.raw("<p class=\"muted\">No spans.</p>");
			}
			else {
				html.raw("<ul class=\"span-tree\" id=\"span-tree\">");
				for (StoredSpan root : children(spans, spansById, null)) {
					spanNode(html, root, spans, spansById, eventsBySpan, timeline);
				}
				html.raw("</ul>");
			}
			html.raw("<h2>Events <span class=\"count\">").text(events.size()).raw("</span></h2><div id=\"events\">");
			List<String> types = new ArrayList<>(EVENT_TYPES);
			sortedEvents.stream().map(StoredEvent::type).filter((type) -> !types.contains(type)).distinct().forEach(types::add);
			for (String type : types) {
				List<StoredEvent> ofType = sortedEvents.stream().filter((event) -> event.type().equals(type)).toList();
				if (ofType.isEmpty()) {
					continue;
				}
				html.raw("<details class=\"event-group\" data-type=\"").text(type).raw("\"")
					.raw((ofType.size() <= OPEN_GROUP_SIZE) ? " open" : "")
					.raw("><summary><span class=\"etype\">")
					.text(type).raw("</span> <span class=\"count\">").text(ofType.size()).raw("</span></summary>");
				for (StoredEvent event : ofType) {
					event(html, event, spansById);
				}
				html.raw("</details>");
			}
			html.raw("</div><h2>Metadata</h2><pre class=\"json\" id=\"run-metadata\">").text(pretty(run.metadata()))
				.raw("</pre>");
		});
	}

	/**
	 * Renders the page for a run id the store does not know.
	 */
	String notFound(String id) {
		return page("Run not found", (html) -> html.raw("<nav class=\"crumbs\"><a href=\"")
			.raw(TraceViewerController.PATH)
			.raw("\">&larr; All runs</a></nav><h1>Run not found</h1><p id=\"not-found\">No run with id <code>")
			.text(id)
			.raw("</code> has been received yet. Traces are sent every few seconds: reload in a moment.</p>"));
	}

	/**
	 * Renders the page shown when the app sends to a real NorthStar instead of the local one.
	 */
	String remote() {
		return page("Local viewer off", (html) -> html.raw("<h1>The local viewer is off</h1><p id=\"remote\">")
			.raw("NorthStar credentials are configured, so this app sends its traces to NorthStar: see them on the ")
			.raw("NorthStar dashboard. Unset <code>NORTHSTAR_API_KEY</code> to use the local viewer.</p>"));
	}

	private void spanNode(Html html, StoredSpan span, List<StoredSpan> spans, Map<UUID, StoredSpan> spansById,
			Map<UUID, List<StoredEvent>> eventsBySpan, Timeline timeline) {
		ObjectNode attributes = span.attributes();
		List<StoredEvent> spanEvents = eventsBySpan.getOrDefault(span.id(), List.of());
		html.raw("<li class=\"span-node\" data-kind=\"").text(span.kind()).raw("\" data-status=\"").text(span.status())
			.raw("\" data-name=\"").text(span.name()).raw("\" data-span-id=\"").text(span.id()).raw("\">");
		html.raw("<div class=\"span-head\"><span class=\"kind kind-").text(span.kind()).raw("\">").text(span.kind())
			.raw("</span><span class=\"span-name\">").text(span.name()).raw("</span>");
		if (span.iteration() != null) {
			html.raw("<span class=\"iteration\">iteration ").text(span.iteration()).raw("</span>");
		}
		if (attributes.has("model")) {
			html.raw("<span class=\"tag\">").text(compact(attributes.get("model"))).raw("</span>");
		}
		if (attributes.has("total_tokens")) {
			html.raw("<span class=\"tag\">").text(compact(attributes.get("total_tokens"))).raw(" tokens</span>");
		}
		if (attributes.has("cost_usd")) {
			html.raw("<span class=\"tag\">").text(cost(attributes.get("cost_usd"))).raw("</span>");
		}
		status(html, span.status());
		html.raw("<span class=\"duration\">").text(duration(span.startedAt(), span.endedAt(), attributes)).raw("</span>");
		html.raw("<span class=\"bar\" title=\"").text(CLOCK.format(span.startedAt())).raw("\"><span style=\"left:")
			.raw(timeline.left(span)).raw("%;width:").raw(timeline.width(span)).raw("%\"></span></span></div>");
		if (span.error() != null) {
			html.raw("<div class=\"error span-error\">");
			error(html, span.error());
			html.raw("</div>");
		}
		html.raw("<details class=\"span-details\"><summary>").text(attributes.size()).raw(" attributes &middot; ")
			.text(spanEvents.size()).raw(" events</summary>");
		if (!attributes.isEmpty()) {
			html.raw("<table class=\"attributes\">");
			attributes.properties().forEach((entry) -> html.raw("<tr><th>").text(entry.getKey()).raw("</th><td>")
				.text(compact(entry.getValue())).raw("</td></tr>"));
			html.raw("</table>");
		}
		for (StoredEvent event : spanEvents) {
			event(html, event, spansById);
		}
		html.raw("</details>");
		List<StoredSpan> children = children(spans, spansById, span.id());
		if (!children.isEmpty()) {
			html.raw("<ul>");
			for (StoredSpan child : children) {
				spanNode(html, child, spans, spansById, eventsBySpan, timeline);
			}
			html.raw("</ul>");
		}
		html.raw("</li>");
	}

	private static List<StoredSpan> children(List<StoredSpan> spans, Map<UUID, StoredSpan> spansById,
			@Nullable UUID parentId) {
		return spans.stream()
			.filter((span) -> (parentId != null) ? parentId.equals(span.parentSpanId())
					: (span.parentSpanId() == null || !spansById.containsKey(span.parentSpanId())))
			.sorted(Comparator.comparing(StoredSpan::startedAt))
			.toList();
	}

	private static void event(Html html, StoredEvent event, Map<UUID, StoredSpan> spansById) {
		html.raw("<div class=\"event\" data-type=\"").text(event.type()).raw("\"><div class=\"event-meta\"><span class=\"etype\">")
			.text(event.type()).raw("</span> <span class=\"time\">").text(CLOCK.format(event.createdAt())).raw("</span>");
		StoredSpan span = (event.spanId() != null) ? spansById.get(event.spanId()) : null;
		html.raw(" <span class=\"on\">on ").text((span != null) ? span.kind() + " " + span.name() : "run").raw("</span>");
		event.attributes().properties().forEach((entry) -> html.raw(" <span class=\"tag\">").text(entry.getKey())
			.raw(": ").text(compact(entry.getValue())).raw("</span>"));
		html.raw("</div><pre class=\"event-content\">").text(pretty(event.content())).raw("</pre></div>");
	}

	private static void facts(Html html, StoredRun run) {
		ObjectNode metadata = run.metadata();
		html.raw("<dl class=\"facts\" id=\"run-facts\">");
		fact(html, "Run id", run.id());
		fact(html, "Session", run.sessionId());
		fact(html, "Started", TIME.format(run.startedAt()) + " UTC");
		fact(html, "Ended", (run.endedAt() != null) ? TIME.format(run.endedAt()) + " UTC" : "running");
		fact(html, "Latency", latency(run));
		fact(html, "Tokens", tokens(metadata));
		fact(html, "Cost", cost(metadata.get("cost_usd")));
		metadata.properties().forEach((entry) -> {
			if (!KNOWN_RUN_METADATA.contains(entry.getKey())) {
				fact(html, entry.getKey(), compact(entry.getValue()));
			}
		});
		html.raw("</dl>");
	}

	private static void fact(Html html, String name, Object value) {
		html.raw("<div><dt>").text(name).raw("</dt><dd>").text(value).raw("</dd></div>");
	}

	private static void error(Html html, ObjectNode error) {
		html.raw("<strong class=\"error-type\">").text(compact(error.get("type"))).raw("</strong>: <span class=\"error-message\">")
			.text(compact(error.get("message"))).raw("</span>");
		if (error.has("module")) {
			html.raw(" <span class=\"muted\">(").text(compact(error.get("module"))).raw(")</span>");
		}
	}

	private static void status(Html html, String status) {
		html.raw("<span class=\"status status-").text(status).raw("\">").text(status).raw("</span>");
	}

	private static void scoreChip(Html html, StoredScore score) {
		html.raw("<span class=\"chip\" data-name=\"").text(score.name()).raw("\">").text(score.name()).raw(" <b>")
			.text(scoreValue(score)).raw("</b></span>");
	}

	static String scoreValue(StoredScore score) {
		return switch (score.dataType()) {
			case "boolean" -> (score.value() != 0) ? "true" : "false";
			case "categorical" -> String.valueOf(score.stringValue());
			default -> BigDecimal.valueOf(score.value()).stripTrailingZeros().toPlainString();
		};
	}

	private static @Nullable String inputPreview(List<StoredEvent> events) {
		return events.stream()
			.filter((event) -> event.type().equals("user_input") && event.spanId() == null)
			.findFirst()
			.map((event) -> {
				JsonNode content = event.content();
				if (content.isObject() && content.size() == 1) {
					content = content.properties().iterator().next().getValue();
				}
				String text = compact(content);
				return (text.length() > PREVIEW_LENGTH) ? text.substring(0, PREVIEW_LENGTH) + "…" : text;
			})
			.orElse(null);
	}

	static String latency(StoredRun run) {
		JsonNode latency = run.metadata().get("latency_ms");
		if (latency != null && latency.isNumber()) {
			return millis(latency.longValue());
		}
		return (run.endedAt() != null) ? millis(Duration.between(run.startedAt(), run.endedAt()).toMillis()) : "running";
	}

	private static String duration(Instant start, @Nullable Instant end, ObjectNode attributes) {
		JsonNode latency = attributes.get("latency_ms");
		if (latency != null && latency.isNumber()) {
			return millis(latency.longValue());
		}
		return (end != null) ? millis(Duration.between(start, end).toMillis()) : "open";
	}

	static String millis(long millis) {
		if (millis < 1000) {
			return millis + " ms";
		}
		return BigDecimal.valueOf(millis).movePointLeft(3).setScale(2, RoundingMode.HALF_UP).toPlainString() + " s";
	}

	private static String tokens(ObjectNode metadata) {
		JsonNode input = metadata.get("total_input_tokens");
		JsonNode output = metadata.get("total_output_tokens");
		if (input == null && output == null) {
			return "–";
		}
		return ((input != null) ? input.asLong() : 0) + " in / " + ((output != null) ? output.asLong() : 0) + " out";
	}

	static String cost(@Nullable JsonNode cost) {
		if (cost == null || !cost.isNumber()) {
			return "–";
		}
		BigDecimal value = cost.decimalValue();
		if (value.signum() == 0) {
			return "$0";
		}
		return "$" + value.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

	private static String compact(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return "null";
		}
		return node.isString() ? node.stringValue() : node.toString();
	}

	private static String pretty(JsonNode node) {
		return node.isString() ? node.stringValue() : JSON.writeValueAsString(node);
	}

	private static String runPath(UUID id) {
		return TraceViewerController.PATH + "/runs/" + id;
	}

	private String page(String title, Consumer<Html> body) {
		Html html = new Html();
		html.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
			.text(title)
			.raw(" · NorthStar (local)</title><style>")
			.raw(Stylesheet.CSS)
			.raw("</style></head><body><header class=\"topbar\"><a class=\"brand\" href=\"")
			.raw(TraceViewerController.PATH)
			.raw("\">&#9733; NorthStar <span>local</span></a><span class=\"where\">");
		if (this.ingestUri != null) {
			html.raw("in-memory store &middot; ingest at ").text(this.ingestUri);
		}
		html.raw("</span></header><main>");
		body.accept(html);
		html.raw("</main></body></html>");
		return html.toString();
	}

	/**
	 * Places spans on the run's time axis.
	 */
	private record Timeline(Instant start, long totalNanos) {

		static Timeline of(StoredRun run, List<StoredSpan> spans) {
			Instant end = run.endedAt();
			for (StoredSpan span : spans) {
				Instant spanEnd = (span.endedAt() != null) ? span.endedAt() : span.startedAt();
				if (end == null || spanEnd.isAfter(end)) {
					end = spanEnd;
				}
			}
			long total = (end != null) ? Duration.between(run.startedAt(), end).toNanos() : 0;
			return new Timeline(run.startedAt(), Math.max(total, 1));
		}

		String left(StoredSpan span) {
			return percent(Duration.between(this.start, span.startedAt()).toNanos(), 0);
		}

		String width(StoredSpan span) {
			Instant end = (span.endedAt() != null) ? span.endedAt() : span.startedAt();
			return percent(Duration.between(span.startedAt(), end).toNanos(), 0.6);
		}

		private String percent(long nanos, double minimum) {
			double percent = Math.min(100, Math.max(minimum, 100.0 * Math.max(0, nanos) / this.totalNanos));
			return BigDecimal.valueOf(percent).setScale(2, RoundingMode.HALF_UP).toPlainString();
		}

	}

}
