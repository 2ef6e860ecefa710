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
	 * The day of the latest timestamp written, whose date text the next one most likely shares: the timestamps of a
	 * batch fall within seconds of each other. Immutable, so a serializer shared by threads may read and replace it
	 * without a lock; a thread that misses a fresh one just computes the date again.
	 */
	private Day lastDay = Day.of(0);

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
		int nanos = value.getNano();
		long days = Math.floorDiv(seconds, 86400);
		int secOfDay = (int) Math.floorMod(seconds, 86400);
		Day day = this.lastDay;
		if (day.days != days) {
			day = Day.of(days);
			this.lastDay = day;
		}
		if (day.text == null) {
			return -1;
		}
		System.arraycopy(day.text, 0, buf, at, Day.LENGTH);
		two(buf, at + 12, secOfDay / 3600);
		buf[at + 14] = ':';
		two(buf, at + 15, secOfDay / 60 % 60);
		buf[at + 17] = ':';
		two(buf, at + 18, secOfDay % 60);
		int len = at + 20;
		if (nanos > 0) {
			buf[len++] = '.';
			int digits;
			int v;
			if (nanos % 1_000_000 == 0) {
				digits = 3;
				v = nanos / 1_000_000;
			}
			else if (nanos % 1000 == 0) {
				digits = 6;
				v = nanos / 1000;
			}
			else {
				digits = 9;
				v = nanos;
			}
			for (int i = digits - 1; i >= 0; i--) {
				buf[len + i] = (byte) ('0' + v % 10);
				v /= 10;
			}
			len += digits;
		}
		buf[len++] = 'Z';
		buf[len++] = '"';
		return len;
	}

	private static void two(byte[] buf, int at, int value) {
		buf[at] = (byte) ('0' + value / 10);
		buf[at + 1] = (byte) ('0' + value % 10);
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
