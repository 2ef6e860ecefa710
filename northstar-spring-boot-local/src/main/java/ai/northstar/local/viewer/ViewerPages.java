package ai.northstar.local.viewer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ai.northstar.local.PromptVersion;
import ai.northstar.local.jdbc.JdbcStore;
import ai.northstar.local.jdbc.RunSummary;
import ai.northstar.local.jdbc.TraceQueries;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local trace viewer, server-rendered and apart from any web framework: given a path under {@value #PATH} and
 * the query parameters it returns the page, which the application's Spring MVC or WebFlux server, or the local
 * NorthStar's own HTTP server, sends as it is.
 * <ul>
 * <li>{@value #PATH}: the runs list, with filters ({@code name}, {@code status}, {@code session}, {@code from},
 * {@code to}, {@code q} for text in the input or output), sorting ({@code sort}, {@code dir}) and pages
 * ({@code page}, {@code size});</li>
 * <li>{@value #PATH}{@code /runs/{id}}: a run; {@code /runs/{id}/batch.json}: the run as one ingest batch;</li>
 * <li>{@value #PATH}{@code /sessions/{id}}, {@value #PATH}{@code /prompts}, {@value #PATH}{@code /overview}.</li>
 * </ul>
 * Without a store (the application sends to a real NorthStar) every page says so.
 *
 * @since 0.1.0
 */
public final class ViewerPages {

	/** The path of the viewer. */
	public static final String PATH = "/northstar";

	private static final Logger logger = LoggerFactory.getLogger(ViewerPages.class);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final @Nullable JdbcStore store;

	/**
	 * Creates the viewer of a store.
	 * @param store the store, or {@code null} when the local NorthStar is off
	 */
	public ViewerPages(@Nullable JdbcStore store) {
		this.store = store;
	}

	/**
	 * Answers a request for the viewer.
	 * @param path the request path, starting with {@value #PATH}
	 * @param params the query parameters (the first value of each)
	 * @return the page or download
	 */
	public ViewerResponse handle(String path, Map<String, String> params) {
		String rest = path.startsWith(PATH) ? path.substring(PATH.length()) : path;
		if (rest.endsWith("/") && rest.length() > 0) {
			rest = rest.substring(0, rest.length() - 1);
		}
		if (this.store == null) {
			return ViewerResponse.html(404, Layout.page(PATH, "Off", "", "<h1>The local NorthStar is off</h1>"
					+ "<div class=\"empty\" id=\"remote\">This application sends its traces to the NorthStar configured "
					+ "with <span class=\"mono\">northstar.api-key</span>: open them on its dashboard. Set "
					+ "<span class=\"mono\">northstar.local.enabled=true</span> to keep a local copy.</div>"));
		}
		try {
			return route(this.store.queries(), rest, params);
		}
		catch (RuntimeException ex) {
			logger.warn("The local NorthStar viewer could not render {}: {}", path, ex.getMessage());
			logger.debug("Viewer failure", ex);
			return ViewerResponse.html(500, Layout.page(PATH, "Error", "",
					"<h1>Something went wrong</h1><div class=\"error-box\">" + Html.text(ex.getMessage()) + "</div>"));
		}
	}

	private ViewerResponse route(TraceQueries queries, String rest, Map<String, String> params) {
		if (rest.isEmpty()) {
			return ViewerResponse.html(200, Layout.page(PATH, "Runs", "Runs",
					RunsPage.render(PATH, queries.runs(RunsPage.query(params)), queries.runNames(), params)));
		}
		if (rest.equals("/overview")) {
			String range = params.getOrDefault("range", "all");
			Instant now = Instant.now();
			Instant from = switch (range) {
				case "1h" -> now.minus(Duration.ofHours(1));
				case "24h" -> now.minus(Duration.ofHours(24));
				case "7d" -> now.minus(Duration.ofDays(7));
				case "30d" -> now.minus(Duration.ofDays(30));
				default -> null;
			};
			Instant to = (from != null) ? now : null;
			return ViewerResponse.html(200, Layout.page(PATH, "Overview", "Overview",
					OverviewView.render(PATH, queries.overview(from, (to != null) ? to : now.plusMillis(1), 24), range)));
		}
		if (rest.equals("/prompts")) {
			return ViewerResponse.html(200, Layout.page(PATH, "Prompts", "Prompts", prompts()));
		}
		String[] parts = rest.substring(1).split("/");
		if (parts.length >= 2 && parts[0].equals("runs")) {
			Optional<UUID> id = uuid(parts[1]);
			if (parts.length == 3 && parts[2].equals("batch.json")) {
				return id.flatMap(queries::exportRun)
					.map((batch) -> new ViewerResponse(200, "application/json",
							Map.of("Content-Disposition", "attachment; filename=\"run-" + id.get() + ".json\""),
							MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(batch).getBytes(StandardCharsets.UTF_8)))
					.orElseGet(() -> notFound("run " + parts[1]));
			}
			if (parts.length == 2) {
				return id.flatMap(queries::run)
					.map((detail) -> ViewerResponse.html(200,
							Layout.page(PATH, detail.run().name(), "Runs", RunView.render(PATH, detail))))
					.orElseGet(() -> notFound("run " + parts[1]));
			}
		}
		if (parts.length == 2 && parts[0].equals("sessions")) {
			return uuid(parts[1]).flatMap(queries::session)
				.map((session) -> ViewerResponse.html(200, Layout.page(PATH, "Session", "Runs", session(session))))
				.orElseGet(() -> notFound("session " + parts[1]));
		}
		return notFound(rest);
	}

	private static String session(TraceQueries.SessionDetail detail) {
		StringBuilder html = new StringBuilder();
		html.append("<h1 id=\"session-title\">Session <span class=\"mono\">").append(detail.session().id())
			.append("</span></h1><div class=\"card facts\"><div><span>Created</span>")
			.append(Html.time(detail.session().createdAt())).append("</div><div><span>Ended</span>")
			.append(Html.time(detail.session().endedAt())).append("</div><div><span>Runs</span>")
			.append(detail.runs().size()).append("</div></div><h2>Metadata</h2><pre>")
			.append(Html.text(RunView.pretty(detail.session().metadata()))).append("</pre><h2>Runs</h2>")
			.append("<table id=\"session-runs\"><thead><tr><th>Name</th><th>Status</th><th>Input</th><th>Duration</th>")
			.append("<th>Cost</th><th>Started</th></tr></thead><tbody>");
		for (RunSummary run : detail.runs()) {
			html.append("<tr class=\"run-row\" data-run-id=\"").append(run.id()).append("\"><td><a href=\"").append(PATH)
				.append("/runs/").append(run.id()).append("\">").append(Html.text(run.name()))
				.append("</a></td><td><span class=\"status status-").append(Html.text(run.status())).append("\">")
				.append(Html.text(run.status())).append("</span></td><td class=\"preview\">").append(Html.text(run.input()))
				.append("</td><td>").append(Html.duration(run.durationMs())).append("</td><td>")
				.append(Html.cost(run.costUsd())).append("</td><td class=\"mono\">").append(Html.time(run.startedAt()))
				.append("</td></tr>");
		}
		return html.append("</tbody></table>").toString();
	}

	private String prompts() {
		List<PromptVersion> versions = this.store.prompts().versions();
		StringBuilder html = new StringBuilder("<h1>Prompts</h1>");
		if (versions.isEmpty()) {
			return html.append("<div class=\"empty\">No prompts defined: list JSON files in "
					+ "<span class=\"mono\">northstar.local.prompts</span>.</div>").toString();
		}
		Map<String, List<PromptVersion>> byPrompt = new LinkedHashMap<>();
		versions.forEach((version) -> byPrompt.computeIfAbsent(version.name(), (name) -> new java.util.ArrayList<>())
			.add(version));
		for (Map.Entry<String, List<PromptVersion>> prompt : byPrompt.entrySet()) {
			html.append("<div class=\"card prompt\" data-slug=\"").append(Html.text(prompt.getValue().get(0).slug()))
				.append("\"><h2>").append(Html.text(prompt.getKey())).append(" <span class=\"muted mono\">")
				.append(Html.text(prompt.getValue().get(0).slug())).append("</span></h2>");
			for (PromptVersion version : prompt.getValue()) {
				html.append("<div class=\"prompt-version\" id=\"prompt-").append(version.id()).append("\"><b>v")
					.append(version.versionNumber()).append("</b> ");
				version.labels().forEach(
						(label) -> html.append("<span class=\"chip\">").append(Html.text(label)).append("</span>"));
				html.append(" <span class=\"muted\">").append(Html.text((version.model() != null) ? version.model() : ""))
					.append((version.temperature() != null) ? " · temperature " + version.temperature() : "")
					.append((version.maxTokens() != null) ? " · max_tokens " + version.maxTokens() : "")
					.append(" · variables ").append(Html.text(version.variables().toString()))
					.append("</span><pre>").append(Html.text(version.content())).append("</pre></div>");
			}
			html.append("</div>");
		}
		return html.toString();
	}

	private static ViewerResponse notFound(String what) {
		return ViewerResponse.html(404, Layout.page(PATH, "Not found", "",
				"<h1>Not found</h1><div class=\"empty\">No " + Html.text(what) + " is stored.</div>"));
	}

	private static Optional<UUID> uuid(String text) {
		try {
			return Optional.of(UUID.fromString(text));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
