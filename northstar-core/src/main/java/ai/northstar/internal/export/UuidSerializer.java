package ai.northstar.internal.export;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a {@link UUID} exactly as {@link UUID#toString()} does, lower-case 8-4-4-4-12, as one raw value: ids are
 * the most frequent values of a batch (two or three per record), and their text, hexadecimal digits and dashes,
 * needs neither escaping nor sanitizing.
 */
final class UuidSerializer extends StdSerializer<UUID> {

	/** The two lower-case hexadecimal digits of every byte value: entry {@code 2b} and {@code 2b + 1} for {@code b}. */
	private static final byte[] HEX_PAIRS = hexPairs();

	/** The bytes of an id with its quotes. */
	static final int QUOTED_LENGTH = 38;

	UuidSerializer() {
		super(UUID.class);
	}

	@Override
	public void serialize(UUID value, JsonGenerator gen, SerializationContext ctxt) {
		byte[] buf = new byte[QUOTED_LENGTH];
		AsciiValue.write(gen, buf, write(value, buf, 0));
	}

	/**
	 * Writes the id, quoted, in {@value #QUOTED_LENGTH} bytes.
	 * @param value the id
	 * @param buf the array, with room for {@value #QUOTED_LENGTH} bytes at the offset
	 * @param at the offset
	 * @return the offset after the closing quote
	 */
	static int write(UUID value, byte[] buf, int at) {
		buf[at] = '"';
		long most = value.getMostSignificantBits();
		long least = value.getLeastSignificantBits();
		hex(buf, at + 1, most >>> 32, 8);
		buf[at + 9] = '-';
		hex(buf, at + 10, most >>> 16, 4);
		buf[at + 14] = '-';
		hex(buf, at + 15, most, 4);
		buf[at + 19] = '-';
		hex(buf, at + 20, least >>> 48, 4);
		buf[at + 24] = '-';
		hex(buf, at + 25, least, 12);
		buf[at + 37] = '"';
		return at + QUOTED_LENGTH;
	}

	private static byte[] hexPairs() {
		byte[] digits = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
		byte[] pairs = new byte[512];
		for (int b = 0; b < 256; b++) {
			pairs[2 * b] = digits[b >>> 4];
			pairs[2 * b + 1] = digits[b & 0xF];
		}
		return pairs;
	}

	/** Writes the low {@code digits} hexadecimal digits of the value at the offset, an even number, a byte at a time. */
	private static void hex(byte[] buf, int offset, long value, int digits) {
		for (int i = digits - 2; i >= 0; i -= 2) {
			int pair = 2 * (int) (value & 0xFF);
			buf[offset + i] = HEX_PAIRS[pair];
			buf[offset + i + 1] = HEX_PAIRS[pair + 1];
			value >>>= 8;
		}
	}

}
