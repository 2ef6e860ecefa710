package ai.northstar.local.viewer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Escaping and formatting for the viewer's pages.
 */
final class Html {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
		.withZone(ZoneOffset.UTC);

	private Html() {
	}

	/** Escapes text for an element or a quoted attribute; every other character is kept as it is. */
	static String text(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	static String url(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static String time(@Nullable Instant instant) {
		return (instant != null) ? TIME.format(instant) : "";
	}

	static String duration(@Nullable Long millis) {
		if (millis == null) {
			return "running";
		}
		if (millis < 1000) {
			return millis + " ms";
		}
		if (millis < 60_000) {
			return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
		}
		return String.format(Locale.ROOT, "%d min %d s", millis / 60_000, (millis % 60_000) / 1000);
	}

	static String cost(@Nullable Double usd) {
		if (usd == null) {
			return "";
		}
		return String.format(Locale.ROOT, (usd < 0.01) ? "$%.6f" : "$%.4f", usd);
	}

}
