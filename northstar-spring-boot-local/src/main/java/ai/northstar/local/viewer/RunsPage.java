package ai.northstar.local.viewer;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import ai.northstar.local.StoredScore;
import ai.northstar.local.jdbc.RunPage;
import ai.northstar.local.jdbc.RunQuery;
import ai.northstar.local.jdbc.RunSummary;
import org.jspecify.annotations.Nullable;

/**
 * The runs list: filters, sortable columns and pages.
 */
final class RunsPage {

	private RunsPage() {
	}

	/** Reads the query of the list from request parameters; an invalid value is ignored. */
	static RunQuery query(Map<String, String> params) {
		RunQuery.Sort sort = RunQuery.Sort.STARTED;
		try {
			String value = params.get("sort");
			if (value != null) {
				sort = RunQuery.Sort.valueOf(value.toUpperCase(Locale.ROOT));
			}
		}
		catch (IllegalArgumentException ex) {
			// the default order
		}
		return new RunQuery(exact(params.get("name")), status(params.get("status")), uuid(params.get("session")),
				instant(params.get("from")), instant(params.get("to")), blank(params.get("q")), sort,
				!"asc".equals(params.get("dir")), Math.max(0, integer(params.get("page"), 1) - 1),
				Math.max(1, Math.min(RunQuery.MAX_PAGE_SIZE, integer(params.get("size"), RunQuery.DEFAULT_PAGE_SIZE))));
	}

	static String render(String base, RunPage page, List<String> names, Map<String, String> params) {
		RunQuery query = page.query();
		StringBuilder html = new StringBuilder(64 * 1024);
		html.append("<h1>Runs <span class=\"muted\" id=\"run-count\">")
			.append(page.total())
			.append(page.total() == 1 ? " run" : " runs")
			.append("</span></h1>");
		html.append("<form class=\"filters\" id=\"filters\" method=\"get\" action=\"").append(base).append("\">");
		html.append("<label>Name<select name=\"name\"><option value=\"\">any</option>");
		for (String name : names) {
			html.append("<option value=\"")
				.append(Html.text(name))
				.append("\"")
				.append(name.equals(query.name()) ? " selected" : "")
				.append(">")
				.append(Html.text(name))
				.append("</option>");
		}
		html.append("</select></label><label>Status<select name=\"status\"><option value=\"\">any</option>");
		for (String status : List.of("ok", "error", "running")) {
			html.append("<option")
				.append(status.equals(query.status()) ? " selected" : "")
				.append(">")
				.append(status)
				.append("</option>");
		}
		html.append("</select></label>");
		input(html, "Session", "session", (query.sessionId() != null) ? query.sessionId().toString() : "", "text");
		input(html, "From (UTC)", "from", local(query.from()), "datetime-local");
		input(html, "To (UTC)", "to", local(query.to()), "datetime-local");
		input(html, "Text in input or output", "q", (query.text() != null) ? query.text() : "", "search");
		html.append("<button type=\"submit\" id=\"apply\">Filter</button> <a class=\"muted\" href=\"")
			.append(base)
			.append("\">clear</a></form>");
		if (page.runs().isEmpty()) {
			html.append("<div class=\"empty\">No runs")
				.append(params.isEmpty() ? " yet: traced methods of the application show up here." : " match.")
				.append("</div>");
			return html.toString();
		}
		html.append("<table id=\"runs\"><thead><tr>");
		header(html, base, params, "Name", RunQuery.Sort.NAME, query);
		header(html, base, params, "Status", RunQuery.Sort.STATUS, query);
		html.append("<th>Input</th><th>Output</th>");
		header(html, base, params, "Duration", RunQuery.Sort.DURATION, query);
		header(html, base, params, "Tokens", RunQuery.Sort.TOKENS, query);
		header(html, base, params, "Cost", RunQuery.Sort.COST, query);
		html.append("<th>Scores</th>");
		header(html, base, params, "Started", RunQuery.Sort.STARTED, query);
		html.append("<th>Session</th></tr></thead><tbody>");
		for (RunSummary run : page.runs()) {
			html.append("<tr class=\"run-row\" data-run-id=\"")
				.append(run.id())
				.append("\" data-status=\"")
				.append(Html.text(run.status()))
				.append("\"><td class=\"run-name\"><a href=\"")
				.append(base)
				.append("/runs/")
				.append(run.id())
				.append("\">")
				.append(Html.text(run.name()))
				.append("</a></td><td><span class=\"status status-")
				.append(Html.text(run.status()))
				.append("\">")
				.append(Html.text(run.status()))
				.append("</span></td><td class=\"preview input\" title=\"")
				.append(Html.text(run.input()))
				.append("\">")
				.append(Html.text(run.input()))
				.append("</td><td class=\"preview output\" title=\"")
				.append(Html.text(run.output()))
				.append("\">")
				.append(Html.text(run.output()))
				.append("</td><td class=\"duration\">")
				.append(Html.duration(run.durationMs()))
				.append("</td><td class=\"tokens\">")
				.append((run.totalTokens() != null) ? run.totalTokens() : "")
				.append("</td><td class=\"cost\">")
				.append(Html.cost(run.costUsd()))
				.append("</td><td class=\"scores\">");
			for (StoredScore score : run.scores()) {
				html.append("<span class=\"chip\">").append(Html.text(score.name() + " " + scoreValue(score))).append("</span>");
			}
			html.append("</td><td class=\"started mono\">")
				.append(Html.time(run.startedAt()))
				.append("</td><td><a class=\"mono\" href=\"")
				.append(base)
				.append("/sessions/")
				.append(run.sessionId())
				.append("\">")
				.append(run.sessionId().toString(), 0, 8)
				.append("</a></td></tr>");
		}
		html.append("</tbody></table><div class=\"pager\" id=\"pager\">");
		int current = query.page() + 1;
		if (current > 1) {
			html.append("<a id=\"previous\" href=\"").append(link(base, params, "page", String.valueOf(current - 1)))
				.append("\">← previous</a>");
		}
		html.append("<span class=\"muted\">page ").append(current).append(" of ").append(page.pages()).append("</span>");
		if (current < page.pages()) {
			html.append("<a id=\"next\" href=\"").append(link(base, params, "page", String.valueOf(current + 1)))
				.append("\">next →</a>");
		}
		html.append("</div>");
		return html.toString();
	}

	static String scoreValue(StoredScore score) {
		return switch (score.dataType()) {
			case "boolean" -> (score.value() == 1) ? "true" : "false";
			case "categorical" -> (score.stringValue() != null) ? score.stringValue() : "";
			default -> (score.value() == Math.rint(score.value()) && Math.abs(score.value()) < 1e15)
					? String.valueOf((long) score.value()) : String.valueOf(score.value());
		};
	}

	private static void header(StringBuilder html, String base, Map<String, String> params, String label,
			RunQuery.Sort sort, RunQuery query) {
		boolean active = query.sort() == sort;
		String dir = (active && query.descending()) ? "asc" : "desc";
		Map<String, String> next = new LinkedHashMap<>(params);
		next.put("sort", sort.name().toLowerCase(Locale.ROOT));
		next.put("dir", dir);
		next.remove("page");
		html.append("<th><a data-sort=\"")
			.append(sort.name().toLowerCase(Locale.ROOT))
			.append("\" href=\"")
			.append(link(base, next))
			.append("\">")
			.append(label)
			.append(active ? (query.descending() ? " ▼" : " ▲") : "")
			.append("</a></th>");
	}

	private static void input(StringBuilder html, String label, String name, String value, String type) {
		html.append("<label>")
			.append(label)
			.append("<input type=\"")
			.append(type)
			.append("\" name=\"")
			.append(name)
			.append("\" value=\"")
			.append(Html.text(value))
			.append("\"></label>");
	}

	static String link(String base, Map<String, String> params, String key, String value) {
		Map<String, String> next = new LinkedHashMap<>(params);
		next.put(key, value);
		return link(base, next);
	}

	static String link(String base, Map<String, String> params) {
		StringBuilder link = new StringBuilder(base);
		String separator = "?";
		for (Map.Entry<String, String> param : params.entrySet()) {
			if (param.getValue() == null || param.getValue().isEmpty()) {
				continue;
			}
			link.append(separator).append(Html.url(param.getKey())).append('=').append(Html.url(param.getValue()));
			separator = "&";
		}
		return Html.text(link.toString());
	}

	private static String local(@Nullable Instant instant) {
		return (instant != null) ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString() : "";
	}

	/** A name as chosen in the list, spaces included: names are compared exactly. */
	private static @Nullable String exact(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static @Nullable String status(@Nullable String value) {
		return (value != null && List.of("ok", "error", "running").contains(value)) ? value : null;
	}

	private static @Nullable UUID uuid(@Nullable String value) {
		try {
			return (value != null && !value.isBlank()) ? UUID.fromString(value.trim()) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static @Nullable Instant instant(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException again) {
				return null;
			}
		}
	}

	private static int integer(@Nullable String value, int fallback) {
		try {
			return (value != null) ? Integer.parseInt(value.trim()) : fallback;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

}
