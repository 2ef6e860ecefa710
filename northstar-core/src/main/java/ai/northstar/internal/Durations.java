package ai.northstar.internal;

import java.time.Duration;

/**
 * Writes durations the way Spring Boot users write them in properties: {@code 10s}, {@code 500ms}, {@code 2m},
 * {@code 1.5s}. Not API: subject to change without notice.
 *
 * @since 0.1.0
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * Formats a duration.
	 * @param duration the duration
	 * @return its short form
	 */
	public static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000) {
			return (millis == 0 && !duration.isZero()) ? duration.toNanos() / 1000 + "us" : millis + "ms";
		}
		if (millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
	}

}
