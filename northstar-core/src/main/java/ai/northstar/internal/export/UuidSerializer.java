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

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	UuidSerializer() {
		super(UUID.class);
	}

	@Override
	public void serialize(UUID value, JsonGenerator gen, SerializationContext ctxt) {
		byte[] buf = new byte[38];
		buf[0] = '"';
		long most = value.getMostSignificantBits();
		long least = value.getLeastSignificantBits();
		hex(buf, 1, most >>> 32, 8);
		buf[9] = '-';
		hex(buf, 10, most >>> 16, 4);
		buf[14] = '-';
		hex(buf, 15, most, 4);
		buf[19] = '-';
		hex(buf, 20, least >>> 48, 4);
		buf[24] = '-';
		hex(buf, 25, least, 12);
		buf[37] = '"';
		AsciiValue.write(gen, buf, buf.length);
	}

	/** Writes the low {@code digits} hexadecimal digits of the value at the offset. */
	private static void hex(byte[] buf, int offset, long value, int digits) {
		for (int i = digits - 1; i >= 0; i--) {
			buf[offset + i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

}
