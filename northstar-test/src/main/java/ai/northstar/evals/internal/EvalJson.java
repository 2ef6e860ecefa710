package ai.northstar.evals.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/**
 * JSON helpers that reproduce how the Python SDK's evals turn values into text and compare them, so that graders
 * give the same verdicts on the same inputs. Not API: subject to change without notice.
 * <p>
 * One deliberate difference: text is never ASCII-escaped, so a non-ASCII word in a tool output matches the same
 * word in a response (the Python SDK writes {@code café} as {@code caf\u00e9} before comparing).
 *
 * @since 0.1.0
 */
public final class EvalJson {

	/** The mapper of the evals: plain Jackson defaults. */
	public static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** The node factory. */
	public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private EvalJson() {
	}

	/**
	 * Converts a Java value to JSON.
	 * @param value the value, possibly already a node
	 * @return the node, JSON {@code null} for {@code null}
	 */
	public static JsonNode toJson(@Nullable Object value) {
		if (value == null) {
			return NullNode.getInstance();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		return MAPPER.valueToTree(value);
	}

	/**
	 * Writes JSON the way Python's {@code json.dumps} does: {@code ", "} and {@code ": "} separators, floats as
	 * Python prints them, keys sorted when asked (but non-ASCII kept as is).
	 * @param value the value
	 * @param sortKeys whether to sort object keys
	 * @return the text
	 */
	public static String dumps(@Nullable JsonNode value, boolean sortKeys) {
		StringBuilder out = new StringBuilder();
		write(out, (value != null) ? value : NullNode.getInstance(), sortKeys);
		return out.toString();
	}

	private static void write(StringBuilder out, JsonNode value, boolean sortKeys) {
		if (value.isObject()) {
			Map<String, JsonNode> fields = sortKeys ? new TreeMap<>() : new java.util.LinkedHashMap<>();
			value.properties().forEach((entry) -> fields.put(entry.getKey(), entry.getValue()));
			out.append('{');
			boolean first = true;
			for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
				out.append(first ? "" : ", ");
				first = false;
				string(out, field.getKey());
				out.append(": ");
				write(out, field.getValue(), sortKeys);
			}
			out.append('}');
		}
		else if (value.isArray()) {
			out.append('[');
			for (int i = 0; i < value.size(); i++) {
				out.append((i > 0) ? ", " : "");
				write(out, value.get(i), sortKeys);
			}
			out.append(']');
		}
		else if (value.isString()) {
			string(out, value.asString());
		}
		else if (value.isNumber()) {
			out.append(number(value));
		}
		else if (value.isBoolean()) {
			out.append(value.asBoolean() ? "true" : "false");
		}
		else {
			out.append("null");
		}
	}

	private static void string(StringBuilder out, String text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	private static String number(JsonNode value) {
		if (value.isIntegralNumber()) {
			return value.bigIntegerValue().toString();
		}
		return pyFloat(value.asDouble());
	}

	/**
	 * Formats a double as Python's {@code repr(float)} does: {@code 8.0}, {@code 0.0005}, {@code 1e-05},
	 * {@code 1e+16}.
	 * @param value the value
	 * @return the text
	 */
	public static String pyFloat(double value) {
		if (Double.isNaN(value)) {
			return "nan";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "inf" : "-inf";
		}
		if (value == 0) {
			return (1 / value < 0) ? "-0.0" : "0.0";
		}
		BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
		String digits = decimal.unscaledValue().abs().toString();
		int exponent = digits.length() - 1 - decimal.scale();
		String sign = (value < 0) ? "-" : "";
		if (exponent < -4 || exponent >= 16) {
			String mantissa = (digits.length() == 1) ? digits : digits.charAt(0) + "." + digits.substring(1);
			return sign + mantissa + "e" + ((exponent < 0) ? "-" : "+") + String.format("%02d", Math.abs(exponent));
		}
		String plain = decimal.abs().toPlainString();
		return sign + (plain.contains(".") ? plain : plain + ".0");
	}

	/**
	 * Returns Python's {@code str()} of a JSON scalar: a string as is, {@code True}/{@code False}, {@code None},
	 * numbers as Python prints them; objects and arrays as {@link #dumps(JsonNode, boolean) JSON}.
	 * @param value the value
	 * @return the text
	 */
	public static String pyStr(JsonNode value) {
		if (value.isString()) {
			return value.asString();
		}
		if (value.isBoolean()) {
			return value.asBoolean() ? "True" : "False";
		}
		if (value.isNull() || value.isMissingNode()) {
			return "None";
		}
		if (value.isNumber()) {
			return number(value);
		}
		return dumps(value, false);
	}

	/**
	 * Returns the text of message content, as the Python SDK's transcript normalization reads it: a string as is,
	 * the non-empty parts of a list joined by new lines, an object's {@code text} or nested {@code content} (or the
	 * object as sorted JSON), other scalars as text.
	 * @param content the content
	 * @return the text, {@code null} for no content
	 */
	public static @Nullable String messageText(@Nullable JsonNode content) {
		if (content == null || content.isNull() || content.isMissingNode()) {
			return null;
		}
		if (content.isString()) {
			return content.asString();
		}
		if (content.isArray()) {
			List<String> parts = new ArrayList<>();
			for (JsonNode part : content) {
				String text = messageText(part);
				if (text != null && !text.isEmpty()) {
					parts.add(text);
				}
			}
			return parts.isEmpty() ? null : String.join("\n", parts);
		}
		if (content.isObject()) {
			JsonNode text = content.get("text");
			if (text != null && text.isString()) {
				return text.asString();
			}
			JsonNode nested = content.get("content");
			if (nested != null && !nested.isNull()) {
				return messageText(nested);
			}
			return dumps(content, true);
		}
		return pyStr(content);
	}

	/**
	 * Returns the text graders compare: a string as is, anything else as sorted JSON.
	 * @param value the value
	 * @return the text
	 */
	public static String text(@Nullable JsonNode value) {
		if (value != null && value.isString()) {
			return value.asString();
		}
		return dumps(value, true);
	}

	/**
	 * Returns Python's truthiness of an attribute value; a string is true when it is {@code 1}, {@code true},
	 * {@code yes}, {@code error} or {@code failed} (any case).
	 * @param value the value
	 * @return whether it is true
	 */
	public static boolean truthy(@Nullable JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return false;
		}
		if (value.isString()) {
			return switch (value.asString().toLowerCase(java.util.Locale.ROOT)) {
				case "1", "true", "yes", "error", "failed" -> true;
				default -> false;
			};
		}
		if (value.isBoolean()) {
			return value.asBoolean();
		}
		if (value.isNumber()) {
			return value.asDouble() != 0;
		}
		return value.size() > 0;
	}

	/**
	 * Python's truthiness of a JSON value ({@code or} in Python): {@code null}, {@code false}, zero, empty text and
	 * empty containers are false.
	 * @param value the value
	 * @return whether it is truthy
	 */
	public static boolean pyTruthy(@Nullable JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return false;
		}
		if (value.isString()) {
			return !value.asString().isEmpty();
		}
		if (value.isBoolean()) {
			return value.asBoolean();
		}
		if (value.isNumber()) {
			return value.asDouble() != 0;
		}
		return value.size() > 0;
	}

	/**
	 * Compares two values as Python's {@code ==} does on parsed JSON: numbers by value, objects regardless of key
	 * order, arrays element by element.
	 * @param left one value
	 * @param right the other
	 * @return whether they are equal
	 */
	public static boolean pyEquals(@Nullable JsonNode left, @Nullable JsonNode right) {
		if (left == null || right == null) {
			return left == right;
		}
		if (left.isNumber() && right.isNumber()) {
			return left.decimalValue().compareTo(right.decimalValue()) == 0;
		}
		if (left.isObject() && right.isObject()) {
			if (left.size() != right.size()) {
				return false;
			}
			Iterator<Map.Entry<String, JsonNode>> fields = left.properties().iterator();
			while (fields.hasNext()) {
				Map.Entry<String, JsonNode> field = fields.next();
				if (!pyEquals(field.getValue(), right.get(field.getKey()))) {
					return false;
				}
			}
			return true;
		}
		if (left.isArray() && right.isArray()) {
			if (left.size() != right.size()) {
				return false;
			}
			for (int i = 0; i < left.size(); i++) {
				if (!pyEquals(left.get(i), right.get(i))) {
					return false;
				}
			}
			return true;
		}
		return left.equals(right);
	}

	/**
	 * Parses tool arguments recorded as JSON text; anything else, or text that is not JSON, is returned as is.
	 * @param arguments the arguments
	 * @return the parsed arguments
	 */
	public static JsonNode parseToolArguments(@Nullable JsonNode arguments) {
		if (arguments == null) {
			return NullNode.getInstance();
		}
		if (arguments.isString()) {
			try {
				return MAPPER.readTree(arguments.asString());
			}
			catch (JacksonException ex) {
				return arguments;
			}
		}
		return arguments;
	}

	/**
	 * Returns Python's {@code str(value)} of an optional value.
	 * @param value the value
	 * @return the text, {@code null} for a missing or {@code null} value
	 */
	public static @Nullable String optionalString(@Nullable JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return null;
		}
		return pyStr(value);
	}

	/**
	 * Rounds as Python's {@code round(value, digits)} does for the values graders report.
	 * @param value the value
	 * @param digits the decimal digits
	 * @return the rounded value
	 */
	public static double round(double value, int digits) {
		return new BigDecimal(Double.toString(value)).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue();
	}

	/**
	 * Builds an ordered map of JSON values from alternating keys and values; a {@code null} value becomes JSON
	 * {@code null}.
	 * @param keysAndValues the keys (strings) and values
	 * @return the map, in the given order
	 */
	public static Map<String, JsonNode> map(@Nullable Object... keysAndValues) {
		if (keysAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("keys and values must come in pairs");
		}
		Map<String, JsonNode> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put(String.valueOf(keysAndValues[i]), toJson(keysAndValues[i + 1]));
		}
		return java.util.Collections.unmodifiableMap(map);
	}

	/**
	 * Copies a map of values into an ordered map of JSON values.
	 * @param values the values
	 * @return the map, in the same order
	 */
	public static Map<String, JsonNode> copy(Map<String, ?> values) {
		Map<String, JsonNode> map = new java.util.LinkedHashMap<>();
		values.forEach((key, value) -> map.put(key, toJson(value)));
		return java.util.Collections.unmodifiableMap(map);
	}

}
