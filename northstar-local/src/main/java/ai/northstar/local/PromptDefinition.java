package ai.northstar.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One version of a prompt, as defined in code or in a file for a local NorthStar (see {@link PromptRegistry}).
 * Immutable and checked when built, with the rules of the backend's {@code prompt_versions} table: a non-blank name,
 * a version {@code >= 1}, content of at most {@value #MAX_CONTENT_LENGTH} characters, a temperature from 0 to 2 and
 * a positive {@code max_tokens} when set, non-blank labels.
 * <p>
 * Example: <pre>{@code
 * PromptDefinition definition = PromptDefinition.builder("support-answer", "Answer {{ question }} politely.")
 *     .version(2)
 *     .labels("prod")
 *     .model("gpt-4o")
 *     .temperature(0.2)
 *     .build();
 * }</pre>
 * The ids are derived from the slug and the version number ({@link #promptId()}, {@link #versionId()}), so a prompt
 * defined again at the next start, or in another process, has the same ids and the prompt links recorded against it
 * stay valid.
 *
 * @param name the prompt name
 * @param slug the slug the SDK resolves it by (a prompt also resolves by its name, case-insensitively)
 * @param version the version number
 * @param labels the labels that point at this version (a label points at one version of a prompt)
 * @param content the template text
 * @param model the model, or {@code null}
 * @param temperature the temperature, or {@code null}
 * @param maxTokens the most tokens to generate, or {@code null}
 * @param variables the variables: names or objects {@code {name, type, required, default}}
 * @since 0.1.0
 */
public record PromptDefinition(String name, String slug, int version, List<String> labels, String content,
		@Nullable String model, @Nullable Double temperature, @Nullable Integer maxTokens, ArrayNode variables) {

	/** The longest template text the backend stores. */
	public static final int MAX_CONTENT_LENGTH = 65_536;

	private static final Pattern JINJA_PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");

	private static final Pattern PYTHON_PLACEHOLDER = Pattern.compile("(?<!\\{)\\{([a-zA-Z_][a-zA-Z0-9_]*)}(?!})");

	/**
	 * Creates an instance, checking every value and copying the mutable ones.
	 * @param name the prompt name
	 * @param slug the slug
	 * @param version the version number
	 * @param labels the labels
	 * @param content the template text
	 * @param model the model, or {@code null}
	 * @param temperature the temperature, or {@code null}
	 * @param maxTokens the most tokens to generate, or {@code null}
	 * @param variables the variables
	 * @throws IllegalArgumentException when a value breaks a rule
	 */
	public PromptDefinition {
		requireText("name", name);
		requireText("slug", slug);
		if (version < 1) {
			throw new IllegalArgumentException("version must be >= 1, was " + version);
		}
		Objects.requireNonNull(labels, "labels must not be null");
		Set<String> distinct = new LinkedHashSet<>();
		for (String label : labels) {
			requireText("label", label);
			distinct.add(label.trim());
		}
		labels = List.copyOf(distinct);
		Objects.requireNonNull(content, "content must not be null");
		if (content.length() > MAX_CONTENT_LENGTH) {
			throw new IllegalArgumentException(
					"content must be at most " + MAX_CONTENT_LENGTH + " characters, was " + content.length());
		}
		if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
			throw new IllegalArgumentException("temperature must be between 0 and 2, was " + temperature);
		}
		if (maxTokens != null && maxTokens <= 0) {
			throw new IllegalArgumentException("maxTokens must be > 0, was " + maxTokens);
		}
		Objects.requireNonNull(variables, "variables must not be null");
		for (JsonNode variable : variables) {
			if (!variable.isString() && !(variable.isObject() && variable.path("name").isString())) {
				throw new IllegalArgumentException(
						"variables must hold names or objects with a name, was " + variable);
			}
		}
		variables = variables.deepCopy();
	}

	/**
	 * Returns a builder for a prompt version; the slug defaults to {@link #slugOf(String) one derived from the name},
	 * the version to 1, the labels to none and the variables to the placeholders found in the content.
	 * @param name the prompt name
	 * @param content the template text
	 * @return a new builder
	 */
	public static Builder builder(String name, String content) {
		return new Builder(name, content);
	}

	/**
	 * Returns the slug derived from a name: lower case, each run of characters other than letters and digits made
	 * one {@code -}, none at either end.
	 * @param name the name
	 * @return the slug, or the trimmed name when it has no letter or digit
	 */
	public static String slugOf(String name) {
		String slug = name.trim()
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^\\p{L}\\p{N}]+", "-")
			.replaceAll("^-+|-+$", "");
		return slug.isEmpty() ? name.trim() : slug;
	}

	/**
	 * Returns the variable names a template uses, sorted, as the Python SDK finds them: {@code {{ name }}} and
	 * {@code {name}} (a single brace pair not part of a double one).
	 * @param content the template text
	 * @return the names
	 */
	public static List<String> placeholders(String content) {
		Set<String> names = new TreeSet<>();
		for (Pattern pattern : List.of(JINJA_PLACEHOLDER, PYTHON_PLACEHOLDER)) {
			Matcher matcher = pattern.matcher(content);
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
		}
		return new ArrayList<>(names);
	}

	/**
	 * Returns the id of the prompt, derived from its slug.
	 * @return the prompt id
	 */
	public UUID promptId() {
		return UUID.nameUUIDFromBytes(("northstar-local:prompt:" + this.slug).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns the id of this version (the {@code prompt_version_id} of a prompt link), derived from the slug and
	 * the version number.
	 * @return the version id
	 */
	public UUID versionId() {
		return UUID.nameUUIDFromBytes(
				("northstar-local:prompt-version:" + this.slug + ":" + this.version).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns a copy of the variables.
	 * @return the variables
	 */
	@Override
	public ArrayNode variables() {
		return this.variables.deepCopy();
	}

	private static void requireText(String name, @Nullable String value) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	/**
	 * Builds a {@link PromptDefinition}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final String name;

		private final String content;

		private @Nullable String slug;

		private int version = 1;

		private final List<String> labels = new ArrayList<>();

		private @Nullable String model;

		private @Nullable Double temperature;

		private @Nullable Integer maxTokens;

		private @Nullable ArrayNode variables;

		Builder(String name, String content) {
			this.name = name;
			this.content = content;
		}

		/**
		 * Sets the slug; derived from the name by default.
		 * @param slug the slug
		 * @return this builder
		 */
		public Builder slug(@Nullable String slug) {
			this.slug = slug;
			return this;
		}

		/**
		 * Sets the version number, 1 by default.
		 * @param version the version, {@code >= 1}
		 * @return this builder
		 */
		public Builder version(int version) {
			this.version = version;
			return this;
		}

		/**
		 * Adds labels pointing at this version, such as {@code prod}.
		 * @param labels the labels
		 * @return this builder
		 */
		public Builder labels(String... labels) {
			return labels(List.of(labels));
		}

		/**
		 * Adds labels pointing at this version.
		 * @param labels the labels
		 * @return this builder
		 */
		public Builder labels(Collection<String> labels) {
			this.labels.addAll(labels);
			return this;
		}

		/**
		 * Sets the model.
		 * @param model the model, or {@code null}
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets the temperature.
		 * @param temperature from 0 to 2, or {@code null}
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Sets the most tokens to generate.
		 * @param maxTokens a positive number, or {@code null}
		 * @return this builder
		 */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Sets the variable names; by default the placeholders found in the content.
		 * @param names the names
		 * @return this builder
		 */
		public Builder variables(Collection<String> names) {
			ArrayNode array = JsonNodeFactory.instance.arrayNode();
			names.forEach(array::add);
			this.variables = array;
			return this;
		}

		/**
		 * Sets the variables as JSON: names or objects {@code {name, type, required, default}}.
		 * @param variables the variables
		 * @return this builder
		 */
		public Builder variables(ArrayNode variables) {
			this.variables = variables.deepCopy();
			return this;
		}

		/**
		 * Builds the definition.
		 * @return the definition
		 * @throws IllegalArgumentException when a value breaks a rule
		 */
		public PromptDefinition build() {
			if (this.name == null || this.name.isBlank()) {
				throw new IllegalArgumentException("name must not be blank");
			}
			ArrayNode variables = this.variables;
			if (variables == null) {
				variables = JsonNodeFactory.instance.arrayNode();
				if (this.content != null) {
					placeholders(this.content).forEach(variables::add);
				}
			}
			String slug = (this.slug != null) ? this.slug.trim() : slugOf(this.name);
			return new PromptDefinition(this.name.trim(), slug, this.version, this.labels, this.content, this.model,
					this.temperature, this.maxTokens, variables);
		}

	}

}
