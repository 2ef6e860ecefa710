package ai.northstar.internal.export;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

	/** Eight bytes of an array at once, the highest first. */
	private static final VarHandle EIGHT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	/** Four bytes of an array at once, the highest first. */
	private static final VarHandle FOUR = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

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
		long most = value.getMostSignificantBits();
		long least = value.getLeastSignificantBits();
		buf[at] = '"';
		EIGHT.set(buf, at + 1, hexDigits(most >>> 32));
		buf[at + 9] = '-';
		FOUR.set(buf, at + 10, (int) hexDigits(most >>> 16 & 0xFFFF));
		buf[at + 14] = '-';
		FOUR.set(buf, at + 15, (int) hexDigits(most & 0xFFFF));
		buf[at + 19] = '-';
		FOUR.set(buf, at + 20, (int) hexDigits(least >>> 48));
		buf[at + 24] = '-';
		FOUR.set(buf, at + 25, (int) hexDigits(least >>> 32 & 0xFFFF));
		EIGHT.set(buf, at + 29, hexDigits(least));
		buf[at + 37] = '"';
		return at + QUOTED_LENGTH;
	}

	/**
	 * Returns the eight lower-case hexadecimal digits of the low 32 bits of a value as eight ASCII bytes, the first
	 * digit in the highest byte, computed for all eight at once: each nibble is spread to a byte of its own, then
	 * {@code '0'} is added to every byte, and {@code 'a' - '0' - 10} more to those of 10 and above.
	 * @param value the value
	 * @return the digits, to be stored big-endian
	 */
	static long hexDigits(long value) {
		long x = value & 0xFFFF_FFFFL;
		x = ((x << 16) | x) & 0x0000_FFFF_0000_FFFFL;
		x = ((x << 8) | x) & 0x00FF_00FF_00FF_00FFL;
		x = ((x << 4) | x) & 0x0F0F_0F0F_0F0F_0F0FL;
		long letters = ((x + 0x0606_0606_0606_0606L) >>> 4) & 0x0101_0101_0101_0101L;
		return x + 0x3030_3030_3030_3030L + letters * ('a' - '0' - 10);
	}

}
