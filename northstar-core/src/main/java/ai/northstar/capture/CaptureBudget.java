package ai.northstar.capture;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The byte account of one capture: the estimated serialized size so far against the cap, and the leaves (strings,
 * keys, numbers, booleans, bytes, the redaction marker) built and counted against it. The estimate never undercounts
 * strings and overcounts floating-point numbers, so a tree built without overflow serializes within the cap. Once
 * the estimate passes the cap it stays overflowed, and builds the envelope that replaces the value.
 * <p>
 * Not thread-safe: one instance per capture.
 */
final class CaptureBudget {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final StringNode REDACTED_NODE = StringNode.valueOf(ContentCapture.REDACTED);

	private static final int REDACTED_SIZE = ContentCapture.REDACTED.length() + 2;

	private static final int STRING_ENVELOPE_OVERHEAD = "{\"truncated\":true,\"value\":\"\",\"original_length\":}"
		.length();

	private static final int PREVIEW_ENVELOPE_OVERHEAD = "{\"truncated\":true,\"preview\":\"\",\"original_size\":}"
		.length();

	private final long limit;

	/** Estimated serialized size so far; after an overflow, a lower bound of the whole value's size. */
	private long size;

	private boolean overflow;

	CaptureBudget(int limit) {
		this.limit = limit;
	}

	boolean overflowed() {
		return this.overflow;
	}

	/**
	 * Counts bytes against the cap.
	 * @param bytes the bytes
	 * @return whether they fit; when not, the budget is overflowed from now on
	 */
	boolean reserve(long bytes) {
		this.size += bytes;
		if (this.size > this.limit) {
			this.overflow = true;
			return false;
		}
		return true;
	}

	/**
	 * Counts a string.
	 * @param value the characters
	 * @param original the node holding them, reused when they need no rewriting
	 * @return the string node, a prefix of it on overflow, {@code null} when already overflowed
	 */
	@Nullable JsonNode string(CharSequence value, @Nullable JsonNode original) {
		if (this.overflow) {
			return null;
		}
		int length = value.length();
		long scan = JsonText.scan(value, length, this.limit - this.size - 2);
		int end = JsonText.scanEnd(scan);
		long bytes = JsonText.scanBytes(scan);
		boolean dirty = JsonText.scanDirty(scan);
		if (end == length && this.size + bytes + 2 <= this.limit) {
			this.size += bytes + 2;
			if (original != null && !dirty) {
				return original;
			}
			return NODES.stringNode(JsonText.sanitize(value, length, dirty));
		}
		String prefix = JsonText.sanitize(value, end, dirty);
		this.size += bytes + 2 + (length - end);
		this.overflow = true;
		return NODES.stringNode(prefix);
	}

	/**
	 * Sanitizes a key and counts its bytes (quotes and colon included).
	 * @param key the key
	 * @return the sanitized key, or {@code null} when it does not fit
	 */
	@Nullable String key(String key) {
		int length = key.length();
		long scan = JsonText.scan(key, length, this.limit - this.size - 3);
		int end = JsonText.scanEnd(scan);
		long bytes = JsonText.scanBytes(scan);
		if (end == length && this.size + bytes + 3 <= this.limit) {
			this.size += bytes + 3;
			return JsonText.sanitize(key, length, JsonText.scanDirty(scan));
		}
		this.size += bytes + 3 + (length - end);
		this.overflow = true;
		return null;
	}

	/**
	 * Counts bytes written as base64.
	 * @param bytes the bytes
	 * @return their string node, of a prefix of them on overflow
	 */
	JsonNode bytes(byte[] bytes) {
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

	@Nullable JsonNode nullNode() {
		return reserve(4) ? NullNode.getInstance() : null;
	}

	@Nullable JsonNode bool(boolean value) {
		return reserve(value ? 4 : 5) ? NODES.booleanNode(value) : null;
	}

	@Nullable JsonNode redacted() {
		return reserve(REDACTED_SIZE) ? REDACTED_NODE : null;
	}

	/**
	 * Counts a number; {@code NaN} and infinities become {@code null}.
	 * @param number the number
	 * @return its node, {@code null} when it does not fit
	 */
	@Nullable JsonNode number(Number number) {
		if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
			int value = number.intValue();
			return reserve(JsonText.digits(value)) ? NODES.numberNode(value) : null;
		}
		if (number instanceof Long || number instanceof AtomicInteger || number instanceof AtomicLong
				|| number instanceof LongAdder || number instanceof LongAccumulator) {
			long value = number.longValue();
			return reserve(JsonText.digits(value)) ? NODES.numberNode(value) : null;
		}
		if (number instanceof Float value) {
			return (JsonText.isFinite(value))
					? (reserve(JsonText.FLOAT_SIZE) ? NODES.numberNode(value.floatValue()) : null) : nullNode();
		}
		if (number instanceof BigDecimal value) {
			return reserve(JsonText.decimalSize(value)) ? NODES.numberNode(value) : null;
		}
		if (number instanceof BigInteger value) {
			return reserve(JsonText.integerSize(value)) ? NODES.numberNode(value) : null;
		}
		// Double, DoubleAdder, DoubleAccumulator and unknown Number types.
		double value = number.doubleValue();
		return (JsonText.isFinite(value)) ? (reserve(JsonText.DOUBLE_SIZE) ? NODES.numberNode(value) : null)
				: nullNode();
	}

	/**
	 * Counts a number node, reusing it; {@code NaN} and infinities become {@code null}.
	 * @param node the number node
	 * @return the node, {@code null} when it does not fit
	 */
	@Nullable JsonNode numberNode(JsonNode node) {
		JsonParser.NumberType type = node.numberType();
		if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
			return reserve(JsonText.digits(node.longValue())) ? node : null;
		}
		if (type == JsonParser.NumberType.BIG_INTEGER) {
			return reserve(JsonText.integerSize(node.bigIntegerValue())) ? node : null;
		}
		if (type == JsonParser.NumberType.BIG_DECIMAL) {
			return reserve(JsonText.decimalSize(node.decimalValue())) ? node : null;
		}
		if (!JsonText.isFinite(node.doubleValue())) {
			return nullNode();
		}
		return reserve((type == JsonParser.NumberType.FLOAT) ? JsonText.FLOAT_SIZE : JsonText.DOUBLE_SIZE) ? node
				: null;
	}

	/**
	 * The envelope of a string value that did not fit: a prefix of it that fits, and its length in chars.
	 * @param original the string
	 * @return the envelope
	 */
	ObjectNode stringEnvelope(CharSequence original) {
		int length = original.length();
		ObjectNode envelope = truncated("value", original,
				this.limit - STRING_ENVELOPE_OVERHEAD - JsonText.digits(length));
		envelope.put("original_length", length);
		return envelope;
	}

	/**
	 * The envelope of any other value that did not fit: a prefix of the JSON text of the part walked, and the
	 * estimated size (a lower bound, since the walk stopped at the cap).
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
		ObjectNode envelope = truncated("preview", text,
				this.limit - PREVIEW_ENVELOPE_OVERHEAD - JsonText.digits(originalSize));
		envelope.put("original_size", originalSize);
		return envelope;
	}

	/** Starts an envelope: {@code "truncated": true} and the longest prefix of the text that fits in the room. */
	private static ObjectNode truncated(String field, CharSequence text, long room) {
		long scan = JsonText.scan(text, text.length(), Math.max(0, room));
		ObjectNode envelope = NODES.objectNode();
		envelope.put("truncated", true);
		envelope.put(field, JsonText.sanitize(text, JsonText.scanEnd(scan), JsonText.scanDirty(scan)));
		return envelope;
	}

}
