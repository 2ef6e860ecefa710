package ai.northstar.evals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads dataset records strictly, as the Python SDK's models do: unknown keys are refused, types are checked, and a
 * single string stands for a list of one where the Python SDK allows it. Problems are thrown as
 * {@link IllegalArgumentException}s naming the field.
 */
final class CaseReader {

	private CaseReader() {
	}

	static ObjectNode object(@Nullable JsonNode node, String path, Set<String> allowed) {
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException(path + " must be an object");
		}
		for (String name : node.propertyNames()) {
			if (!allowed.contains(name)) {
				throw new IllegalArgumentException(join(path, name) + " is not allowed");
			}
		}
		return (ObjectNode) node;
	}

	static String join(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}

	static boolean present(JsonNode object, String name) {
		JsonNode value = object.get(name);
		return value != null && !value.isNull();
	}

	static String requiredString(JsonNode object, String path, String name) {
		JsonNode value = object.get(name);
		if (value == null) {
			throw new IllegalArgumentException(join(path, name) + " is required");
		}
		if (!value.isString()) {
			throw new IllegalArgumentException(join(path, name) + " must be a string");
		}
		return value.asString();
	}

	static @Nullable String optionalString(JsonNode object, String path, String name) {
		if (!present(object, name)) {
			return null;
		}
		return requiredString(object, path, name);
	}

	static @Nullable List<String> stringList(JsonNode object, String path, String name, boolean singleAllowed) {
		if (!present(object, name)) {
			return null;
		}
		JsonNode value = object.get(name);
		if (singleAllowed && value.isString()) {
			return List.of(value.asString());
		}
		if (!value.isArray()) {
			throw new IllegalArgumentException(join(path, name) + " must be a list of strings");
		}
		List<String> items = new ArrayList<>();
		for (JsonNode item : value) {
			if (!item.isString()) {
				throw new IllegalArgumentException(join(path, name) + " must be a list of strings");
			}
			items.add(item.asString());
		}
		return List.copyOf(items);
	}

	static @Nullable Integer optionalInt(JsonNode object, String path, String name) {
		if (!present(object, name)) {
			return null;
		}
		JsonNode value = object.get(name);
		if (value.isIntegralNumber() && value.canConvertToInt()) {
			return value.asInt();
		}
		if (value.isFloatingPointNumber() && value.asDouble() == Math.rint(value.asDouble())
				&& Math.abs(value.asDouble()) <= Integer.MAX_VALUE) {
			return (int) value.asDouble();
		}
		throw new IllegalArgumentException(join(path, name) + " must be an integer");
	}

	static @Nullable Double optionalNumber(JsonNode object, String path, String name) {
		if (!present(object, name)) {
			return null;
		}
		JsonNode value = object.get(name);
		if (!value.isNumber()) {
			throw new IllegalArgumentException(join(path, name) + " must be a number");
		}
		return value.asDouble();
	}

	static @Nullable Boolean optionalBoolean(JsonNode object, String path, String name) {
		if (!present(object, name)) {
			return null;
		}
		JsonNode value = object.get(name);
		if (!value.isBoolean()) {
			throw new IllegalArgumentException(join(path, name) + " must be a boolean");
		}
		return value.asBoolean();
	}

	static Map<String, JsonNode> map(JsonNode object, String path, String name) {
		if (!present(object, name)) {
			return Map.of();
		}
		JsonNode value = object.get(name);
		if (!value.isObject()) {
			throw new IllegalArgumentException(join(path, name) + " must be an object");
		}
		return copy(value);
	}

	static Map<String, JsonNode> copy(JsonNode object) {
		Map<String, JsonNode> copy = new LinkedHashMap<>();
		object.properties().forEach((entry) -> copy.put(entry.getKey(), entry.getValue().deepCopy()));
		return java.util.Collections.unmodifiableMap(copy);
	}

}
