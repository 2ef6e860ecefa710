package ai.northstar.capture;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

import ai.northstar.internal.WireText;

/**
 * Sizes of JSON text: how many UTF-8 bytes a string takes once escaped (exactly), a number at most, and how a
 * string is cut to fit and made storable. Stateless; the results of {@link #scan} come packed in one {@code long}
 * so that measuring allocates nothing.
 */
final class JsonText {

	/** Upper bound of a double's JSON text ({@code -1.2345678901234567E-308} plus one). */
	static final int DOUBLE_SIZE = 25;

	/** Upper bound of a float's JSON text. */
	static final int FLOAT_SIZE = 16;

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

	private JsonText() {
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

	/**
	 * Measures the longest prefix of {@code value} whose escaped UTF-8 size fits in {@code room} bytes, never
	 * splitting a surrogate pair. Reads at most about {@code room} characters, so a huge string is cut without being
	 * read.
	 * @param value the characters
	 * @param length how many of them to look at
	 * @param room the bytes available, at most {@link Integer#MAX_VALUE}
	 * @return the prefix's {@linkplain #scanEnd end}, {@linkplain #scanBytes size} and whether it is
	 * {@linkplain #scanDirty dirty}, packed
	 */
	static long scan(CharSequence value, int length, long room) {
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
		// bytes <= room <= Integer.MAX_VALUE and i <= Integer.MAX_VALUE: 31 bits each, plus one flag bit.
		return (bytes << 32) | ((long) i << 1) | (dirty ? 1 : 0);
	}

	/**
	 * The end of the prefix measured by {@link #scan}.
	 * @param scan the result of {@code scan}
	 * @return the number of characters that fit
	 */
	static int scanEnd(long scan) {
		return (int) ((scan >>> 1) & 0x7FFF_FFFFL);
	}

	/**
	 * The escaped UTF-8 size of the prefix measured by {@link #scan}, quotes excluded.
	 * @param scan the result of {@code scan}
	 * @return the bytes it takes
	 */
	static long scanBytes(long scan) {
		return scan >>> 32;
	}

	/**
	 * Whether the prefix measured by {@link #scan} holds U+0000 or a lone surrogate, which {@link #sanitize} removes
	 * or replaces.
	 * @param scan the result of {@code scan}
	 * @return whether it needs rewriting
	 */
	static boolean scanDirty(long scan) {
		return (scan & 1) != 0;
	}

	/**
	 * Copies the first {@code end} characters, dropping U+0000 and replacing lone surrogates with U+FFFD (Jackson
	 * would write them as escaped lone surrogates, which Postgres {@code jsonb} rejects just like U+0000).
	 * Returns the string itself when it needs neither a cut nor a rewrite.
	 */
	static String sanitize(CharSequence value, int end, boolean dirty) {
		String prefix;
		if (value instanceof String string) {
			prefix = (end == string.length()) ? string : string.substring(0, end);
		}
		else {
			prefix = value.subSequence(0, end).toString();
		}
		return dirty ? WireText.sanitize(prefix) : prefix;
	}

	static boolean isFinite(double value) {
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

	static long integerSize(BigInteger value) {
		int bits = value.bitLength();
		return (bits < 63) ? digits(value.longValue()) : (long) (bits * 0.30103) + 2;
	}

	static long decimalSize(BigDecimal value) {
		int precision = value.precision();
		// Short decimals: exact, and BigDecimal caches the text the serializer will ask for again.
		return (precision <= 32) ? value.toString().length() : precision + 14L;
	}

}
