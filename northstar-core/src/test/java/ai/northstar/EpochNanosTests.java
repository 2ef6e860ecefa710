package ai.northstar;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EpochNanos}, the times live runs and spans keep.
 */
class EpochNanosTests {

	@Test
	void shouldKeepEveryInstantOfTheRepresentableYearsExactly() {
		SplittableRandom random = new SplittableRandom(42);
		long minSecond = Instant.parse("1677-09-22T00:00:00Z").getEpochSecond();
		long maxSecond = Instant.parse("2262-04-10T00:00:00Z").getEpochSecond();
		for (int i = 0; i < 10_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(minSecond, maxSecond),
					random.nextInt(1_000_000_000));
			assertThat(EpochNanos.instant(EpochNanos.of(instant))).isEqualTo(instant);
		}
	}

	@Test
	void shouldKeepInstantsAroundTheEpochExactly() {
		for (String text : new String[] { "1969-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59Z",
				"1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000001Z", "2026-01-02T03:04:05.123456789Z" }) {
			Instant instant = Instant.parse(text);
			assertThat(EpochNanos.instant(EpochNanos.of(instant))).as(text).isEqualTo(instant);
		}
	}

	@Test
	void shouldKeepAnInstantOutsideTheRepresentableYearsAsTheNearestInside() {
		Instant latest = EpochNanos.instant(Long.MAX_VALUE);
		assertThat(EpochNanos.of(latest)).isEqualTo(Long.MAX_VALUE);
		assertThat(EpochNanos.instant(EpochNanos.of(Instant.MAX))).isEqualTo(latest);
		assertThat(EpochNanos.instant(EpochNanos.of(Instant.parse("3000-01-01T00:00:00Z")))).isEqualTo(latest);
		Instant earliest = EpochNanos.instant(EpochNanos.of(Instant.MIN));
		assertThat(earliest).isEqualTo(EpochNanos.instant(Long.MIN_VALUE + 1));
		assertThat(EpochNanos.of(Instant.parse("1000-01-01T00:00:00Z"))).isNotEqualTo(EpochNanos.NONE);
	}

	@Test
	void shouldTellATimeNotStampedYetAsNull() {
		assertThat(EpochNanos.orNull(EpochNanos.NONE)).isNull();
		assertThat(EpochNanos.orNull(0)).isEqualTo(Instant.EPOCH);
	}

}
