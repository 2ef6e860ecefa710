package ai.northstar.transport;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Reads the HTTP {@code Retry-After} header, for {@link IngestTransport} implementations filling
 * {@link IngestResponse#retryAfter()}.
 * <p>
 * Both forms of RFC 9110 are understood: a number of seconds ({@code Retry-After: 120}) and an HTTP date
 * ({@code Retry-After: Wed, 21 Oct 2015 07:28:00 GMT}). A date in the past means "now" ({@link Duration#ZERO}).
 * Anything else is ignored. Capping the delay is the job of {@link RetryPolicy}.
 *
 * @since 0.1.0
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Parses a {@code Retry-After} header value, dates relative to the current time.
	 * @param value the header value, or {@code null} when the header is absent
	 * @return the delay, or {@code null} when absent or not understood
	 */
	public static @Nullable Duration parse(@Nullable String value) {
		return parse(value, Instant.now());
	}

	/**
	 * Parses a {@code Retry-After} header value.
	 * @param value the header value, or {@code null} when the header is absent
	 * @param now the current time, that an HTTP date is relative to
	 * @return the delay, or {@code null} when absent or not understood
	 */
	public static @Nullable Duration parse(@Nullable String value, Instant now) {
		if (value == null) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.isEmpty()) {
			return null;
		}
		if (trimmed.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			try {
				return Duration.ofSeconds(Long.parseLong(trimmed));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		try {
			Instant date = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration delay = Duration.between(now, date);
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
