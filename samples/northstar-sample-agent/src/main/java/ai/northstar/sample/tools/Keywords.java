package ai.northstar.sample.tools;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keywords of a text: lower-cased words of three or more letters or digits, without common English words and
 * with a plural {@code s} removed. Shared by the search tool, the fake model and the relevance score, so that all
 * three agree.
 *
 * @since 0.1.0
 */
public final class Keywords {

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "are", "was", "were", "what", "which",
			"who", "whom", "how", "why", "when", "where", "does", "did", "can", "could", "should", "would", "will",
			"with", "about", "from", "into", "that", "this", "these", "those", "there", "their", "them", "they", "you",
			"your", "our", "its", "has", "have", "had", "not", "but", "all", "any", "say", "says", "tell", "use",
			"using", "via", "per", "than", "then", "also", "such", "each", "every", "one", "is", "do", "of");

	private Keywords() {
	}

	/**
	 * Returns the distinct keywords of a text, in order of first appearance.
	 * @param text the text
	 * @return the keywords
	 */
	public static Set<String> of(String text) {
		return new LinkedHashSet<>(terms(text));
	}

	/**
	 * Returns every keyword occurrence of a text, in order.
	 * @param text the text
	 * @return the keywords, with repetitions
	 */
	public static List<String> terms(String text) {
		List<String> terms = new ArrayList<>();
		Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			String word = matcher.group();
			if (word.length() >= 3 && !STOP_WORDS.contains(word)) {
				terms.add(stem(word));
			}
		}
		return terms;
	}

	private static String stem(String word) {
		if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
			return word.substring(0, word.length() - 1);
		}
		return word;
	}

}
