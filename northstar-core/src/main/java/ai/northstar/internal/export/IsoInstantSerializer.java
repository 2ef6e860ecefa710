package ai.northstar.internal.export;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does (ISO-8601 in UTC, with 0, 3, 6 or 9 fraction
 * digits), without the formatter machinery: timestamps are the most frequent values of a batch, and formatting them
 * through {@code DateTimeFormatter} took about a fifth of the flusher's time. Years outside 0 to 9999 fall back to
 * {@code toString()}.
 */
final class IsoInstantSerializer extends StdSerializer<Instant> {

	/**
	 * The day of the latest second formatted, whose date text the next one most likely shares. Immutable, like
	 * {@link #lastSecond}, so a serializer shared by threads may read and replace both without a lock; a thread that
	 * misses a fresh one just computes the text again.
	 */
	private Day lastDay = Day.of(0);

	/**
	 * The second of the latest timestamp written, whose text up to the fraction the next one most likely shares: the
	 * timestamps of a batch fall within seconds of each other.
	 */
	private Second lastSecond = new Second(Long.MIN_VALUE, null);

	/** The three ASCII digits of every number from 0 to 999, at {@code 3n}. */
	private static final byte[] THREE_DIGITS = threeDigits();

	/** The most bytes of a timestamp with its quotes: {@code "yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ"}. */
	static final int MAX_QUOTED_LENGTH = 32;

	IsoInstantSerializer() {
		super(Instant.class);
	}

	@Override
	public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
		byte[] buf = new byte[MAX_QUOTED_LENGTH];
		int end = write(value, buf, 0);
		if (end < 0) {
			gen.writeString(value.toString());
		}
		else {
			// A raw value: the text is ASCII digits and separators, nothing to escape or sanitize.
			AsciiValue.write(gen, buf, end);
		}
	}

	/**
	 * Writes the timestamp, quoted, in at most {@value #MAX_QUOTED_LENGTH} bytes.
	 * @param value the timestamp
	 * @param buf the array, with room for {@value #MAX_QUOTED_LENGTH} bytes at the offset
	 * @param at the offset
	 * @return the offset after the closing quote, or {@code -1} (nothing written) for a year outside 0 to 9999,
	 * which the caller writes as the string {@code value.toString()}
	 */
	int write(Instant value, byte[] buf, int at) {
		long seconds = value.getEpochSecond();
		Second second = this.lastSecond;
		if (second.seconds != seconds) {
			second = second(seconds);
			this.lastSecond = second;
		}
		if (second.text == null) {
			return -1;
		}
		System.arraycopy(second.text, 0, buf, at, Second.LENGTH);
		int len = at + Second.LENGTH;
		int nanos = value.getNano();
		if (nanos > 0) {
			// 3, 6 or 9 digits, as few as hold the value.
			buf[len++] = '.';
			len = three(buf, len, nanos / 1_000_000);
			int micros = nanos % 1_000_000;
			if (micros != 0) {
				len = three(buf, len, micros / 1000);
				if (nanos % 1000 != 0) {
					len = three(buf, len, nanos % 1000);
				}
			}
		}
		buf[len++] = 'Z';
		buf[len++] = '"';
		return len;
	}

	/** The text of a second, {@code "yyyy-MM-ddTHH:mm:ss} with the opening quote; a {@code null} text out of range. */
	private Second second(long seconds) {
		long days = Math.floorDiv(seconds, 86400);
		Day day = this.lastDay;
		if (day.days != days) {
			day = Day.of(days);
			this.lastDay = day;
		}
		if (day.text == null) {
			return new Second(seconds, null);
		}
		int secOfDay = (int) Math.floorMod(seconds, 86400);
		byte[] text = new byte[Second.LENGTH];
		System.arraycopy(day.text, 0, text, 0, Day.LENGTH);
		two(text, 12, secOfDay / 3600);
		text[14] = ':';
		two(text, 15, secOfDay / 60 % 60);
		text[17] = ':';
		two(text, 18, secOfDay % 60);
		return new Second(seconds, text);
	}

	private static byte[] threeDigits() {
		byte[] digits = new byte[3000];
		for (int n = 0; n < 1000; n++) {
			digits[3 * n] = (byte) ('0' + n / 100);
			digits[3 * n + 1] = (byte) ('0' + n / 10 % 10);
			digits[3 * n + 2] = (byte) ('0' + n % 10);
		}
		return digits;
	}

	private static int three(byte[] buf, int at, int value) {
		int from = 3 * value;
		buf[at] = THREE_DIGITS[from];
		buf[at + 1] = THREE_DIGITS[from + 1];
		buf[at + 2] = THREE_DIGITS[from + 2];
		return at + 3;
	}

	private static void two(byte[] buf, int at, int value) {
		buf[at] = (byte) ('0' + value / 10);
		buf[at + 1] = (byte) ('0' + value % 10);
	}

	/** A second since the epoch and the text of its timestamps up to the fraction, or {@code null} out of range. */
	private record Second(long seconds, byte @Nullable [] text) {

		static final int LENGTH = 20;

	}

	/**
	 * A day since the epoch and the text its timestamps start with, {@code "yyyy-MM-ddT} with the opening quote, or
	 * {@code null} for a year outside 0 to 9999.
	 */
	private record Day(long days, byte @Nullable [] text) {

		static final int LENGTH = 12;

		static Day of(long days) {
			// Days since the epoch to a proleptic Gregorian date (the civil_from_days algorithm).
			long z = days + 719468;
			long era = Math.floorDiv(z, 146097);
			long doe = z - era * 146097;
			long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
			long y = yoe + era * 400;
			long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
			long mp = (5 * doy + 2) / 153;
			int d = (int) (doy - (153 * mp + 2) / 5 + 1);
			int m = (int) (mp < 10 ? mp + 3 : mp - 9);
			if (m <= 2) {
				y++;
			}
			if (y < 0 || y > 9999) {
				return new Day(days, null);
			}
			byte[] text = new byte[LENGTH];
			text[0] = '"';
			int year = (int) y;
			text[1] = (byte) ('0' + year / 1000);
			text[2] = (byte) ('0' + year / 100 % 10);
			text[3] = (byte) ('0' + year / 10 % 10);
			text[4] = (byte) ('0' + year % 10);
			text[5] = '-';
			two(text, 6, m);
			text[8] = '-';
			two(text, 9, d);
			text[11] = 'T';
			return new Day(days, text);
		}

	}

}
