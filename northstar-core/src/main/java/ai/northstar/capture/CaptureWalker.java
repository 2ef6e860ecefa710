package ai.northstar.capture;

import java.lang.reflect.Array;
import java.nio.CharBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;

import ai.northstar.data.ErrorInfo;
import ai.northstar.internal.Throwables;
import ai.northstar.internal.WireText;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * One capture: walks a value once, building its sanitized, redacted JSON tree. Each leaf is sized and counted by the
 * {@link CaptureBudget}; containers are tracked by a {@link WalkPath}. Once the budget overflows the walk stops,
 * keeping the part built so far for the envelope's preview.
 * <p>
 * Not thread-safe: one instance per call.
 */
final class CaptureWalker {

	/** Containers nested deeper than this become a marker. */
	static final int MAX_DEPTH = WalkPath.MAX_DEPTH;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RedactionMatcher matcher;

	private final Function<Object, JsonNode> converter;

	private final CaptureBudget budget;

	/** Created at the first container, so that a scalar costs no path. */
	private @Nullable WalkPath path;

	CaptureWalker(RedactionMatcher matcher, Function<Object, JsonNode> converter, int limit) {
		this.matcher = matcher;
		this.converter = converter;
		this.budget = new CaptureBudget(limit);
	}

	boolean overflowed() {
		return this.budget.overflowed();
	}

	/**
	 * Walks a value.
	 * @param value the value
	 * @return its tree, a partial tree after an overflow, or {@code null} when nothing of it fit
	 */
	@Nullable JsonNode walk(@Nullable Object value) {
		if (this.budget.overflowed()) {
			return null;
		}
		if (value == null) {
			return this.budget.nullNode();
		}
		if (value instanceof String string) {
			return this.budget.string(string, null);
		}
		if (value instanceof JsonNode node) {
			return node(node);
		}
		if (value instanceof Number number) {
			return this.budget.number(number);
		}
		if (value instanceof Boolean bool) {
			return this.budget.bool(bool);
		}
		if (value instanceof Map<?, ?> map) {
			return map(map);
		}
		if (value instanceof Path) {
			// A Path is an Iterable of Paths, each of them iterable again: write it as text.
			return this.budget.string(value.toString(), null);
		}
		if (value instanceof Iterable<?> iterable) {
			// An Iterable that is also closeable (a DirectoryStream) can be iterated only once: leave it to the app.
			return (value instanceof AutoCloseable) ? unserializable(value) : iterable(iterable);
		}
		if (value.getClass().isArray()) {
			return array(value);
		}
		if (value instanceof Optional<?> optional) {
			return walk(optional.orElse(null));
		}
		if (value instanceof Enum<?> constant) {
			return this.budget.string(constant.name(), null);
		}
		if (value instanceof CharSequence text) {
			return this.budget.string(text, null);
		}
		if (value instanceof Character || value instanceof UUID || ValueTypes.isJavaTime(value)) {
			return this.budget.string(value.toString(), null);
		}
		if (value instanceof Date date) {
			return this.budget.string(Instant.ofEpochMilli(date.getTime()).toString(), null);
		}
		if (value instanceof Throwable throwable) {
			return error(throwable);
		}
		if (value instanceof OptionalInt || value instanceof OptionalLong || value instanceof OptionalDouble) {
			return optionalPrimitive(value);
		}
		if (ValueTypes.isConsumable(value)) {
			return unserializable(value);
		}
		return convert(value);
	}

	/**
	 * Walks method arguments into an object keyed by parameter name.
	 * @param names the parameter names
	 * @param values the argument values
	 * @return the object, partial after an overflow
	 */
	ObjectNode arguments(String[] names, @Nullable Object[] values) {
		ObjectNode result = NODES.objectNode();
		if (!this.budget.reserve(2)) {
			return result;
		}
		path().enter(names);
		int count = Math.max(names.length, values.length);
		for (int i = 0; i < count; i++) {
			String name = (i < names.length && names[i] != null) ? names[i] : "arg" + i;
			Object value = (i < values.length) ? values[i] : null;
			if (!property(result, name, value)) {
				break;
			}
		}
		path().exit();
		return result;
	}

	/**
	 * The envelope of a string value that did not fit; see {@link CaptureBudget#stringEnvelope(CharSequence)}.
	 * @param original the string
	 * @return the envelope
	 */
	ObjectNode stringEnvelope(CharSequence original) {
		return this.budget.stringEnvelope(original);
	}

	/**
	 * The envelope of any other value that did not fit; see {@link CaptureBudget#envelope(JsonNode)}.
	 * @param partial the part walked
	 * @return the envelope
	 */
	ObjectNode envelope(@Nullable JsonNode partial) {
		return this.budget.envelope(partial);
	}

	private WalkPath path() {
		WalkPath path = this.path;
		if (path == null) {
			path = new WalkPath();
			this.path = path;
		}
		return path;
	}

	private @Nullable JsonNode optionalPrimitive(Object optional) {
		if (optional instanceof OptionalInt value) {
			return value.isPresent() ? walk(value.getAsInt()) : walk(null);
		}
		if (optional instanceof OptionalLong value) {
			return value.isPresent() ? walk(value.getAsLong()) : walk(null);
		}
		OptionalDouble value = (OptionalDouble) optional;
		return value.isPresent() ? walk(value.getAsDouble()) : walk(null);
	}

	// Containers

	private @Nullable JsonNode map(Map<?, ?> map) {
		String refusal = path().enter(map);
		if (refusal != null) {
			return this.budget.string(refusal, null);
		}
		try {
			if (!this.budget.reserve(2)) {
				return null;
			}
			ObjectNode result = NODES.objectNode();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!property(result, ValueTypes.keyOf(entry.getKey()), entry.getValue())) {
					break;
				}
			}
			return result;
		}
		catch (Throwable ex) {
			// Concurrent modification, a failing entry set: the map as a whole is unserializable.
			Throwables.rethrowIfFatal(ex);
			return unserializable(map);
		}
		finally {
			path().exit();
		}
	}

	private @Nullable JsonNode iterable(Iterable<?> iterable) {
		String refusal = path().enter(iterable);
		if (refusal != null) {
			return this.budget.string(refusal, null);
		}
		try {
			if (!this.budget.reserve(2)) {
				return null;
			}
			ArrayNode result = NODES.arrayNode();
			for (Object element : iterable) {
				if (!element(result, element)) {
					break;
				}
			}
			return result;
		}
		catch (Throwable ex) {
			Throwables.rethrowIfFatal(ex);
			return unserializable(iterable);
		}
		finally {
			path().exit();
		}
	}

	private @Nullable JsonNode array(Object array) {
		if (array instanceof byte[] bytes) {
			return this.budget.bytes(bytes);
		}
		if (array instanceof char[] chars) {
			return this.budget.string(CharBuffer.wrap(chars), null);
		}
		String refusal = path().enter(array);
		if (refusal != null) {
			return this.budget.string(refusal, null);
		}
		try {
			if (!this.budget.reserve(2)) {
				return null;
			}
			ArrayNode result = NODES.arrayNode();
			if (array instanceof Object[] objects) {
				for (Object element : objects) {
					if (!element(result, element)) {
						break;
					}
				}
			}
			else {
				int length = Array.getLength(array);
				for (int i = 0; i < length; i++) {
					if (!element(result, Array.get(array, i))) {
						break;
					}
				}
			}
			return result;
		}
		finally {
			path().exit();
		}
	}

	/**
	 * Adds one property, redacting its value when the key names a secret.
	 * @return whether the walk goes on
	 */
	private boolean property(ObjectNode target, String rawKey, @Nullable Object value) {
		if (target.size() > 0 && !this.budget.reserve(1)) {
			return false;
		}
		String key = this.budget.key(rawKey);
		if (key == null) {
			return false;
		}
		JsonNode child = this.matcher.matches(key) ? this.budget.redacted() : walk(value);
		if (child != null && target.putIfAbsent(key, child) != null) {
			// Two keys equal once sanitized or converted to text ("a\u0000b" and "ab", 1 and "1"): keep both values.
			String unique = WireText.uniqueKey(key, target::has);
			if (this.budget.reserve(unique.length() - key.length())) {
				target.set(unique, child);
			}
		}
		return !this.budget.overflowed();
	}

	/**
	 * Adds one array element.
	 * @return whether the walk goes on
	 */
	private boolean element(ArrayNode target, @Nullable Object value) {
		if (target.size() > 0 && !this.budget.reserve(1)) {
			return false;
		}
		JsonNode child = walk(value);
		if (child != null) {
			target.add(child);
		}
		return !this.budget.overflowed();
	}

	// Trees

	private @Nullable JsonNode node(JsonNode node) {
		return switch (node.getNodeType()) {
			case STRING -> this.budget.string(node.stringValue(), node);
			case NUMBER -> this.budget.numberNode(node);
			case BOOLEAN -> this.budget.reserve(node.booleanValue() ? 4 : 5) ? node : null;
			case NULL, MISSING -> this.budget.nullNode();
			case BINARY -> this.budget.bytes(node.binaryValue());
			case OBJECT -> objectNode(node);
			case ARRAY -> arrayNode(node);
			case POJO -> (node instanceof POJONode pojo) ? walk(pojo.getPojo()) : unserializable(node);
			default -> unserializable(node);
		};
	}

	private @Nullable JsonNode objectNode(JsonNode node) {
		String refusal = path().enter(node);
		if (refusal != null) {
			return this.budget.string(refusal, null);
		}
		try {
			if (!this.budget.reserve(2)) {
				return null;
			}
			ObjectNode result = NODES.objectNode();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				if (!property(result, entry.getKey(), entry.getValue())) {
					break;
				}
			}
			return result;
		}
		finally {
			path().exit();
		}
	}

	private @Nullable JsonNode arrayNode(JsonNode node) {
		String refusal = path().enter(node);
		if (refusal != null) {
			return this.budget.string(refusal, null);
		}
		try {
			if (!this.budget.reserve(2)) {
				return null;
			}
			ArrayNode result = NODES.arrayNode();
			int size = node.size();
			for (int i = 0; i < size; i++) {
				if (!element(result, node.get(i))) {
					break;
				}
			}
			return result;
		}
		finally {
			path().exit();
		}
	}

	// Everything else

	private @Nullable JsonNode error(Throwable throwable) {
		ErrorInfo info;
		try {
			info = ErrorInfo.of(throwable);
		}
		catch (Throwable ex) {
			// A getClass().getModule() or the like that fails; the message itself is read without failing.
			Throwables.rethrowIfFatal(ex);
			return unserializable(throwable);
		}
		if (!this.budget.reserve(2)) {
			return null;
		}
		ObjectNode result = NODES.objectNode();
		if (property(result, "type", info.type()) && (info.message() == null || property(result, "message", info.message()))
				&& info.module() != null) {
			property(result, "module", info.module());
		}
		return result;
	}

	/**
	 * Converts a record, POJO or other type through the object converter, then walks the tree it returns. A
	 * converter failure (a getter that throws, a cycle it cannot follow, a type without properties) becomes the
	 * unserializable marker.
	 */
	private @Nullable JsonNode convert(Object value) {
		String refusal = path().enter(value);
		if (refusal != null) {
			return this.budget.string(refusal, null);
		}
		try {
			JsonNode tree;
			try {
				tree = this.converter.apply(value);
			}
			catch (Throwable ex) {
				Throwables.rethrowIfFatal(ex);
				return unserializable(value);
			}
			return walk(tree);
		}
		finally {
			path().exit();
		}
	}

	private @Nullable JsonNode unserializable(Object value) {
		return this.budget.string(ValueTypes.unserializableMarker(value), null);
	}

}
