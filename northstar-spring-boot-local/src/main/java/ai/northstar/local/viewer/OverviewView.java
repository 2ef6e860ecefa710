package ai.northstar.local.viewer;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import ai.northstar.local.jdbc.Overview;

/**
 * The overview page: runs and errors over time, latency p50/p95 and cost by model, as inline SVG charts.
 */
final class OverviewView {

	private static final int WIDTH = 560;

	private static final int HEIGHT = 180;

	private OverviewView() {
	}

	static String render(String base, Overview overview, String range) {
		StringBuilder html = new StringBuilder(32 * 1024);
		html.append("<h1>Overview</h1><form class=\"filters\" method=\"get\" action=\"").append(base)
			.append("/overview\"><label>Range<select name=\"range\" onchange=\"this.form.submit()\">");
		for (String option : List.of("1h", "24h", "7d", "30d", "all")) {
			html.append("<option").append(option.equals(range) ? " selected" : "").append(">").append(option)
				.append("</option>");
		}
		html.append("</select></label></form><div class=\"card facts\" id=\"totals\">");
		fact(html, "Runs", String.valueOf(overview.runs()), "total-runs");
		fact(html, "Errors", String.valueOf(overview.errors()), "total-errors");
		fact(html, "Latency p50", Html.duration(overview.p50Ms()), "p50");
		fact(html, "Latency p95", Html.duration(overview.p95Ms()), "p95");
		fact(html, "Cost", Html.cost(overview.costUsd()), "total-cost");
		html.append("</div><div class=\"charts\">");
		html.append("<div class=\"card\"><b>Runs and errors</b>").append(runsChart(overview)).append("</div>");
		html.append("<div class=\"card\"><b>Latency p50 / p95</b>").append(latencyChart(overview)).append("</div>");
		html.append("<div class=\"card\"><b>Cost by model</b>").append(costTable(overview)).append("</div>");
		html.append("</div>");
		return html.toString();
	}

	private static String runsChart(Overview overview) {
		List<Overview.Bucket> buckets = overview.buckets();
		int max = Math.max(1, buckets.stream().mapToInt(Overview.Bucket::runs).max().orElse(1));
		StringBuilder svg = svgStart("chart-runs");
		double slot = (double) (WIDTH - 40) / buckets.size();
		for (int i = 0; i < buckets.size(); i++) {
			Overview.Bucket bucket = buckets.get(i);
			double x = 36 + i * slot;
			double height = (HEIGHT - 30) * bucket.runs() / (double) max;
			double errors = (HEIGHT - 30) * bucket.errors() / (double) max;
			svg.append(String.format(Locale.ROOT,
					"<rect class=\"runs-bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
							+ "fill=\"#3555d1\"><title>%s: %d runs, %d errors</title></rect>",
					x, HEIGHT - 20 - height, Math.max(1, slot - 2), height, label(bucket, overview.bucket()), bucket.runs(),
					bucket.errors()));
			if (bucket.errors() > 0) {
				svg.append(String.format(Locale.ROOT,
						"<rect class=\"errors-bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c62f3b\"/>",
						x, HEIGHT - 20 - errors, Math.max(1, slot - 2), errors));
			}
		}
		axis(svg, overview, String.valueOf(max));
		return svg.append("</svg>").toString();
	}

	private static String latencyChart(Overview overview) {
		List<Overview.Bucket> buckets = overview.buckets();
		long max = Math.max(1, buckets.stream()
			.mapToLong((bucket) -> (bucket.p95Ms() != null) ? bucket.p95Ms() : 0)
			.max()
			.orElse(1));
		StringBuilder svg = svgStart("chart-latency");
		double slot = (double) (WIDTH - 40) / buckets.size();
		StringBuilder p50 = new StringBuilder();
		StringBuilder p95 = new StringBuilder();
		StringBuilder points = new StringBuilder();
		for (int i = 0; i < buckets.size(); i++) {
			Overview.Bucket bucket = buckets.get(i);
			double x = 36 + i * slot + slot / 2;
			if (bucket.p50Ms() != null) {
				double y = HEIGHT - 20 - (HEIGHT - 30) * bucket.p50Ms() / (double) max;
				p50.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
				points.append(String.format(Locale.ROOT,
						"<circle class=\"p50-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1f8a4c\"><title>%s p50 %s</title></circle>",
						x, y, label(bucket, overview.bucket()), Html.duration(bucket.p50Ms())));
			}
			if (bucket.p95Ms() != null) {
				double y = HEIGHT - 20 - (HEIGHT - 30) * bucket.p95Ms() / (double) max;
				p95.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
				points.append(String.format(Locale.ROOT,
						"<circle class=\"p95-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#c62f3b\"><title>%s p95 %s</title></circle>",
						x, y, label(bucket, overview.bucket()), Html.duration(bucket.p95Ms())));
			}
		}
		svg.append("<polyline class=\"p95\" fill=\"none\" stroke=\"#c62f3b\" stroke-width=\"2\" points=\"")
			.append(p95.toString().trim()).append("\"/>");
		svg.append("<polyline class=\"p50\" fill=\"none\" stroke=\"#1f8a4c\" stroke-width=\"2\" points=\"")
			.append(p50.toString().trim()).append("\"/>");
		svg.append(points);
		svg.append("<text x=\"").append(WIDTH - 150).append("\" y=\"12\" style=\"fill:#1f8a4c\">● p50</text><text x=\"")
			.append(WIDTH - 100).append("\" y=\"12\" style=\"fill:#c62f3b\">● p95</text>");
		axis(svg, overview, Html.duration(max));
		return svg.append("</svg>").toString();
	}

	private static String costTable(Overview overview) {
		if (overview.models().isEmpty()) {
			return "<div class=\"empty\">No model spans in this range.</div>";
		}
		double max = Math.max(1e-12, overview.models().stream().mapToDouble(Overview.ModelCost::costUsd).max().orElse(1));
		StringBuilder html = new StringBuilder("<table id=\"cost-by-model\"><thead><tr><th>Model</th><th>Calls</th>"
				+ "<th>Tokens</th><th>Cost</th><th></th></tr></thead><tbody>");
		for (Overview.ModelCost model : overview.models()) {
			html.append("<tr class=\"model-row\" data-model=\"").append(Html.text(model.model())).append("\"><td>")
				.append(Html.text(model.model())).append("</td><td>").append(model.calls()).append("</td><td>")
				.append(model.tokens()).append("</td><td class=\"model-cost\">").append(Html.cost(model.costUsd()))
				.append("</td><td style=\"width:40%\"><svg width=\"100%\" height=\"12\" viewBox=\"0 0 100 12\" ")
				.append("preserveAspectRatio=\"none\"><rect width=\"")
				.append(String.format(Locale.ROOT, "%.2f", 100 * model.costUsd() / max))
				.append("\" height=\"12\" fill=\"#7c4dcc\"/></svg></td></tr>");
		}
		return html.append("</tbody></table>").toString();
	}

	private static StringBuilder svgStart(String id) {
		return new StringBuilder("<svg id=\"").append(id).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
			.append(HEIGHT).append("\" width=\"100%\" role=\"img\">");
	}

	private static void axis(StringBuilder svg, Overview overview, String max) {
		svg.append("<line x1=\"34\" y1=\"").append(HEIGHT - 20).append("\" x2=\"").append(WIDTH).append("\" y2=\"")
			.append(HEIGHT - 20).append("\" stroke=\"#dde2ea\"/><text x=\"0\" y=\"14\">").append(Html.text(max))
			.append("</text><text x=\"36\" y=\"").append(HEIGHT - 4).append("\">")
			.append(Html.text(format(overview.from(), overview.bucket()))).append("</text><text x=\"")
			.append(WIDTH - 110).append("\" y=\"").append(HEIGHT - 4).append("\">")
			.append(Html.text(format(overview.to(), overview.bucket()))).append("</text>");
	}

	private static String label(Overview.Bucket bucket, Duration width) {
		return format(bucket.start(), width);
	}

	private static String format(java.time.Instant instant, Duration width) {
		String pattern = (width.compareTo(Duration.ofHours(1)) >= 0) ? "yyyy-MM-dd HH:mm" : "MM-dd HH:mm:ss";
		return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(instant);
	}

	private static void fact(StringBuilder html, String label, String value, String id) {
		html.append("<div id=\"").append(id).append("\"><span>").append(label).append("</span><b>")
			.append(Html.text(value)).append("</b></div>");
	}

}
