package ai.northstar.sample.local;

import org.jspecify.annotations.Nullable;

/**
 * Builds HTML text, escaping every value that is not markup.
 */
final class Html {

	private final StringBuilder builder = new StringBuilder(8192);

	/**
	 * Appends markup as is.
	 */
	Html raw(String markup) {
		this.builder.append(markup);
		return this;
	}

	/**
	 * Appends text, escaped.
	 */
	Html text(@Nullable Object text) {
		this.builder.append(escape((text != null) ? text.toString() : ""));
		return this;
	}

	/**
	 * Escapes text for an element's content or a quoted attribute value.
	 */
	static String escape(String text) {
		StringBuilder escaped = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String replacement = switch (c) {
				case '&' -> "&amp;";
				case '<' -> "&lt;";
				case '>' -> "&gt;";
				case '"' -> "&quot;";
				case '\'' -> "&#39;";
				default -> null;
			};
			if (replacement != null && escaped == null) {
				escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
			}
			if (escaped != null) {
				if (replacement != null) {
					escaped.append(replacement);
				}
				else {
					escaped.append(c);
				}
			}
		}
		return (escaped != null) ? escaped.toString() : text;
	}

	@Override
	public String toString() {
		return this.builder.toString();
	}

}
