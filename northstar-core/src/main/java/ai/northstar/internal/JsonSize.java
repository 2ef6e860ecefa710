package ai.northstar.internal;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Estimates the size of a tree's JSON text without writing it: strings and keys exactly (UTF-8 and escapes),
 * numbers by their text, the rest by its syntax. Not API: subject to change without notice.
 *
 * @since 0.1.0
 */
public final class JsonSize {

	private JsonSize() {
	}

	/**
	 * Returns the size of a tree's JSON text, in bytes.
	 * @param node the tree
	 * @return its size, never less than the real one for trees the capture builds
	 */
	public static long of(JsonNode node) {
		return switch (node.getNodeType()) {
			case STRING -> of(node.stringValue()) + 2;
			case NUMBER -> node.asString().length() + 1;
			case BOOLEAN -> node.booleanValue() ? 4 : 5;
			case OBJECT -> {
				long size = 2;
				for (Map.Entry<String, JsonNode> entry : node.properties()) {
					size += of(entry.getKey()) + 4 + of(entry.getValue());
				}
				yield size;
			}
			case ARRAY -> {
				long size = 2;
				for (JsonNode element : node.values()) {
					size += of(element) + 1;
				}
				yield size;
			}
			default -> 4;
		};
	}

	/**
	 * Returns the size of a string's characters inside a JSON string, in bytes.
	 * @param text the text
	 * @return its UTF-8 size with escapes, without the quotes
	 */
	public static long of(String text) {
		long size = 0;
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c < 0x20) {
				size += 6;
			}
			else if (c == '"' || c == '\\') {
				size += 2;
			}
			else if (c < 0x80) {
				size++;
			}
			else if (c < 0x800 || Character.isSurrogate(c)) {
				// A pair is 4 bytes, 2 per half; a lone half becomes U+FFFD, 3 bytes: count 3 to be safe.
				size += (c < 0x800) ? 2 : 3;
			}
			else {
				size += 3;
			}
		}
		return size;
	}

}
