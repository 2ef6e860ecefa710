package ai.northstar.local;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Parses the timestamps the ingest protocol accepts:
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+HH:MM|-HH:MM)}, seconds and a zone required, any number of fraction
 * digits (Postgres accepts them; nanoseconds beyond the ninth digit are truncated). Hand-written rather than a
 * regular expression and {@code java.time} parsing, which cost several microseconds per timestamp on the local
 * server's hot path; the result is the same (see the tests).
 */
final class Timestamps {

	private static final int MAX_OFFSET_SECONDS = 18 * 3600;

	private Timestamps() {
	}

	/**
	 * Parses a protocol timestamp.
	 * @param text the text
	 * @return the instant, or {@code null} when the text is not a valid timestamp
	 */
	static @Nullable Instant parse(String text) {
		int length = text.length();
		if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
			return null;
		}
		int index = 19;
		int nanos = 0;
		if (text.charAt(index) == '.') {
			int start = ++index;
			while (index < length && isDigit(text.charAt(index))) {
				if (index - start < 9) {
					nanos = nanos * 10 + (text.charAt(index) - '0');
				}
				index++;
			}
			int fractionDigits = index - start;
			if (fractionDigits == 0) {
				return null;
			}
			for (int i = fractionDigits; i < 9; i++) {
				nanos *= 10;
			}
		}
		int offsetSeconds = offsetSeconds(text, index);
		if (offsetSeconds == Integer.MIN_VALUE) {
			return null;
		}
		long epochDay;
		try {
			epochDay = LocalDate.of(year, month, day).toEpochDay();
		}
		catch (DateTimeException ex) {
			return null;
		}
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds, nanos);
	}

	/** Returns the zone offset that ends the text at the index, or {@link Integer#MIN_VALUE} when there is none. */
	private static int offsetSeconds(String text, int index) {
		int length = text.length();
		if (index == length - 1 && text.charAt(index) == 'Z') {
			return 0;
		}
		if (index != length - 6 || text.charAt(index + 3) != ':') {
			return Integer.MIN_VALUE;
		}
		char sign = text.charAt(index);
		int hours = digits(text, index + 1, 2);
		int minutes = digits(text, index + 4, 2);
		if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59) {
			return Integer.MIN_VALUE;
		}
		int seconds = hours * 3600 + minutes * 60;
		if (seconds > MAX_OFFSET_SECONDS) {
			return Integer.MIN_VALUE;
		}
		return (sign == '-') ? -seconds : seconds;
	}

	/** Returns the decimal value of {@code count} ASCII digits, or -1 when one of them is not a digit. */
	private static int digits(String text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
