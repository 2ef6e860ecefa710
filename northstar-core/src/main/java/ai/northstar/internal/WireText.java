package ai.northstar.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The two rules that make text storable by the NorthStar backend, whose Postgres {@code jsonb} refuses exactly two
 * things in a string or key, failing the whole batch: U+0000 is removed, and a lone (unpaired) UTF-16 surrogate is
 * replaced with U+FFFD. Every other character, supplementary ones (emoji) as their valid surrogate pairs included,
 * is kept exactly. Not API: subject to change without notice.
 * <p>
 * Clean text, by far the usual case, costs one pass over its characters and no copy: the methods return the very
 * same instance.
 *
 * @since 0.1.0
 */
public final class WireText {

	/** The character a lone surrogate becomes. */
	public static final char REPLACEMENT = '\uFFFD';

	/** What is appended, with a number from 2 up, to a key that would otherwise equal an earlier one. */
	public static final char DUPLICATE_KEY_SEPARATOR = '~';

	private WireText() {
	}

	/**
	 * Returns whether the text holds U+0000 or a lone surrogate, which {@link #sanitize(String)} would change.
	 * @param text the text
	 * @return {@code true} when it needs rewriting
	 */
	public static boolean needsRewrite(String text) {
		return firstToRewrite(text, 0, text.length()) >= 0;
	}

	/**
	 * Returns the index of the first character at or after {@code from} that the rules change, or {@code -1}.
	 * @param text the text
	 * @param from the first index to look at
	 * @param end the index after the last one to look at
	 * @return the index of the first U+0000 or lone surrogate, or {@code -1} when there is none
	 */
	public static int firstToRewrite(String text, int from, int end) {
		for (int i = from; i < end; i++) {
			char c = text.charAt(i);
			if (c == 0) {
				return i;
			}
			if ((c & 0xF800) == 0xD800) {
				if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
				}
				else {
					return i;
				}
			}
		}
		return -1;
	}

	/**
	 * Applies the two rules.
	 * @param text the text
	 * @return the text itself when it holds neither U+0000 nor a lone surrogate, else a copy without U+0000 and with
	 * every lone surrogate replaced by U+FFFD
	 */
	public static String sanitize(String text) {
		int first = firstToRewrite(text, 0, text.length());
		return (first < 0) ? text : rewrite(text, first, text.length());
	}

	/**
	 * Applies the two rules to a range of characters.
	 * @param chars the characters
	 * @param offset the first index
	 * @param length the number of characters
	 * @return {@code null} when the range needs no rewriting, else its sanitized text
	 */
	public static String sanitizeOrNull(char[] chars, int offset, int length) {
		int end = offset + length;
		for (int i = offset; i < end; i++) {
			char c = chars[i];
			if (c == 0 || (c & 0xF800) == 0xD800) {
				String text = new String(chars, offset, length);
				int first = firstToRewrite(text, i - offset, length);
				return (first < 0) ? null : rewrite(text, first, length);
			}
		}
		return null;
	}

	/**
	 * Rewrites a range whose first character to change is known.
	 * @param text the text
	 * @param first the index of the first U+0000 or lone surrogate
	 * @param end the index after the last character to keep
	 */
	private static String rewrite(String text, int first, int end) {
		StringBuilder builder = new StringBuilder(end);
		builder.append(text, 0, first);
		for (int i = first; i < end; i++) {
			char c = text.charAt(i);
			if (c == 0) {
				continue;
			}
			if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
				builder.append(c).append(text.charAt(++i));
			}
			else if (Character.isSurrogate(c)) {
				builder.append(REPLACEMENT);
			}
			else {
				builder.append(c);
			}
		}
		return builder.toString();
	}

	/**
	 * Returns whether the text would be blank once sanitized: made only of whitespace and U+0000. Looks no further
	 * than the first character that is neither, so a usual name costs one character.
	 * @param text the text
	 * @return {@code true} when nothing but whitespace would remain
	 */
	public static boolean isBlank(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != 0 && !Character.isWhitespace(c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Cuts text to at most {@code maxLength} characters without splitting a surrogate pair.
	 * @param text the text
	 * @param maxLength the most characters to keep
	 * @return the text itself when short enough, else its longest prefix that ends on a whole character
	 */
	public static String truncate(String text, int maxLength) {
		if (text.length() <= maxLength) {
			return text;
		}
		int end = maxLength;
		if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
			end--;
		}
		return text.substring(0, end);
	}

	/**
	 * Returns a key that no earlier key took: the key itself, else the key followed by {@code ~2}, {@code ~3}, ...
	 * (the first of them still free). Used where sanitizing made two keys of one object equal, so neither value is
	 * lost.
	 * @param key the sanitized key
	 * @param taken whether a key is already used in the object
	 * @return a free key
	 */
	public static String uniqueKey(String key, Predicate<String> taken) {
		if (!taken.test(key)) {
			return key;
		}
		for (int n = 2;; n++) {
			String candidate = key + DUPLICATE_KEY_SEPARATOR + n;
			if (!taken.test(candidate)) {
				return candidate;
			}
		}
	}

	/**
	 * Sanitizes the keys of a map, keeping its order; a key that sanitizing made equal to an earlier one gets a
	 * {@linkplain #uniqueKey suffix}, so no value is lost.
	 * @param <V> the value type
	 * @param map the map
	 * @return the map itself when every key is clean, else a new insertion-ordered map
	 */
	public static <V> Map<String, V> sanitizeKeys(Map<String, V> map) {
		boolean clean = true;
		for (String key : map.keySet()) {
			if (needsRewrite(key)) {
				clean = false;
				break;
			}
		}
		if (clean) {
			return map;
		}
		Map<String, V> result = new LinkedHashMap<>();
		for (Map.Entry<String, V> entry : map.entrySet()) {
			result.put(uniqueKey(sanitize(entry.getKey()), result::containsKey), entry.getValue());
		}
		return result;
	}

}
