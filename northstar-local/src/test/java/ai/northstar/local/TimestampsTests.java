package ai.northstar.local;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Timestamps}: the hand-written parser agrees with the definition it replaces, the protocol's shape
 * as a regular expression followed by {@code java.time}'s strict ISO parsing.
 */
class TimestampsTests {

	private static final Pattern SHAPE = Pattern
		.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$");

	private static final Pattern LONG_FRACTION = Pattern.compile("\\.(\\d{9})\\d+");

	private static @Nullable Instant definition(String text) {
		if (!SHAPE.matcher(text).matches()) {
			return null;
		}
		Matcher matcher = LONG_FRACTION.matcher(text);
		String normalized = matcher.find() ? matcher.replaceFirst(".$1") : text;
		try {
			return OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-28T14:36:21Z", "2026-11-28T14:36:21.123Z", "2026-11-28T14:36:21.123456789Z",
			"2026-11-28T14:36:21.1234567891234+02:00", "2024-02-29T00:00:00-00:00", "0000-01-01T00:00:00Z",
			"9999-12-31T23:59:59.999999999+18:00", "2026-01-01T00:00:00.5-18:00" })
	void shouldParseWhenTheTimestampIsValid(String text) {
		assertThat(Timestamps.parse(text)).isNotNull().isEqualTo(definition(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "2026-11-28", "2026-11-28T14:36Z", "2026-11-28T14:36:21", "2026-11-28 14:36:21Z",
			"2026-11-28t14:36:21Z", "2026-11-28T14:36:21z", "2026-11-28T14:36:21.Z", "2026-02-29T00:00:00Z",
			"2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-01T24:00:00Z",
			"2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z", "2026-01-01T00:00:00+18:01", "2026-01-01T00:00:00+0200",
			"2026-01-01T00:00:00+02:60", "2026-01-01T00:00:00+02:00:00", "2026-01-01T00:00:00Z ",
			"2026-01-01T00:00:00Z\n", "+2026-01-01T00:00:00Z", "2026-1-01T00:00:00Z", "2026-01-01T00:00:00.1.2Z",
			"२०२६-01-01T00:00:00Z" })
	void shouldRejectWhenTheTimestampIsInvalid(String text) {
		assertThat(definition(text)).isNull();
		assertThat(Timestamps.parse(text)).isNull();
	}

	@Test
	void shouldAgreeWithTheDefinitionOnRandomAndMutatedTimestamps() {
		Random random = new Random(20261128);
		List<String> samples = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			String valid = randomTimestamp(random);
			samples.add(valid);
			samples.add(mutate(valid, random));
			samples.add(mutate(mutate(valid, random), random));
		}
		int accepted = 0;
		for (String sample : samples) {
			Instant expected = definition(sample);
			assertThat(Timestamps.parse(sample)).as(sample).isEqualTo(expected);
			accepted += (expected != null) ? 1 : 0;
		}
		// Both outcomes are well represented, so the agreement means something.
		assertThat(accepted).isBetween(samples.size() / 3, samples.size() * 9 / 10);
	}

	private static String randomTimestamp(Random random) {
		long seconds = random.nextLong(-62_167_219_200L, 253_402_300_799L);
		ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 4, 18 * 4 + 1) * 900);
		OffsetDateTime time = Instant.ofEpochSecond(seconds).atOffset(offset);
		StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", time.getYear(),
				time.getMonthValue(), time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond()));
		int fractionDigits = random.nextInt(14);
		if (fractionDigits > 0) {
			text.append('.');
			for (int i = 0; i < fractionDigits; i++) {
				text.append((char) ('0' + random.nextInt(10)));
			}
		}
		boolean zulu = offset.getTotalSeconds() == 0 && random.nextBoolean();
		text.append(zulu ? "Z" : offset.getId().replace("Z", "+00:00"));
		return text.toString();
	}

	private static String mutate(String text, Random random) {
		StringBuilder mutated = new StringBuilder(text);
		String alphabet = "0123456789-:.TZtz+ 9";
		int position = random.nextInt(mutated.length() + 1);
		switch (random.nextInt(3)) {
			case 0 -> mutated.insert(position, alphabet.charAt(random.nextInt(alphabet.length())));
			case 1 -> {
				if (position < mutated.length()) {
					mutated.deleteCharAt(position);
				}
			}
			default -> {
				if (position < mutated.length()) {
					mutated.setCharAt(position, alphabet.charAt(random.nextInt(alphabet.length())));
				}
			}
		}
		return mutated.toString();
	}

}
