package ai.northstar.transport;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryAfter}.
 */
class RetryAfterTests {

	private static final Instant NOW = Instant.parse("2015-10-21T07:27:00Z");

	@Test
	void shouldReadSecondsWhenValueIsANumber() {
		assertThat(RetryAfter.parse("7", NOW)).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse(" 120 ", NOW)).isEqualTo(Duration.ofSeconds(120));
		assertThat(RetryAfter.parse("0", NOW)).isEqualTo(Duration.ZERO);
	}

	@Test
	void shouldReadDelayUntilDateWhenValueIsAnHttpDate() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void shouldReturnZeroWhenDateIsPast() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "  ", "-1", "1.5", "soon", "99999999999999999999", "2015-10-21T07:28:00Z" })
	void shouldReturnNullWhenValueIsAbsentOrNotUnderstood(String value) {
		assertThat(RetryAfter.parse(value, NOW)).isNull();
	}

}
