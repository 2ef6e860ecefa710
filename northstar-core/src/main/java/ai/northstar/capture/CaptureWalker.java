package ai.northstar.capture;

import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.CharBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.BaseStream;

import ai.northstar.data.ErrorInfo;
import ai.northstar.internal.WireText;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;
import tools.jackson.databind.node.StringNode;

/**
 * One capture: walks a value once, building its sanitized, redacted JSON tree while estimating the size of its
 * serialized form. The estimate never undercounts strings (their escaped UTF-8 size is counted exactly) and
 * overcounts floating-point numbers, so a tree built without overflow serializes within the limit. Once the
 * estimate passes the limit the walk stops, keeping the part built so far for the envelope's preview.
 * <p>
 * Not thread-safe: one instance per call.
 */
final class CaptureWalker {

	/** Containers nested deeper than this become a marker. */
	static final int MAX_DEPTH = 64;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final StringNode REDACTED_NODE = StringNode.valueOf(ContentCapture.REDACTED);

	private static final int REDACTED_SIZE = ContentCapture.REDACTED.length() + 2;

	/** Upper bound of a double's JSON text ({@code -1.2345678901234567E-308} plus one). */
	private static final int DOUBLE_SIZE = 25;

	/** Upper bound of a float's JSON text. */
	private static final int FLOAT_SIZE = 16;

	private static final int STRING_ENVELOPE_OVERHEAD = "{\"truncated\":true,\"value\":\"\",\"original_length\":}"
		.length();

	private static final int PREVIEW_ENVELOPE_OVERHEAD = "{\"truncated\":true,\"preview\":\"\",\"original_size\":}"
		.length();

	/** Bytes each ASCII character takes inside a JSON string; U+0000 takes none because it is removed. */
	private static final byte[] ASCII_SIZE = new byte[128];

	static {
		Arrays.fill(ASCII_SIZE, (byte) 1);
		for (int c = 1; c < 0x20; c++) {
			ASCII_SIZE[c] = 6;
		}
		for (char c : new char[] { '\b', '\t', '\n', '\f', '\r', '"', '\\' }) {
			ASCII_SIZE[c] = 2;
		}
		ASCII_SIZE[0] = 0;
	}

	private final RedactionMatcher matcher;

	private final Function<Object, JsonNode> converter;

	private final long limit;

	/** Estimated serialized size so far; after an overflow, a lower bound of the whole value's size. */
	private long size;

	private boolean overflow;

	/** The containers being walked, outermost first, to detect cycles. */
	private Object @Nullable [] path;

	private int depth;

	// Results of the last scan(), kept in fields so that scanning allocates nothing.

	private int scanEnd;

	private long scanBytes;

	private boolean scanDirty;

	CaptureWalker(RedactionMatcher matcher, Function<Object, JsonNode> converter, int limit) {
		this.matcher = matcher;
		this.converter = converter;
		this.limit = limit;
	}

	boolean overflowed() {
		return this.overflow;
	}

	/**
	 * Tells whether a short string can be used as it is: no U+0000 and no surrogate (paired or not).
	 * @param value the string
	 * @return whether it needs no rewriting
	 */
	static boolean isPlain(String value) {
		// indexOf is vectorized by the JIT; the surrogate range is U+D800 to U+DFFF.
		if (value.indexOf('\0') >= 0) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			if ((value.charAt(i) & 0xF800) == 0xD800) {
				return false;
			}
		}
		return true;
	}

	static String unserializableMarker(Object value) {
		return "<unserializable: " + simpleName(value.getClass()) + ">";
	}

	/**
	 * Walks a value.
	 * @param value the value
	 * @return its tree, a partial tree after an overflow, or {@code null} when nothing of it fit
	 */
	@Nullable JsonNode walk(@Nullable Object value) {
		if (this.overflow) {
			return null;
		}
		if (value == null) {
			return reserve(4) ? NullNode.getInstance() : null;
		}
		if (value instanceof String string) {
			return string(string, null);
		}
		if (value instanceof JsonNode node) {
			return node(node);
		}
		if (value instanceof Number number) {
			return number(number);
		}
		if (value instanceof Boolean bool) {
			return reserve(bool ? 4 : 5) ? NODES.booleanNode(bool) : null;
		}
		if (value instanceof Map<?, ?> map) {
			return map(map);
		}
		if (value instanceof Path) {
			// A Path is an Iterable of Paths, each of them iterable again: write it as text.
			return string(value.toString(), null);
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
			return string(constant.name(), null);
		}
		if (value instanceof CharSequence text) {
			return string(text, null);
		}
		if (value instanceof Character || value instanceof UUID || isJavaTime(value)) {
			return string(value.toString(), null);
		}
		if (value instanceof Date date) {
			return string(Instant.ofEpochMilli(date.getTime()).toString(), null);
		}
		if (value instanceof Throwable throwable) {
			return error(throwable);
		}
		if (value instanceof OptionalInt || value instanceof OptionalLong || value instanceof OptionalDouble) {
			return optionalPrimitive(value);
		}
		if (isConsumable(value)) {
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
		if (!reserve(2)) {
			return result;
		}
		enter(names);
		int count = Math.max(names.length, values.length);
		for (int i = 0; i < count; i++) {
			String name = (i < names.length && names[i] != null) ? names[i] : "arg" + i;
			Object value = (i < values.length) ? values[i] : null;
			if (!property(result, name, value)) {
				break;
			}
		}
		exit();
		return result;
	}

	/**
	 * The envelope of a string value that did not fit: a prefix of it that fits, and its length in chars.
	 * @param original the string
	 * @return the envelope
	 */
	ObjectNode stringEnvelope(CharSequence original) {
		int length = original.length();
		scan(original, length, Math.max(0, this.limit - STRING_ENVELOPE_OVERHEAD - digits(length)));
		ObjectNode envelope = NODES.objectNode();
		envelope.put("truncated", true);
		envelope.put("value", sanitize(original, this.scanEnd, this.scanDirty));
		envelope.put("original_length", length);
		return envelope;
	}

	/**
	 * The envelope of any other value that did not fit: a prefix of the JSON text of the part walked, and the
	 * estimated size (a lower bound, since the walk stopped at the limit).
	 * @param partial the part walked
	 * @return the envelope
	 */
	ObjectNode envelope(@Nullable JsonNode partial) {
		String text = "";
		if (partial != null) {
			try {
				text = ContentCapture.DefaultMapper.INSTANCE.writeValueAsString(partial);
			}
			catch (RuntimeException ex) {
				// Keep the empty preview: the size is still worth reporting.
			}
		}
		long originalSize = Math.max(this.size, this.limit + 1);
		scan(text, text.length(), Math.max(0, this.limit - PREVIEW_ENVELOPE_OVERHEAD - digits(originalSize)));
		ObjectNode envelope = NODES.objectNode();
		envelope.put("truncated", true);
		envelope.put("preview", sanitize(text, this.scanEnd, this.scanDirty));
		envelope.put("original_size", originalSize);
		return envelope;
	}

	private boolean reserve(long bytes) {
		this.size += bytes;
		if (this.size > this.limit) {
			this.overflow = true;
			return false;
		}
		return true;
	}

	/**
	 * Pushes a container on the path.
	 * @param container the container
	 * @return {@code null} when entered (call {@link #exit()} after), else the marker to write instead
	 */
	private @Nullable String enter(Object container) {
		if (this.depth >= MAX_DEPTH) {
			return "<max depth exceeded: " + simpleName(container.getClass()) + ">";
		}
		Object[] path = this.path;
		if (path == null) {
			path = new Object[8];
			this.path = path;
		}
		for (int i = 0; i < this.depth; i++) {
			if (path[i] == container) {
				return "<cycle: " + simpleName(container.getClass()) + ">";
			}
		}
		if (this.depth == path.length) {
			path = Arrays.copyOf(path, path.length * 2);
			this.path = path;
		}
		path[this.depth++] = container;
		return null;
	}

	private void exit() {
		Object[] path = this.path;
		if (path != null) {
			path[--this.depth] = null;
		}
	}

	// Strings

	/**
	 * Walks a string.
	 * @param value the characters
	 * @param original the node holding them, reused when they need no rewriting
	 * @return the string node, a prefix of it on overflow
	 */
	private @Nullable JsonNode string(CharSequence value, @Nullable JsonNode original) {
		if (this.overflow) {
			return null;
		}
		int length = value.length();
		scan(value, length, this.limit - this.size - 2);
		if (this.scanEnd == length && this.size + this.scanBytes + 2 <= this.limit) {
			this.size += this.scanBytes + 2;
			if (original != null && !this.scanDirty) {
				return original;
			}
			return NODES.stringNode(sanitize(value, length, this.scanDirty));
		}
		String prefix = sanitize(value, this.scanEnd, this.scanDirty);
		this.size += this.scanBytes + 2 + (length - this.scanEnd);
		this.overflow = true;
		return NODES.stringNode(prefix);
	}

	/**
	 * Sanitizes a key and reserves its bytes (quotes and colon included).
	 * @param key the key
	 * @return the sanitized key, or {@code null} when it does not fit
	 */
	private @Nullable String key(String key) {
		int length = key.length();
		scan(key, length, this.limit - this.size - 3);
		if (this.scanEnd == length && this.size + this.scanBytes + 3 <= this.limit) {
			this.size += this.scanBytes + 3;
			return sanitize(key, length, this.scanDirty);
		}
		this.size += this.scanBytes + 3 + (length - this.scanEnd);
		this.overflow = true;
		return null;
	}

	/**
	 * Measures the longest prefix of {@code value} whose escaped UTF-8 size fits in {@code room} bytes, never
	 * splitting a surrogate pair. Sets {@link #scanEnd}, {@link #scanBytes} and {@link #scanDirty} (whether the
	 * prefix holds U+0000 or a lone surrogate, which {@link #sanitize} removes or replaces). Reads at most about
	 * {@code room} characters, so a huge string is cut without being read.
	 */
	private void scan(CharSequence value, int length, long room) {
		long bytes = 0;
		boolean dirty = false;
		int i = 0;
		while (i < length) {
			char c = value.charAt(i);
			int size;
			int width = 1;
			boolean rewrite = false;
			if (c < 0x80) {
				size = ASCII_SIZE[c];
				rewrite = (c == 0);
			}
			else if (c < 0x800) {
				size = 2;
			}
			else if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
					size = 4;
					width = 2;
				}
				else {
					size = 3;
					rewrite = true;
				}
			}
			else {
				size = 3;
			}
			if (bytes + size > room) {
				break;
			}
			bytes += size;
			i += width;
			dirty |= rewrite;
		}
		this.scanEnd = i;
		this.scanBytes = bytes;
		this.scanDirty = dirty;
	}

	/**
	 * Copies the first {@code end} characters, dropping U+0000 and replacing lone surrogates with U+FFFD (Jackson
	 * would write them as escaped lone surrogates, which Postgres {@code jsonb} rejects just like U+0000).
	 * Returns the string itself when it needs neither a cut nor a rewrite.
	 */
	private static String sanitize(CharSequence value, int end, boolean dirty) {
		String prefix;
		if (value instanceof String string) {
			prefix = (end == string.length()) ? string : string.substring(0, end);
		}
		else {
			prefix = value.subSequence(0, end).toString();
		}
		return dirty ? WireText.sanitize(prefix) : prefix;
	}

	private @Nullable JsonNode bytes(byte[] bytes) {
		long encoded = 4L * ((bytes.length + 2L) / 3);
		long room = this.limit - this.size - 2;
		if (encoded <= room) {
			this.size += encoded + 2;
			return NODES.stringNode(Base64.getEncoder().encodeToString(bytes));
		}
		this.size += encoded + 2;
		this.overflow = true;
		int fit = (int) Math.max(0, Math.min(bytes.length, room / 4 * 3));
		return NODES.stringNode(Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, fit)));
	}

	// Numbers

	private @Nullable JsonNode number(Number number) {
		if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
			int value = number.intValue();
			return reserve(digits(value)) ? NODES.numberNode(value) : null;
		}
		if (number instanceof Long || number instanceof AtomicInteger || number instanceof AtomicLong
				|| number instanceof LongAdder || number instanceof LongAccumulator) {
			long value = number.longValue();
			return reserve(digits(value)) ? NODES.numberNode(value) : null;
		}
		if (number instanceof Float value) {
			return (isFinite(value)) ? (reserve(FLOAT_SIZE) ? NODES.numberNode(value.floatValue()) : null)
					: nonFinite();
		}
		if (number instanceof BigDecimal value) {
			return reserve(decimalSize(value)) ? NODES.numberNode(value) : null;
		}
		if (number instanceof BigInteger value) {
			return reserve(integerSize(value)) ? NODES.numberNode(value) : null;
		}
		// Double, DoubleAdder, DoubleAccumulator and unknown Number types.
		double value = number.doubleValue();
		return (isFinite(value)) ? (reserve(DOUBLE_SIZE) ? NODES.numberNode(value) : null) : nonFinite();
	}

	private @Nullable JsonNode nonFinite() {
		return reserve(4) ? NullNode.getInstance() : null;
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

	private static boolean isFinite(double value) {
		return !Double.isNaN(value) && !Double.isInfinite(value);
	}

	static int digits(long value) {
		if (value == Long.MIN_VALUE) {
			return 20;
		}
		int digits = 1;
		if (value < 0) {
			digits++;
			value = -value;
		}
		while (value >= 10) {
			value /= 10;
			digits++;
		}
		return digits;
	}

	private static long integerSize(BigInteger value) {
		int bits = value.bitLength();
		return (bits < 63) ? digits(value.longValue()) : (long) (bits * 0.30103) + 2;
	}

	private static long decimalSize(BigDecimal value) {
		int precision = value.precision();
		// Short decimals: exact, and BigDecimal caches the text the serializer will ask for again.
		return (precision <= 32) ? value.toString().length() : precision + 14L;
	}

	// Containers

	private @Nullable JsonNode map(Map<?, ?> map) {
		String refusal = enter(map);
		if (refusal != null) {
			return string(refusal, null);
		}
		try {
			if (!reserve(2)) {
				return null;
			}
			ObjectNode result = NODES.objectNode();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!property(result, keyOf(entry.getKey()), entry.getValue())) {
					break;
				}
			}
			return result;
		}
		catch (RuntimeException ex) {
			// Concurrent modification, a failing entry set: the map as a whole is unserializable.
			return unserializable(map);
		}
		finally {
			exit();
		}
	}

	private @Nullable JsonNode iterable(Iterable<?> iterable) {
		String refusal = enter(iterable);
		if (refusal != null) {
			return string(refusal, null);
		}
		try {
			if (!reserve(2)) {
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
		catch (RuntimeException ex) {
			return unserializable(iterable);
		}
		finally {
			exit();
		}
	}

	private @Nullable JsonNode array(Object array) {
		if (array instanceof byte[] bytes) {
			return bytes(bytes);
		}
		if (array instanceof char[] chars) {
			return string(CharBuffer.wrap(chars), null);
		}
		String refusal = enter(array);
		if (refusal != null) {
			return string(refusal, null);
		}
		try {
			if (!reserve(2)) {
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
			exit();
		}
	}

	/**
	 * Adds one property, redacting its value when the key names a secret.
	 * @return whether the walk goes on
	 */
	private boolean property(ObjectNode target, String rawKey, @Nullable Object value) {
		if (target.size() > 0 && !reserve(1)) {
			return false;
		}
		String key = key(rawKey);
		if (key == null) {
			return false;
		}
		JsonNode child = this.matcher.matches(key) ? redacted() : walk(value);
		if (child != null && target.putIfAbsent(key, child) != null) {
			// Two keys equal once sanitized or converted to text ("a\u0000b" and "ab", 1 and "1"): keep both values.
			String unique = WireText.uniqueKey(key, target::has);
			if (reserve(unique.length() - key.length())) {
				target.set(unique, child);
			}
		}
		return !this.overflow;
	}

	/**
	 * Adds one array element.
	 * @return whether the walk goes on
	 */
	private boolean element(ArrayNode target, @Nullable Object value) {
		if (target.size() > 0 && !reserve(1)) {
			return false;
		}
		JsonNode child = walk(value);
		if (child != null) {
			target.add(child);
		}
		return !this.overflow;
	}

	private @Nullable JsonNode redacted() {
		return reserve(REDACTED_SIZE) ? REDACTED_NODE : null;
	}

	private static String keyOf(@Nullable Object key) {
		if (key instanceof String string) {
			return string;
		}
		if (key == null) {
			return "null";
		}
		try {
			String text = key.toString();
			return (text != null) ? text : "null";
		}
		catch (RuntimeException ex) {
			return unserializableMarker(key);
		}
	}

	// Trees

	private @Nullable JsonNode node(JsonNode node) {
		return switch (node.getNodeType()) {
			case STRING -> string(node.stringValue(), node);
			case NUMBER -> numberNode(node);
			case BOOLEAN -> reserve(node.booleanValue() ? 4 : 5) ? node : null;
			case NULL, MISSING -> reserve(4) ? NullNode.getInstance() : null;
			case BINARY -> bytes(node.binaryValue());
			case OBJECT -> objectNode(node);
			case ARRAY -> arrayNode(node);
			case POJO -> (node instanceof POJONode pojo) ? walk(pojo.getPojo()) : unserializable(node);
			default -> unserializable(node);
		};
	}

	private @Nullable JsonNode numberNode(JsonNode node) {
		JsonParser.NumberType type = node.numberType();
		if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
			return reserve(digits(node.longValue())) ? node : null;
		}
		if (type == JsonParser.NumberType.BIG_INTEGER) {
			return reserve(integerSize(node.bigIntegerValue())) ? node : null;
		}
		if (type == JsonParser.NumberType.BIG_DECIMAL) {
			return reserve(decimalSize(node.decimalValue())) ? node : null;
		}
		if (!isFinite(node.doubleValue())) {
			return nonFinite();
		}
		return reserve((type == JsonParser.NumberType.FLOAT) ? FLOAT_SIZE : DOUBLE_SIZE) ? node : null;
	}

	private @Nullable JsonNode objectNode(JsonNode node) {
		String refusal = enter(node);
		if (refusal != null) {
			return string(refusal, null);
		}
		try {
			if (!reserve(2)) {
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
			exit();
		}
	}

	private @Nullable JsonNode arrayNode(JsonNode node) {
		String refusal = enter(node);
		if (refusal != null) {
			return string(refusal, null);
		}
		try {
			if (!reserve(2)) {
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
			exit();
		}
	}

	// Everything else

	private @Nullable JsonNode error(Throwable throwable) {
		ErrorInfo info;
		try {
			info = ErrorInfo.of(throwable);
		}
		catch (RuntimeException ex) {
			// A getMessage() that throws.
			return unserializable(throwable);
		}
		if (!reserve(2)) {
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
		String refusal = enter(value);
		if (refusal != null) {
			return string(refusal, null);
		}
		try {
			JsonNode tree;
			try {
				tree = this.converter.apply(value);
			}
			catch (RuntimeException | StackOverflowError | LinkageError ex) {
				return unserializable(value);
			}
			return walk(tree);
		}
		finally {
			exit();
		}
	}

	private @Nullable JsonNode unserializable(Object value) {
		return string(unserializableMarker(value), null);
	}

	private static boolean isJavaTime(Object value) {
		return (value instanceof TemporalAccessor || value instanceof TemporalAmount || value instanceof ZoneId)
				&& value.getClass().getName().startsWith("java.time.");
	}

	/**
	 * Tells whether reading the value would consume it (iterators, streams, readers), taking it away from the
	 * application.
	 */
	private static boolean isConsumable(Object value) {
		return value instanceof Iterator || value instanceof Spliterator || value instanceof Enumeration
				|| value instanceof BaseStream || value instanceof InputStream || value instanceof Reader;
	}

	static String simpleName(Class<?> type) {
		String name = type.getSimpleName();
		return name.isEmpty() ? type.getName() : name;
	}

}
