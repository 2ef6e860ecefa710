package ai.northstar.local;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Parses the timestamps the ingest protocol accepts.
 */
final class Timestamps {

	/** The shape the backend accepts: seconds and a zone are required. */
	static final Pattern PATTERN = Pattern
		.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$");

	private static final Pattern LONG_FRACTION = Pattern.compile("\\.(\\d{9})\\d+");

	private Timestamps() {
	}

	/**
	 * Parses a protocol timestamp.
	 * @param text the text
	 * @return the instant, or {@code null} when the text is not a valid timestamp
	 */
	static @Nullable Instant parse(String text) {
		if (!PATTERN.matcher(text).matches()) {
			return null;
		}
		// Postgres accepts (and rounds) any number of fraction digits; java.time takes nine at most.
		Matcher matcher = LONG_FRACTION.matcher(text);
		String normalized = matcher.find() ? matcher.replaceFirst(".$1") : text;
		try {
			return OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
