package ai.northstar.evals.grader;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text rules of the Python SDK's graders: whitespace splitting and lower-casing as Python's {@code str} does them,
 * and the meaningful terms of a text.
 */
final class Texts {

	private static final Pattern WHITESPACE = Pattern.compile("[\\s\\x1c-\\x1f]+", Pattern.UNICODE_CHARACTER_CLASS);

	private static final String PUNCTUATION = ".,:;!?()[]{}\"'";

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "for", "from", "in",
			"is", "it", "of", "on", "or", "so", "the", "to", "with");

	private Texts() {
	}

	static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

	static List<String> split(String text) {
		List<String> tokens = new ArrayList<>();
		for (String token : WHITESPACE.split(text.strip())) {
			if (!token.isEmpty()) {
				tokens.add(token);
			}
		}
		return tokens;
	}

	/** Lower-cased with runs of whitespace made one space, as {@code " ".join(value.lower().split())}. */
	static String normalize(String text) {
		return String.join(" ", split(lower(text)));
	}

	/** The distinct words longer than two characters that are not stop words, punctuation stripped at both ends. */
	static Set<String> meaningfulTerms(String text) {
		Set<String> terms = new LinkedHashSet<>();
		for (String token : split(text)) {
			String term = lower(strip(token));
			if (term.codePointCount(0, term.length()) > 2 && !STOP_WORDS.contains(term)) {
				terms.add(term);
			}
		}
		return terms;
	}

	private static String strip(String token) {
		int start = 0;
		int end = token.length();
		while (start < end && PUNCTUATION.indexOf(token.charAt(start)) >= 0) {
			start++;
		}
		while (end > start && PUNCTUATION.indexOf(token.charAt(end - 1)) >= 0) {
			end--;
		}
		return token.substring(start, end);
	}

}
