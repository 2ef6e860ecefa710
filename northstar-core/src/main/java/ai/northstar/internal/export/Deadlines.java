package ai.northstar.internal.export;

/**
 * Arithmetic on deadlines in {@link System#nanoTime()} units, where {@code Long.MAX_VALUE} means none. Compares by
 * difference, so a {@code nanoTime} that wraps around is fine.
 */
final class Deadlines {

	/** No deadline. */
	static final long NONE = Long.MAX_VALUE;

	private Deadlines() {
	}

	/** The earlier of two deadlines. */
	static long earlier(long a, long b) {
		if (a == NONE) {
			return b;
		}
		if (b == NONE) {
			return a;
		}
		return (a - b <= 0) ? a : b;
	}

	/** Whether a deadline has passed. */
	static boolean passed(long nowNanos, long deadlineNanos) {
		return deadlineNanos != NONE && nowNanos - deadlineNanos >= 0;
	}

	/** The time left until a deadline, {@code Long.MAX_VALUE} when there is none. */
	static long remaining(long nowNanos, long deadlineNanos) {
		return (deadlineNanos == NONE) ? Long.MAX_VALUE : deadlineNanos - nowNanos;
	}

}
