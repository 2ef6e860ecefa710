package ai.northstar.capture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Decides whether a key names a secret. Both the key and each redact term are normalized (lower-cased, with
 * {@code '_'}, {@code '-'}, {@code '.'} and spaces removed); a key matches when its normalized form equals or ends
 * with a normalized term. The key is compared from its end without building its normalized form, so a decision
 * allocates nothing, and most keys are rejected after looking at their last character. That makes a decision cache
 * unnecessary: a cache lookup would cost about as much as the comparison itself.
 * <p>
 * Immutable and thread-safe.
 */
final class RedactionMatcher {

	private final char[][] terms;

	/** The distinct last characters of the normalized terms, to reject most keys with one look-up. */
	private final String lastChars;

	RedactionMatcher(Collection<String> keys) {
		List<char[]> normalized = new ArrayList<>(keys.size());
		StringBuilder last = new StringBuilder();
		for (String key : keys) {
			String term = normalize(key);
			if (term.isEmpty()) {
				continue;
			}
			normalized.add(term.toCharArray());
			char lastChar = term.charAt(term.length() - 1);
			if (last.indexOf(String.valueOf(lastChar)) < 0) {
				last.append(lastChar);
			}
		}
		this.terms = normalized.toArray(new char[0][]);
		this.lastChars = last.toString();
	}

	/**
	 * Normalizes a key or term: lower-cases it and removes {@code '_'}, {@code '-'}, {@code '.'} and spaces.
	 * @param key the key
	 * @return its normalized form
	 */
	static String normalize(String key) {
		StringBuilder builder = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (!isSeparator(c)) {
				builder.append(Character.toLowerCase(c));
			}
		}
		return builder.toString();
	}

	/**
	 * Tells whether values under the key must be redacted.
	 * @param key the (sanitized) key
	 * @return {@code true} when the normalized key equals or ends with a normalized term
	 */
	boolean matches(String key) {
		int end = key.length() - 1;
		while (end >= 0 && isSeparator(key.charAt(end))) {
			end--;
		}
		if (end < 0) {
			return false;
		}
		char last = Character.toLowerCase(key.charAt(end));
		if (this.lastChars.indexOf(last) < 0) {
			return false;
		}
		for (char[] term : this.terms) {
			if (term[term.length - 1] == last && endsWith(key, end, term)) {
				return true;
			}
		}
		return false;
	}

	private static boolean endsWith(String key, int end, char[] term) {
		int k = end;
		for (int t = term.length - 1; t >= 0; t--) {
			while (k >= 0 && isSeparator(key.charAt(k))) {
				k--;
			}
			if (k < 0 || Character.toLowerCase(key.charAt(k)) != term[t]) {
				return false;
			}
			k--;
		}
		return true;
	}

	private static boolean isSeparator(char c) {
		return c == '_' || c == '-' || c == '.' || c == ' ';
	}

}
