package ai.northstar.capture;

import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;

import tools.jackson.core.Base64Variant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.StringNode;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Converts a value to a tree the way {@code valueToTree} does, through a generator that counts what the conversion
 * builds and gives up past a bound: a value that would make a larger tree (an array of millions of numbers, a graph
 * of entities) stops being serialized there and becomes {@code "<too large: Type>"}, instead of a tree of any size
 * built on the application's thread. The count is about the bytes of the tree's nodes: each token, and the text the
 * conversion copies; a long string the value holds is shared, not copied, and is cut by the content cap afterwards.
 */
final class BoundedConversion extends JsonGeneratorDelegate {

	/** Thrown past the bound, shared: without a stack trace or suppressed exceptions, nothing about it changes. */
	private static final RuntimeException OVERFLOW = new Overflow();

	/** What one token costs in the buffer and the tree, about, in bytes. */
	private static final int TOKEN = 16;

	/**
	 * The characters a string counts for at most: the buffer and the tree share the value's own string, which the
	 * content cap then cuts, so only what their nodes add is counted.
	 */
	private static final int SHARED_TEXT = 64;

	private final long maxSize;

	private long size;

	private BoundedConversion(JsonGenerator delegate, long maxSize) {
		// false: nested values are serialized through this generator, so they are counted too.
		super(delegate, false);
		this.maxSize = maxSize;
	}

	static JsonNode convert(ObjectMapper mapper, Object value, long maxSize) {
		try (TokenBuffer buffer = TokenBuffer.forGeneration()) {
			try {
				mapper.writeValue(new BoundedConversion(buffer, maxSize), value);
			}
			catch (RuntimeException ex) {
				if (isOverflow(ex)) {
					return StringNode.valueOf("<too large: " + ValueTypes.simpleName(value.getClass()) + ">");
				}
				throw ex;
			}
			return mapper.readTree(buffer);
		}
	}

	/** Whether a failure is, or was caused by, the bound being passed: serializers wrap what they meet. */
	private static boolean isOverflow(Throwable failure) {
		int depth = 0;
		for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
			if (cause == OVERFLOW) {
				return true;
			}
		}
		return false;
	}

	private void count(long more) {
		this.size += more;
		if (this.size > this.maxSize) {
			throw OVERFLOW;
		}
	}

	@Override
	public JsonGenerator writeString(String text) {
		count(TOKEN + ((text != null) ? Math.min(text.length(), SHARED_TEXT) : 0));
		return super.writeString(text);
	}

	@Override
	public JsonGenerator writeString(char[] text, int offset, int length) {
		count(TOKEN + length);
		return super.writeString(text, offset, length);
	}

	@Override
	public JsonGenerator writeString(SerializableString text) {
		count(TOKEN);
		return super.writeString(text);
	}

	@Override
	public JsonGenerator writeString(Reader reader, int length) {
		count(TOKEN + Math.max(length, 0));
		return super.writeString(reader, length);
	}

	@Override
	public JsonGenerator writeName(String name) {
		count(TOKEN);
		return super.writeName(name);
	}

	@Override
	public JsonGenerator writeName(SerializableString name) {
		count(TOKEN);
		return super.writeName(name);
	}

	@Override
	public JsonGenerator writePropertyId(long id) {
		count(TOKEN);
		return super.writePropertyId(id);
	}

	@Override
	public JsonGenerator writeNumber(short value) {
		count(TOKEN);
		return super.writeNumber(value);
	}

	@Override
	public JsonGenerator writeNumber(int value) {
		count(TOKEN);
		return super.writeNumber(value);
	}

	@Override
	public JsonGenerator writeNumber(long value) {
		count(TOKEN);
		return super.writeNumber(value);
	}

	@Override
	public JsonGenerator writeNumber(BigInteger value) {
		count(TOKEN);
		return super.writeNumber(value);
	}

	@Override
	public JsonGenerator writeNumber(double value) {
		count(TOKEN);
		return super.writeNumber(value);
	}

	@Override
	public JsonGenerator writeNumber(float value) {
		count(TOKEN);
		return super.writeNumber(value);
	}

	@Override
	public JsonGenerator writeNumber(BigDecimal value) {
		count(TOKEN);
		return super.writeNumber(value);
	}

	@Override
	public JsonGenerator writeNumber(String encodedValue) {
		count(TOKEN + ((encodedValue != null) ? Math.min(encodedValue.length(), SHARED_TEXT) : 0));
		return super.writeNumber(encodedValue);
	}

	@Override
	public JsonGenerator writeNumber(char[] text, int offset, int length) {
		count(TOKEN + length);
		return super.writeNumber(text, offset, length);
	}

	@Override
	public JsonGenerator writeArray(int[] array, int offset, int length) {
		count((long) TOKEN * (length + 2));
		return super.writeArray(array, offset, length);
	}

	@Override
	public JsonGenerator writeArray(long[] array, int offset, int length) {
		count((long) TOKEN * (length + 2));
		return super.writeArray(array, offset, length);
	}

	@Override
	public JsonGenerator writeArray(double[] array, int offset, int length) {
		count((long) TOKEN * (length + 2));
		return super.writeArray(array, offset, length);
	}

	@Override
	public JsonGenerator writeArray(String[] array, int offset, int length) {
		count((long) TOKEN * (length + 2));
		return super.writeArray(array, offset, length);
	}

	@Override
	public JsonGenerator writeBinary(Base64Variant variant, byte[] data, int offset, int length) {
		count(TOKEN + length);
		return super.writeBinary(variant, data, offset, length);
	}

	@Override
	public JsonGenerator writeBoolean(boolean state) {
		count(TOKEN);
		return super.writeBoolean(state);
	}

	@Override
	public JsonGenerator writeNull() {
		count(TOKEN);
		return super.writeNull();
	}

	@Override
	public JsonGenerator writeStartObject() {
		count(TOKEN);
		return super.writeStartObject();
	}

	@Override
	public JsonGenerator writeStartObject(Object forValue) {
		count(TOKEN);
		return super.writeStartObject(forValue);
	}

	@Override
	public JsonGenerator writeStartObject(Object forValue, int size) {
		count(TOKEN);
		return super.writeStartObject(forValue, size);
	}

	@Override
	public JsonGenerator writeStartArray() {
		count(TOKEN);
		return super.writeStartArray();
	}

	@Override
	public JsonGenerator writeStartArray(Object currentValue) {
		count(TOKEN);
		return super.writeStartArray(currentValue);
	}

	@Override
	public JsonGenerator writeStartArray(Object currentValue, int size) {
		count(TOKEN);
		return super.writeStartArray(currentValue, size);
	}

	@Override
	public JsonGenerator writeRaw(String text) {
		count(TOKEN + text.length());
		return super.writeRaw(text);
	}

	@Override
	public JsonGenerator writeRaw(String text, int offset, int length) {
		count(TOKEN + length);
		return super.writeRaw(text, offset, length);
	}

	@Override
	public JsonGenerator writeRaw(char[] text, int offset, int length) {
		count(TOKEN + length);
		return super.writeRaw(text, offset, length);
	}

	@Override
	public JsonGenerator writeRaw(char c) {
		count(TOKEN);
		return super.writeRaw(c);
	}

	@Override
	public JsonGenerator writeRaw(SerializableString raw) {
		count(TOKEN + raw.charLength());
		return super.writeRaw(raw);
	}

	@Override
	public JsonGenerator writeRawValue(String text) {
		count(TOKEN + text.length());
		return super.writeRawValue(text);
	}

	@Override
	public JsonGenerator writeRawValue(String text, int offset, int length) {
		count(TOKEN + length);
		return super.writeRawValue(text, offset, length);
	}

	@Override
	public JsonGenerator writeRawValue(char[] text, int offset, int length) {
		count(TOKEN + length);
		return super.writeRawValue(text, offset, length);
	}

	@Override
	public JsonGenerator writeEmbeddedObject(Object object) {
		count(TOKEN);
		return super.writeEmbeddedObject(object);
	}

	/** The bound was passed: it says nothing else. */
	private static final class Overflow extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Overflow() {
			super("over the bound", null, false, false);
		}

	}

}
