package ai.northstar;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Times as nanoseconds since the epoch, as live runs and spans keep them, so that stamping a start or an end on the
 * recording thread allocates nothing; the {@link Instant} is made when the state is snapshotted for export.
 * {@code long} nanoseconds span the years 1677 to 2262: an instant outside them (only a custom clock gives one) is
 * kept as the nearest one inside.
 */
final class EpochNanos {

	/** What a start or end not stamped yet holds. */
	static final long NONE = Long.MIN_VALUE;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private EpochNanos() {
	}

	/** The nanoseconds of an instant, the nearest representable ones when it lies outside. */
	static long of(Instant instant) {
		long seconds = instant.getEpochSecond();
		try {
			long nanos = Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), instant.getNano());
			return (nanos != NONE) ? nanos : NONE + 1;
		}
		catch (ArithmeticException ex) {
			return (seconds > 0) ? Long.MAX_VALUE : NONE + 1;
		}
	}

	/** The instant of a time stamped, {@code null} for {@link #NONE}. */
	static @Nullable Instant orNull(long epochNanos) {
		return (epochNanos != NONE) ? instant(epochNanos) : null;
	}

	/** The instant of a time. */
	static Instant instant(long epochNanos) {
		// The JDK splits the nanoseconds into seconds and a non-negative fraction, before the epoch too.
		return Instant.ofEpochSecond(0, epochNanos);
	}

}
