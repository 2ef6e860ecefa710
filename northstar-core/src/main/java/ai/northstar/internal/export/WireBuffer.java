package ai.northstar.internal.export;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import ai.northstar.internal.WireText;

/**
 * The UTF-8 bytes of a JSON body being written, and the few JSON primitives a batch needs, with {@link WireText}'s
 * two rules applied to every string in the same pass that encodes it: U+0000 is left out, and a lone surrogate is
 * written as U+FFFD; every other character is written as itself (supplementary ones as one 4-byte sequence).
 * Escapes are Jackson's: {@code \"}, {@code \\}, {@code \b}, {@code \t}, {@code \n}, {@code \f}, {@code \r}, and
 * <code>&#92;u00XX</code> for the other control characters; nothing else is escaped.
 * <p>
 * One spare buffer of up to {@value #MAX_SPARE} bytes is kept between bodies, so a flusher writing batch after batch
 * does not allocate its buffer each time; a thread that finds it taken allocates its own. The spare still holds the
 * last body's bytes until the next body overwrites them, as the queue held its records before.
 */
final class WireBuffer {

	/** The largest buffer kept for the next body. */
	static final int MAX_SPARE = 2 * 1024 * 1024;

	private static final int INITIAL_CAPACITY = 16 * 1024;

	/** The most bytes one UTF-16 unit can become: a control character as <code>&#92;u00XX</code>. */
	private static final int MAX_BYTES_PER_CHAR = 6;

	/** Characters encoded between two capacity checks. */
	private static final int CHUNK = 512;

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	/**
	 * For each ASCII character: 0 when written as itself, -1 when written as <code>&#92;u00XX</code>, else the letter
	 * written after a backslash.
	 */
	private static final byte[] ESCAPES = escapes();

	private static final AtomicReference<byte[]> SPARE = new AtomicReference<>();

	private byte[] bytes;

	private int length;

	WireBuffer() {
		byte[] spare = SPARE.getAndSet(null);
		this.bytes = (spare != null) ? spare : new byte[INITIAL_CAPACITY];
	}

	private static byte[] escapes() {
		byte[] escapes = new byte[128];
		for (int c = 0; c < 0x20; c++) {
			escapes[c] = -1;
		}
		escapes['"'] = '"';
		escapes['\\'] = '\\';
		escapes['\b'] = 'b';
		escapes['\t'] = 't';
		escapes['\n'] = 'n';
		escapes['\f'] = 'f';
		escapes['\r'] = 'r';
		return escapes;
	}

	/**
	 * Returns the bytes written, and keeps the buffer for the next body when it is not too large. The buffer must not
	 * be used afterwards.
	 * @return a copy of the bytes written
	 */
	byte[] toByteArrayAndRelease() {
		byte[] result = Arrays.copyOf(this.bytes, this.length);
		if (this.bytes.length <= MAX_SPARE) {
			SPARE.set(this.bytes);
		}
		this.bytes = null;
		return result;
	}

	/**
	 * Makes room for at least {@code more} bytes, returns the array to write them in, at {@link #length()}.
	 * @param more the bytes about to be written
	 * @return the array
	 */
	byte[] reserve(int more) {
		if (this.bytes.length - this.length < more) {
			long needed = (long) this.length + more;
			if (needed > Integer.MAX_VALUE - 8) {
				throw new OutOfMemoryError("A JSON body over 2 GB");
			}
			this.bytes = Arrays.copyOf(this.bytes, (int) Math.min(Integer.MAX_VALUE - 8,
					Math.max(needed, (long) this.bytes.length * 2)));
		}
		return this.bytes;
	}

	/** The bytes written so far. */
	int length() {
		return this.length;
	}

	/** Moves the end after bytes written in the array {@link #reserve} returned. */
	void advance(int bytes) {
		this.length += bytes;
	}

	void raw(byte[] ascii) {
		byte[] buf = reserve(ascii.length);
		System.arraycopy(ascii, 0, buf, this.length, ascii.length);
		this.length += ascii.length;
	}

	void raw(byte b) {
		byte[] buf = reserve(1);
		buf[this.length++] = b;
	}

	/** Writes an ASCII text that needs no escaping (a number, {@code true}, {@code null}). */
	void ascii(String text) {
		int count = text.length();
		byte[] buf = reserve(count);
		for (int i = 0; i < count; i++) {
			buf[this.length + i] = (byte) text.charAt(i);
		}
		this.length += count;
	}

	void number(long value) {
		ascii(Long.toString(value));
	}

	/** Writes a double as Jackson does: finite ones as numbers, the others as strings, never a non-JSON token. */
	void number(double value) {
		if (Double.isFinite(value)) {
			ascii(Double.toString(value));
		}
		else {
			string(Double.toString(value));
		}
	}

	/**
	 * Writes a string value, quoted, escaped and storable.
	 * @param text the text
	 */
	void string(String text) {
		raw((byte) '"');
		int end = text.length();
		int at = 0;
		while (at < end) {
			at = chunk(text, at, Math.min(end, at + CHUNK), end);
		}
		raw((byte) '"');
	}

	/**
	 * Encodes the characters from {@code from} to about {@code until} (one more when a surrogate pair straddles it).
	 * @return the index of the next character to encode
	 */
	private int chunk(String text, int from, int until, int end) {
		byte[] buf = reserve((until - from + 1) * MAX_BYTES_PER_CHAR);
		int out = this.length;
		int i = from;
		while (i < until) {
			char c = text.charAt(i++);
			if (c < 0x80) {
				byte escape = ESCAPES[c];
				if (escape == 0) {
					buf[out++] = (byte) c;
				}
				else if (c == 0) {
					// U+0000: left out.
				}
				else if (escape > 0) {
					buf[out++] = '\\';
					buf[out++] = escape;
				}
				else {
					buf[out++] = '\\';
					buf[out++] = 'u';
					buf[out++] = '0';
					buf[out++] = '0';
					buf[out++] = HEX[c >> 4];
					buf[out++] = HEX[c & 0xF];
				}
			}
			else if (c < 0x800) {
				buf[out++] = (byte) (0xC0 | (c >> 6));
				buf[out++] = (byte) (0x80 | (c & 0x3F));
			}
			else if ((c & 0xF800) != 0xD800) {
				out = three(buf, out, c);
			}
			else if (Character.isHighSurrogate(c) && i < end && Character.isLowSurrogate(text.charAt(i))) {
				int codePoint = Character.toCodePoint(c, text.charAt(i++));
				buf[out++] = (byte) (0xF0 | (codePoint >> 18));
				buf[out++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
				buf[out++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
				buf[out++] = (byte) (0x80 | (codePoint & 0x3F));
			}
			else {
				out = three(buf, out, WireText.REPLACEMENT);
			}
		}
		this.length = out;
		return i;
	}

	private static int three(byte[] buf, int out, char c) {
		buf[out] = (byte) (0xE0 | (c >> 12));
		buf[out + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
		buf[out + 2] = (byte) (0x80 | (c & 0x3F));
		return out + 3;
	}

	/**
	 * Returns the bytes of an ASCII text, checked to need no escaping, for names and constants written often.
	 * @param text the text
	 * @return its bytes
	 * @throws IllegalArgumentException when it is not such a text
	 */
	static byte[] plainAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x80 || ESCAPES[c] != 0) {
				throw new IllegalArgumentException("Not plain ASCII: " + text);
			}
		}
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
