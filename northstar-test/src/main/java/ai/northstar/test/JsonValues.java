package ai.northstar.test;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Compares recorded JSON with expected Java values: numbers by value ({@code 1} equals {@code 1.0}), objects by
 * their fields (a subset where asked), arrays element by element.
 */
final class JsonValues {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonValues() {
	}

	static JsonNode toJson(@Nullable Object value) {
		if (value == null) {
			return NullNode.getInstance();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		return MAPPER.valueToTree(value);
	}

	static boolean equivalent(@Nullable JsonNode actual, @Nullable JsonNode expected) {
		if (actual == null || expected == null) {
			return actual == expected;
		}
		if (actual.isNumber() && expected.isNumber()) {
			if (!isFinite(actual) || !isFinite(expected)) {
				// NaN and the infinities have no BigDecimal; a recorded value never is one (it is stored as null).
				return Double.compare(actual.doubleValue(), expected.doubleValue()) == 0;
			}
			return new BigDecimal(actual.asString()).compareTo(new BigDecimal(expected.asString())) == 0;
		}
		if (actual.isObject() && expected.isObject()) {
			if (actual.size() != expected.size()) {
				return false;
			}
			for (Map.Entry<String, JsonNode> field : expected.properties()) {
				if (!equivalent(actual.get(field.getKey()), field.getValue())) {
					return false;
				}
			}
			return true;
		}
		if (actual.isArray() && expected.isArray()) {
			if (actual.size() != expected.size()) {
				return false;
			}
			for (int i = 0; i < actual.size(); i++) {
				if (!equivalent(actual.get(i), expected.get(i))) {
					return false;
				}
			}
			return true;
		}
		return actual.equals(expected);
	}

	/** Whether every field of {@code expected} is in {@code actual}, nested objects compared as subsets too. */
	static boolean containsSubset(JsonNode actual, JsonNode expected) {
		if (!actual.isObject() || !expected.isObject()) {
			return equivalent(actual, expected);
		}
		Iterator<Map.Entry<String, JsonNode>> fields = expected.properties().iterator();
		while (fields.hasNext()) {
			Map.Entry<String, JsonNode> field = fields.next();
			JsonNode value = actual.get(field.getKey());
			if (value == null) {
				return false;
			}
			boolean matches = field.getValue().isObject() ? containsSubset(value, field.getValue())
					: equivalent(value, field.getValue());
			if (!matches) {
				return false;
			}
		}
		return true;
	}

	/** Whether the text, or any string of structured content, contains the text: never a key or the JSON syntax. */
	static boolean contentContains(JsonNode content, String text) {
		return containsInStrings(content, text);
	}

	private static boolean isFinite(JsonNode number) {
		return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
	}

	private static boolean containsInStrings(JsonNode node, String text) {
		if (node.isString()) {
			return node.asString().contains(text);
		}
		for (JsonNode child : node) {
			if (containsInStrings(child, text)) {
				return true;
			}
		}
		return false;
	}

}
