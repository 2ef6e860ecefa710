package ai.northstar.evals.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * A judge's answer, read tolerantly as the Python SDK reads it: ANSI escapes and a Markdown code fence are removed,
 * then the whole text and every JSON object found in it are tried in turn, and the first that has exactly the
 * expected shape wins. Binary answers hold {@code passed}, numeric ones a {@code score} within the scale; both need
 * a non-blank {@code reason} and {@code feedback}, and may hold {@code label}, {@code confidence} (0 to 1) and
 * {@code evidence} (a list of strings). Any other key makes an object invalid.
 *
 * @param passed whether a binary answer passed ({@code null} for numeric answers)
 * @param score the raw score of a numeric answer ({@code null} for binary answers)
 * @param reason the reason, stripped
 * @param feedback the feedback, stripped
 * @param label the label
 * @param confidence the confidence
 * @param evidence the evidence
 * @since 0.1.0
 */
public record JudgeVerdict(@Nullable Boolean passed, @Nullable Double score, String reason, String feedback,
		@Nullable String label, @Nullable Double confidence, List<String> evidence) {

	private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]");

	private static final Set<String> BINARY_KEYS = Set.of("passed", "reason", "feedback", "label", "confidence",
			"evidence");

	private static final Set<String> NUMERIC_KEYS = Set.of("score", "reason", "feedback", "label", "confidence",
			"evidence");

	private static final Set<String> TRUE = Set.of("1", "on", "t", "true", "y", "yes");

	private static final Set<String> FALSE = Set.of("0", "off", "f", "false", "n", "no");

	/** Reads one value and ignores what follows, as Python's {@code raw_decode}. */
	private static final ObjectReader LENIENT = EvalJson.MAPPER.reader()
		.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	public JudgeVerdict {
		evidence = List.copyOf(evidence);
	}

	/**
	 * Reads a judge's answer.
	 * @param content the answer text
	 * @param scoring the scoring, which decides the expected shape
	 * @return the verdict, {@code null} when no part of the text has the expected shape
	 */
	public static @Nullable JudgeVerdict parse(String content, JudgeScoring scoring) {
		for (JsonNode candidate : candidates(content)) {
			JudgeVerdict verdict = validate(candidate, scoring);
			if (verdict != null) {
				return verdict;
			}
		}
		return null;
	}

	static String stripFence(String content) {
		String stripped = ANSI_ESCAPE.matcher(content).replaceAll("").strip();
		if (!stripped.startsWith("```")) {
			return stripped;
		}
		List<String> lines = new ArrayList<>(stripped.lines().toList());
		if (!lines.isEmpty() && lines.get(0).startsWith("```")) {
			lines.remove(0);
		}
		if (!lines.isEmpty() && lines.get(lines.size() - 1).startsWith("```")) {
			lines.remove(lines.size() - 1);
		}
		return String.join("\n", lines).strip();
	}

	private static List<JsonNode> candidates(String content) {
		String stripped = stripFence(content);
		List<JsonNode> candidates = new ArrayList<>();
		if (stripped.isEmpty()) {
			return candidates;
		}
		try {
			candidates.add(EvalJson.MAPPER.readTree(stripped));
		}
		catch (JacksonException ex) {
			// not JSON as a whole: look for objects inside
		}
		for (int i = stripped.indexOf('{'); i >= 0; i = stripped.indexOf('{', i + 1)) {
			try (JsonParser parser = EvalJson.MAPPER.createParser(stripped.substring(i))) {
				JsonNode value = LENIENT.readTree(parser);
				if (value != null && value.isObject()) {
					candidates.add(value);
				}
			}
			catch (JacksonException ex) {
				// not an object starting here
			}
		}
		return candidates;
	}

	private static @Nullable JudgeVerdict validate(JsonNode node, JudgeScoring scoring) {
		if (!(node instanceof ObjectNode object)) {
			return null;
		}
		boolean binary = scoring.mode() == JudgeScoring.Mode.BINARY;
		for (String name : object.propertyNames()) {
			if (!(binary ? BINARY_KEYS : NUMERIC_KEYS).contains(name)) {
				return null;
			}
		}
		String reason = nonBlank(object.get("reason"));
		String feedback = nonBlank(object.get("feedback"));
		if (reason == null || feedback == null) {
			return null;
		}
		JsonNode label = object.get("label");
		if (label != null && !label.isNull() && !label.isString()) {
			return null;
		}
		Double confidence = null;
		JsonNode confidenceNode = object.get("confidence");
		if (confidenceNode != null && !confidenceNode.isNull()) {
			confidence = number(confidenceNode);
			if (confidence == null || confidence < 0 || confidence > 1) {
				return null;
			}
		}
		List<String> evidence = new ArrayList<>();
		JsonNode evidenceNode = object.get("evidence");
		if (evidenceNode != null) {
			if (!evidenceNode.isArray()) {
				return null;
			}
			for (JsonNode item : evidenceNode) {
				if (!item.isString()) {
					return null;
				}
				evidence.add(item.asString());
			}
		}
		Boolean passed = null;
		Double score = null;
		if (binary) {
			passed = bool(object.get("passed"));
			if (passed == null) {
				return null;
			}
		}
		else {
			score = (object.get("score") != null) ? number(object.get("score")) : null;
			if (score == null || score < scoring.minScore() || score > scoring.maxScore()) {
				return null;
			}
		}
		return new JudgeVerdict(passed, score, reason, feedback, (label != null && label.isString()) ? label.asString() : null,
				confidence, evidence);
	}

	private static @Nullable String nonBlank(@Nullable JsonNode value) {
		if (value == null || !value.isString() || value.asString().isBlank()) {
			return null;
		}
		return value.asString().strip();
	}

	private static @Nullable Double number(JsonNode value) {
		if (value.isNumber()) {
			return value.asDouble();
		}
		if (value.isString()) {
			try {
				double parsed = Double.parseDouble(value.asString().strip());
				return Double.isFinite(parsed) ? parsed : null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private static @Nullable Boolean bool(@Nullable JsonNode value) {
		if (value == null) {
			return null;
		}
		if (value.isBoolean()) {
			return value.asBoolean();
		}
		if (value.isNumber()) {
			double number = value.asDouble();
			return (number == 1) ? Boolean.TRUE : (number == 0) ? Boolean.FALSE : null;
		}
		if (value.isString()) {
			String text = value.asString().strip().toLowerCase(Locale.ROOT);
			return TRUE.contains(text) ? Boolean.TRUE : FALSE.contains(text) ? Boolean.FALSE : null;
		}
		return null;
	}

	/**
	 * Returns the JSON Schema of a valid answer under a scoring.
	 * @param scoring the scoring
	 * @return the schema
	 */
	public static ObjectNode schema(JudgeScoring scoring) {
		ObjectNode schema = EvalJson.NODES.objectNode();
		schema.put("title", (scoring.mode() == JudgeScoring.Mode.BINARY) ? "BinaryJudgeOutput" : "NumericJudgeOutput");
		schema.put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		if (scoring.mode() == JudgeScoring.Mode.BINARY) {
			properties.putObject("passed").put("type", "boolean");
		}
		else {
			properties.putObject("score").put("type", "number").put("minimum", scoring.minScore())
				.put("maximum", scoring.maxScore());
		}
		properties.putObject("reason").put("type", "string").put("minLength", 1);
		properties.putObject("feedback").put("type", "string").put("minLength", 1);
		properties.putObject("label").putArray("type").add("string").add("null");
		properties.putObject("confidence").put("minimum", 0).put("maximum", 1).putArray("type").add("number").add("null");
		properties.putObject("evidence").put("type", "array").putObject("items").put("type", "string");
		schema.putArray("required")
			.add((scoring.mode() == JudgeScoring.Mode.BINARY) ? "passed" : "score")
			.add("reason")
			.add("feedback");
		schema.put("additionalProperties", false);
		return schema;
	}

}
