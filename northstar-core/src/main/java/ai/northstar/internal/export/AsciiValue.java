package ai.northstar.internal.export;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JsonGenerator;

/**
 * Writes a string value whose text is ASCII that needs no escaping (ids, timestamps), already quoted in a byte
 * array. A generator writing bytes gets the bytes as they are; one writing characters (a batch rendered to a
 * {@code String}) gets the same text as a raw value.
 */
final class AsciiValue {

	private AsciiValue() {
	}

	/**
	 * Writes {@code quoted[0, length)}, which starts and ends with a quote, as one string value.
	 * @param gen the generator
	 * @param quoted the value's text between quotes, ASCII, nothing to escape
	 * @param length the length, the quotes included
	 */
	static void write(JsonGenerator gen, byte[] quoted, int length) {
		if (gen.streamWriteOutputTarget() instanceof OutputStream) {
			gen.writeRawUTF8String(quoted, 1, length - 2);
		}
		else {
			gen.writeRawValue(new String(quoted, 0, length, StandardCharsets.US_ASCII));
		}
	}

}
