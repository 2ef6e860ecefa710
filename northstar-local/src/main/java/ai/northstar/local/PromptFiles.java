package ai.northstar.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Reads prompt definitions from JSON files. A file holds one prompt, an array of prompts, or
 * {@code {"prompts": [...]}}; a prompt is: <pre>{@code
 * {
 *   "name": "support-answer",
 *   "slug": "support-answer",
 *   "versions": [
 *     {"version": 1, "labels": ["staging"], "content": "Answer {question}."},
 *     {"version": 2, "labels": ["prod"], "content": "Answer {{ question }} politely.",
 *      "model": "gpt-4o", "temperature": 0.2, "max_tokens": 512, "variables": ["question"]}
 *   ]
 * }
 * }</pre>
 * {@code slug} defaults to one derived from the name, {@code labels} to none, {@code variables} to the placeholders
 * of the content; {@code model}, {@code temperature} and {@code max_tokens} are optional. A directory is read file by
 * file: each {@code *.json} file directly in it, by file name.
 *
 * @since 0.1.0
 */
public final class PromptFiles {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private PromptFiles() {
	}

	/**
	 * Reads the prompt versions of a file, or of every {@code *.json} file of a directory.
	 * @param path the file or directory
	 * @return the definitions, in file order
	 * @throws IllegalArgumentException when a file cannot be read or is not in the format, naming the file
	 */
	public static List<PromptDefinition> read(Path path) {
		if (Files.isDirectory(path)) {
			List<PromptDefinition> definitions = new ArrayList<>();
			try (Stream<Path> files = Files.list(path)) {
				files.filter((file) -> file.getFileName().toString().endsWith(".json") && Files.isRegularFile(file))
					.sorted()
					.forEach((file) -> definitions.addAll(readFile(file)));
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("Could not list the prompt files of " + path + ": " + ex, ex);
			}
			return definitions;
		}
		return readFile(path);
	}

	/**
	 * Reads the prompt versions of JSON text.
	 * @param json the text
	 * @param source what the text is, for messages
	 * @return the definitions
	 * @throws IllegalArgumentException when the text is not in the format
	 */
	public static List<PromptDefinition> parse(String json, String source) {
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(source + " is not JSON: " + ex.getOriginalMessage(), ex);
		}
		try {
			return definitions(root);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(source + ": " + ex.getMessage(), ex);
		}
	}

	private static List<PromptDefinition> readFile(Path file) {
		String json;
		try {
			json = Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Could not read the prompt file " + file + ": " + ex, ex);
		}
		return parse(json, "Prompt file " + file);
	}

	private static List<PromptDefinition> definitions(@Nullable JsonNode root) {
		if (root == null || root.isMissingNode()) {
			return List.of();
		}
		if (root.isObject() && root.has("prompts")) {
			return definitions(root.get("prompts"));
		}
		List<PromptDefinition> definitions = new ArrayList<>();
		if (root.isArray()) {
			for (JsonNode prompt : root.values()) {
				definitions.addAll(prompt(prompt));
			}
			return definitions;
		}
		return prompt(root);
	}

	private static List<PromptDefinition> prompt(JsonNode prompt) {
		if (!prompt.isObject()) {
			throw new IllegalArgumentException("a prompt must be an object, was " + prompt);
		}
		String name = text(prompt, "name", true);
		String slug = text(prompt, "slug", false);
		JsonNode versions = prompt.get("versions");
		if (versions == null || !versions.isArray() || versions.isEmpty()) {
			throw new IllegalArgumentException("prompt '" + name + "' needs a non-empty array 'versions'");
		}
		List<PromptDefinition> definitions = new ArrayList<>();
		for (JsonNode version : versions.values()) {
			definitions.add(version(name, slug, version));
		}
		return definitions;
	}

	private static PromptDefinition version(String name, @Nullable String slug, JsonNode version) {
		String where = "prompt '" + name + "'";
		if (!version.isObject()) {
			throw new IllegalArgumentException(where + ": a version must be an object, was " + version);
		}
		JsonNode number = version.get("version");
		if (number == null || !number.canConvertToExactIntegral() || !number.canConvertToInt()) {
			throw new IllegalArgumentException(where + ": 'version' must be an integer");
		}
		where = where + " version " + number.asInt();
		String content = text(version, "content", true);
		PromptDefinition.Builder builder = PromptDefinition.builder(name, content).slug(slug).version(number.asInt());
		JsonNode labels = version.get("labels");
		if (labels != null) {
			if (!labels.isArray()) {
				throw new IllegalArgumentException(where + ": 'labels' must be an array of strings");
			}
			for (JsonNode label : labels.values()) {
				if (!label.isString()) {
					throw new IllegalArgumentException(where + ": 'labels' must be an array of strings");
				}
				builder.labels(label.stringValue());
			}
		}
		builder.model(text(version, "model", false));
		JsonNode temperature = version.get("temperature");
		if (temperature != null && !temperature.isNull()) {
			if (!temperature.isNumber()) {
				throw new IllegalArgumentException(where + ": 'temperature' must be a number");
			}
			builder.temperature(temperature.doubleValue());
		}
		JsonNode maxTokens = version.get("max_tokens");
		if (maxTokens != null && !maxTokens.isNull()) {
			if (!maxTokens.canConvertToExactIntegral() || !maxTokens.canConvertToInt()) {
				throw new IllegalArgumentException(where + ": 'max_tokens' must be an integer");
			}
			builder.maxTokens(maxTokens.asInt());
		}
		JsonNode variables = version.get("variables");
		if (variables != null && !variables.isNull()) {
			if (!variables.isArray()) {
				throw new IllegalArgumentException(where + ": 'variables' must be an array");
			}
			builder.variables((ArrayNode) variables);
		}
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
		}
	}

	private static @Nullable String text(JsonNode node, String key, boolean required) {
		JsonNode value = node.get(key);
		if (value == null || value.isNull()) {
			if (required) {
				throw new IllegalArgumentException("'" + key + "' is required");
			}
			return null;
		}
		if (!value.isString()) {
			throw new IllegalArgumentException("'" + key + "' must be a string");
		}
		return value.stringValue();
	}

}
