package ai.northstar.capture;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import ai.northstar.internal.Throwables;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Turns application values (method arguments, return values, messages) into JSON snapshots that are safe to send:
 * redacted, bounded in size, valid for the ingest backend, and detached from the application's objects.
 * <p>
 * <b>Snapshot.</b> The tree is built at capture time, so later changes to the captured objects do not show in it.
 * Strings, numbers ({@code BigDecimal} and {@code BigInteger} included), booleans and characters map to their
 * JSON counterparts; maps become objects (keys through {@link String#valueOf(Object)}); iterables and arrays (object
 * and primitive) become arrays; {@code byte[]} becomes a base64 string and {@code char[]} a string; an empty
 * {@link java.util.Optional} becomes {@code null}, a present one its value; an enum constant becomes its
 * {@link Enum#name() name}; {@code java.time} values, {@link java.util.UUID}, {@link java.nio.file.Path} and
 * {@link java.util.Date} become their ISO/canonical text; a {@link Throwable} becomes the error object
 * {@code {"type", "message", "module"}}; a {@link JsonNode} is copied. Records, POJOs and every other type go
 * through the {@linkplain Builder#objectConverter(Function) object converter} and the tree it returns is then
 * processed like everything else. Iterators, streams, readers and input streams are not read (reading them would
 * take them away from the application).
 * <p>
 * <b>Never failing.</b> Maps and collections are walked here, not by Jackson, so a container met again inside
 * itself becomes the marker {@code "<cycle: Type>"} and containers nested deeper than 64 levels become
 * {@code "<max depth exceeded: Type>"}. A value the converter cannot handle (a cycle between POJOs, a getter that
 * throws, an object without properties) and a container whose iteration throws become
 * {@code "<unserializable: Type>"}.
 * <p>
 * <b>JSON-safe.</b> {@code NaN} and infinite numbers become {@code null}; U+0000 is removed from every string and
 * every object key, and unpaired surrogates are replaced with U+FFFD, including in the converter's output; every
 * other character is kept. A key that becomes equal to an earlier key of the same object (once sanitized, or once
 * converted to text: {@code 1} and {@code "1"}) gets the suffix {@code ~2} (or {@code ~3}, ...), so no value is lost.
 * <p>
 * <b>Redaction.</b> A value whose key (map key, object property, POJO property after conversion, or parameter name
 * in {@link #captureArguments(String[], Object[])}) names a secret is replaced with {@value #REDACTED} before it is
 * looked at, at any depth. Matching normalizes both the key and each redact key (lower case, without {@code '_'},
 * {@code '-'}, {@code '.'} and spaces) and matches when the normalized key equals or <em>ends with</em> a
 * normalized redact key. With the defaults, {@code apiKey}, {@code api_key}, {@code X-Api-Key},
 * {@code accessToken}, {@code clientSecret}, {@code userPassword} and {@code Set-Cookie} are redacted, while
 * {@code max_tokens}, {@code tokenizer} and {@code secretary} are not. Names such as {@code secret_key} or
 * {@code private_key} do not end with a default key: add them (or {@code key}) through
 * {@link Builder#redactKeys(Collection)}.
 * <p>
 * <b>Size cap.</b> The JSON text of one captured content (UTF-8) stays within {@link #maxContentSize()} bytes.
 * The walk keeps an estimate of the serialized size, reads no more of a long string than can fit, and stops once
 * the cap is reached, so a huge value costs about as much as the cap. A value that does not fit is replaced with
 * an envelope that itself fits in the cap (for caps of at least about a hundred bytes):
 * <ul>
 * <li>a string: {@code {"truncated": true, "value": "<the prefix that fits>", "original_length": <chars>}};</li>
 * <li>anything else: {@code {"truncated": true, "preview": "<a prefix of its JSON text>", "original_size": <bytes>}},
 * where {@code original_size} is a lower bound, since the walk stopped at the cap.</li>
 * </ul>
 * <p>
 * Immutable and thread-safe. Example:
 * <pre class="code">
 * ContentCapture capture = ContentCapture.builder().redactKeys(List.of("ssn")).maxContentSize(16 * 1024).build();
 * JsonNode content = capture.capture(Map.of("query", "weather", "apiKey", "ns_123"));
 * // {"query":"weather","apiKey":"[REDACTED]"}
 * </pre>
 *
 * @since 0.1.0
 */
public final class ContentCapture {

	/** Default cap of one captured content, in bytes of serialized JSON (UTF-8): {@value}. */
	public static final int DEFAULT_MAX_CONTENT_SIZE = 64 * 1024;

	/**
	 * About the most bytes of tree the default object converter builds for one value before it gives up on it (the
	 * value's own strings, shared, not counted); see {@link #boundedConverter(ObjectMapper)}.
	 */
	public static final int MAX_CONVERTED_SIZE = 1024 * 1024;

	/**
	 * Keys whose values are always redacted: {@code api_key}, {@code authorization}, {@code cookie},
	 * {@code password}, {@code secret} and {@code token}.
	 */
	public static final Set<String> DEFAULT_REDACT_KEYS = Collections.unmodifiableSet(
			new LinkedHashSet<>(List.of("api_key", "authorization", "cookie", "password", "secret", "token")));

	/** The value written in place of a redacted one: {@value}. */
	public static final String REDACTED = "[REDACTED]";

	private static final ContentCapture DEFAULTS = builder().build();

	private final Set<String> redactKeys;

	private final RedactionMatcher matcher;

	private final int maxContentSize;

	/** Strings up to this length fit in the cap even if every character needed a 6-byte escape. */
	private final int plainStringLength;

	private final Function<Object, JsonNode> objectConverter;

	ContentCapture(Set<String> redactKeys, int maxContentSize, Function<Object, JsonNode> objectConverter) {
		this.redactKeys = Collections.unmodifiableSet(new LinkedHashSet<>(redactKeys));
		this.matcher = new RedactionMatcher(this.redactKeys);
		this.maxContentSize = maxContentSize;
		this.plainStringLength = Math.max(0, (maxContentSize - 2) / 6);
		this.objectConverter = objectConverter;
	}

	/**
	 * Returns the capture with the default settings: the {@link #DEFAULT_REDACT_KEYS default redact keys}, a cap of
	 * {@value #DEFAULT_MAX_CONTENT_SIZE} bytes and an internal {@link JsonMapper} for other objects.
	 * @return the shared default capture
	 */
	public static ContentCapture defaults() {
		return DEFAULTS;
	}

	/**
	 * Starts a builder with the default settings.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Captures one value as a JSON snapshot, following the rules described on this class.
	 * @param value the value, possibly {@code null}
	 * @return its snapshot; {@link NullNode} for {@code null}; an envelope when it is over the cap; never fails
	 * (other than with the JVM's own errors, such as {@link OutOfMemoryError})
	 */
	public JsonNode capture(@Nullable Object value) {
		if (value == null) {
			return NullNode.getInstance();
		}
		if (value instanceof String string && string.length() <= this.plainStringLength
				&& JsonText.isPlain(string)) {
			return StringNode.valueOf(string);
		}
		return walk(value, this.maxContentSize);
	}

	/**
	 * Captures one value within a smaller cap than {@link #maxContentSize()}, for one entry of a record whose whole
	 * size is bounded (run metadata, span attributes). See {@link #capture(Object)}.
	 * @param value the value, possibly {@code null}
	 * @param maxSize the cap of this value, in bytes of serialized JSON; at most {@link #maxContentSize()} applies
	 * @return its snapshot, or an envelope when it is over the cap; never fails
	 */
	public JsonNode capture(@Nullable Object value, int maxSize) {
		if (maxSize >= this.maxContentSize) {
			return capture(value);
		}
		if (value == null) {
			return NullNode.getInstance();
		}
		return walk(value, Math.max(1, maxSize));
	}

	/**
	 * Captures method arguments as one object keyed by parameter name. Parameter names are keys like any other:
	 * an argument whose name names a secret is redacted. The whole object is one content for the size cap. A
	 * missing name becomes {@code arg<index>}, a missing value {@code null}.
	 * @param names the parameter names
	 * @param values the arguments, in the same order
	 * @return {@code {name: captured value, ...}}, or the envelope when it is over the cap; never fails (other than
	 * with the JVM's own errors, such as {@link OutOfMemoryError})
	 */
	public ObjectNode captureArguments(String[] names, @Nullable Object[] values) {
		CaptureWalker walker = newWalker();
		try {
			ObjectNode result = walker.arguments(names, values);
			return walker.overflowed() ? walker.envelope(result) : result;
		}
		catch (Throwable ex) {
			Throwables.rethrowIfFatal(ex);
			return JsonNodeFactory.instance.objectNode();
		}
	}

	/**
	 * Returns whether a value stored under the key is redacted; see the class description for how keys match.
	 * @param key the key
	 * @return {@code true} when its value is replaced with {@value #REDACTED}
	 */
	public boolean redacts(String key) {
		return this.matcher.matches(key);
	}

	/**
	 * Returns the keys whose values are redacted: the defaults followed by the added ones.
	 * @return the redact keys, unmodifiable
	 */
	public Set<String> redactKeys() {
		return this.redactKeys;
	}

	/**
	 * Returns the cap of one captured content.
	 * @return bytes of serialized JSON (UTF-8)
	 */
	public int maxContentSize() {
		return this.maxContentSize;
	}

	private CaptureWalker newWalker() {
		return new CaptureWalker(this.matcher, this.objectConverter, this.maxContentSize);
	}

	/** Walks a value that is not {@code null} within the cap, replacing it with its envelope when it does not fit. */
	private JsonNode walk(Object value, int limit) {
		CaptureWalker walker = new CaptureWalker(this.matcher, this.objectConverter, limit);
		try {
			JsonNode result = walker.walk(value);
			if (!walker.overflowed() && result != null) {
				return result;
			}
			if (value instanceof CharSequence text) {
				return walker.stringEnvelope(text);
			}
			if (value instanceof JsonNode node && node.isString()) {
				return walker.stringEnvelope(node.stringValue());
			}
			return walker.envelope(result);
		}
		catch (Throwable ex) {
			Throwables.rethrowIfFatal(ex);
			return StringNode.valueOf(ValueTypes.unserializableMarker(value));
		}
	}

	private static JsonNode defaultConvert(Object value) {
		return BoundedConversion.convert(DefaultMapper.INSTANCE, value, MAX_CONVERTED_SIZE);
	}

	/**
	 * Returns an object converter that is a mapper's {@code valueToTree}, but gives up on a value once its tree
	 * passes about {@value #MAX_CONVERTED_SIZE} bytes: such a value becomes {@code "<too large: Type>"} instead of a
	 * tree of any size built on the application's thread (the content cap applies to the tree afterwards). The
	 * default converter is this over Jackson's defaults; the Spring Boot starter uses it over the application's
	 * mapper.
	 * @param mapper the mapper
	 * @return the converter, thread-safe
	 */
	public static Function<Object, JsonNode> boundedConverter(ObjectMapper mapper) {
		Objects.requireNonNull(mapper, "mapper must not be null");
		return (value) -> BoundedConversion.convert(mapper, value, MAX_CONVERTED_SIZE);
	}

	/**
	 * Holds the default converter's mapper, created at first use: Jackson's defaults, except that a type without
	 * properties fails (and so becomes the unserializable marker) instead of becoming an empty object.
	 */
	static final class DefaultMapper {

		static final JsonMapper INSTANCE = JsonMapper.builder()
			.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.build();

		private DefaultMapper() {
		}

	}

	/**
	 * Builds a {@link ContentCapture}. Settings are validated as they are given.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Set<String> redactKeys = new LinkedHashSet<>(DEFAULT_REDACT_KEYS);

		private int maxContentSize = DEFAULT_MAX_CONTENT_SIZE;

		private Function<Object, JsonNode> objectConverter = ContentCapture::defaultConvert;

		Builder() {
		}

		/**
		 * Adds keys to redact, on top of the {@link ContentCapture#DEFAULT_REDACT_KEYS defaults} (which cannot be
		 * removed). Calls add up. See {@link ContentCapture} for how keys are matched.
		 * @param extraKeys the keys to add
		 * @return this builder
		 * @throws IllegalArgumentException when a key is {@code null} or made only of {@code '_'}, {@code '-'},
		 * {@code '.'} and spaces (it would match every key)
		 */
		public Builder redactKeys(Collection<String> extraKeys) {
			Objects.requireNonNull(extraKeys, "redactKeys must not be null");
			for (String key : extraKeys) {
				if (key == null) {
					throw new IllegalArgumentException("redactKeys must not contain null");
				}
				if (RedactionMatcher.normalize(key).isEmpty()) {
					throw new IllegalArgumentException(
							"redactKeys must not contain keys made only of '_', '-', '.' and spaces, was '" + key + "'");
				}
			}
			this.redactKeys.addAll(extraKeys);
			return this;
		}

		/**
		 * Sets the cap of one captured content. Default {@value ContentCapture#DEFAULT_MAX_CONTENT_SIZE}.
		 * @param bytes bytes of serialized JSON (UTF-8), {@code > 0}
		 * @return this builder
		 * @throws IllegalArgumentException when {@code bytes <= 0}
		 */
		public Builder maxContentSize(int bytes) {
			if (bytes <= 0) {
				throw new IllegalArgumentException("maxContentSize must be > 0, was " + bytes);
			}
			this.maxContentSize = bytes;
			return this;
		}

		/**
		 * Sets how records, POJOs and other types without a built-in mapping become a tree. The tree it returns is
		 * then sanitized, redacted and capped like any other value; whatever it throws (an exception, a
		 * {@link StackOverflowError}, an {@link AssertionError}), but for the JVM's own errors such as
		 * {@link OutOfMemoryError}, turns the value into {@code "<unserializable: Type>"}. Default: the
		 * {@link ContentCapture#boundedConverter bounded converter} over an internal {@link JsonMapper} with
		 * Jackson's defaults plus {@link SerializationFeature#FAIL_ON_EMPTY_BEANS} (so a type without properties
		 * becomes the unserializable marker, not {@code {}}). The Spring Boot starter passes the bounded converter
		 * over the application's {@code JsonMapper}.
		 * @param converter the converter, thread-safe
		 * @return this builder
		 */
		public Builder objectConverter(Function<Object, JsonNode> converter) {
			this.objectConverter = Objects.requireNonNull(converter, "objectConverter must not be null");
			return this;
		}

		/**
		 * Builds the capture.
		 * @return a new, immutable capture
		 */
		public ContentCapture build() {
			return new ContentCapture(this.redactKeys, this.maxContentSize, this.objectConverter);
		}

	}

}
