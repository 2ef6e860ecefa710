package ai.northstar.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of a prompt template, as the Python SDK and the dashboard read them: {@code {{ name }}} (blanks
 * inside the braces allowed) and {@code {name}} (a single pair of braces, not part of a double one), where a name is
 * a letter or {@code _} followed by letters, digits or {@code _}.
 * <p>
 * Both styles are replaced in one pass over the template, so a value that itself contains {@code {name}} is inserted
 * as it is, never expanded again.
 */
final class PromptTemplate {

	private static final String NAME = "[a-zA-Z_][a-zA-Z0-9_]*";

	/** Group 1: the name of a {@code {{ name }}}; group 2: the name of a {@code {name}}. */
	private static final Pattern PLACEHOLDER = Pattern
		.compile("\\{\\{\\s*(" + NAME + ")\\s*}}|(?<!\\{)\\{(" + NAME + ")}(?!})");

	private PromptTemplate() {
	}

	/**
	 * Returns the names of the placeholders of a template, sorted.
	 * @param template the template text
	 * @return the names, each once
	 */
	static List<String> placeholders(String template) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = PLACEHOLDER.matcher(template);
		while (matcher.find()) {
			names.add(name(matcher));
		}
		return new ArrayList<>(names);
	}

	/**
	 * Replaces every placeholder with its value, as {@link String#valueOf(Object)} writes it.
	 * @param template the template text
	 * @param values the values by name; entries no placeholder uses are ignored
	 * @return the text
	 * @throws IllegalArgumentException when a placeholder has no value, naming every missing one in order
	 */
	static String render(String template, Map<String, ?> values) {
		List<String> missing = new ArrayList<>();
		for (String name : placeholders(template)) {
			if (!values.containsKey(name)) {
				missing.add(name);
			}
		}
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException("Missing prompt variables: " + String.join(", ", missing));
		}
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder text = new StringBuilder(template.length() + 64);
		while (matcher.find()) {
			matcher.appendReplacement(text, Matcher.quoteReplacement(String.valueOf(values.get(name(matcher)))));
		}
		matcher.appendTail(text);
		return text.toString();
	}

	private static String name(Matcher matcher) {
		String jinja = matcher.group(1);
		return (jinja != null) ? jinja : matcher.group(2);
	}

}
