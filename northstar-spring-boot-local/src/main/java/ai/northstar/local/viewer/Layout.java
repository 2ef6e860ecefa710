package ai.northstar.local.viewer;

/**
 * The frame of every page: head, styles, navigation.
 */
final class Layout {

	private Layout() {
	}

	static String page(String base, String title, String active, String body) {
		StringBuilder html = new StringBuilder(body.length() + 8192);
		html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
			.append(Html.text(title))
			.append(" · NorthStar local</title><style>")
			.append(Stylesheet.CSS)
			.append("</style></head><body><header><span class=\"brand\">★ NorthStar local</span><nav>");
		nav(html, base, "", "Runs", active);
		nav(html, base, "/overview", "Overview", active);
		nav(html, base, "/prompts", "Prompts", active);
		html.append("</nav></header><main>").append(body).append("</main>")
			.append("<script>document.querySelectorAll('.span-row').forEach(function(row){row.addEventListener('click',"
					+ "function(){var d=document.getElementById('detail-'+row.dataset.spanId);if(d){d.classList.toggle('open');}"
					+ "});});</script></body></html>");
		return html.toString();
	}

	private static void nav(StringBuilder html, String base, String path, String label, String active) {
		html.append("<a href=\"")
			.append(base)
			.append(path.isEmpty() ? "" : path)
			.append("\"")
			.append(label.equals(active) ? " class=\"active\"" : "")
			.append(">")
			.append(label)
			.append("</a>");
	}

}
