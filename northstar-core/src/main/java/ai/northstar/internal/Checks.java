package ai.northstar.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks shared by the builders, with messages that name the parameter. Not API: subject to change without
 * notice.
 *
 * @since 0.1.0
 */
public final class Checks {

	private Checks() {
	}

	/**
	 * Returns the duration when it is positive.
	 * @param duration the duration
	 * @param name the parameter name, for the message
	 * @return the duration
	 * @throws IllegalArgumentException when it is zero or negative ("name must be > 0, was PT0S")
	 */
	public static Duration requirePositive(Duration duration, String name) {
		Objects.requireNonNull(duration, name + " must not be null");
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be > 0, was " + duration);
		}
		return duration;
	}

	/**
	 * Returns the value when it is positive.
	 * @param value the value
	 * @param name the parameter name, for the message
	 * @return the value
	 * @throws IllegalArgumentException when it is zero or negative ("name must be > 0, was 0")
	 */
	public static int requirePositive(int value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be > 0, was " + value);
		}
		return value;
	}

}
