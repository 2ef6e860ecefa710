package ai.northstar.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.northstar.EventType;
import ai.northstar.RunStatus;
import ai.northstar.data.Batch;
import ai.northstar.data.EventData;
import ai.northstar.data.RunData;
import ai.northstar.data.SessionData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WireFormat}.
 */
class WireFormatTests {

	private static final Instant T = Instant.parse("2026-11-28T10:15:30.123Z");

	@Test
	void shouldDropNulCharactersFromEveryStringAndKeyAsALastLineOfDefence() {
		UUID session = UUID.randomUUID();
		Batch batch = new Batch(Batch.SCHEMA_VERSION,
				List.of(new SessionData(session, T, null, Map.of("k\u0000ey", JsonNodeFactory.instance.stringNode("v\u0000al")))),
				List.of(new RunData(UUID.randomUUID(), session, "na\u0000me", T, null, RunStatus.RUNNING, null, Map.of())),
				List.of(), List.of(), List.of());
		String json = new String(WireFormat.write(batch), StandardCharsets.UTF_8);
		assertThat(json).doesNotContain("\u0000").doesNotContain("\\u0000").contains("\"key\":\"val\"")
			.contains("\"name\":\"name\"");
	}

	@Test
	void shouldNeverWriteNonJsonNumberTokens() {
		UUID run = UUID.randomUUID();
		Batch batch = new Batch(Batch.SCHEMA_VERSION, List.of(), List.of(), List.of(),
				List.of(new EventData(UUID.randomUUID(), run, null, EventType.CUSTOM, T,
						JsonNodeFactory.instance.numberNode(Double.NaN), Map.of())),
				List.of());
		JsonNode parsed = WireFormat.mapper().readTree(WireFormat.write(batch));
		assertThat(parsed.at("/events/0/content").isNumber()).isFalse();
	}

	@Test
	void shouldWriteEveryTimestampExactlyAsInstantToString() {
		java.util.Random random = new java.util.Random(42);
		List<Instant> instants = new java.util.ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1970-01-01T00:00:00.000000001Z"),
				Instant.parse("2000-02-29T23:59:59.999Z"), Instant.parse("2100-03-01T00:00:00.100200Z"),
				Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
				Instant.parse("0000-01-01T00:00:00Z"), Instant.ofEpochSecond(-62_167_219_201L), Instant.MAX, Instant.MIN));
		for (int i = 0; i < 20_000; i++) {
			long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L);
			int nanos = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1000;
				default -> random.nextInt(1_000_000_000);
			};
			instants.add(Instant.ofEpochSecond(seconds, nanos));
		}
		for (Instant instant : instants) {
			assertThat(WireFormat.mapper().writeValueAsString(instant)).isEqualTo("\"" + instant + "\"");
		}
	}

	@Test
	void shouldWriteIsoTimestampsAndReadBackTheSameBatch() {
		UUID session = UUID.randomUUID();
		Batch batch = new Batch(Batch.SCHEMA_VERSION, List.of(new SessionData(session, T, T, Map.of())), List.of(),
				List.of(), List.of(), List.of());
		String json = WireFormat.writeString(batch);
		assertThat(json).contains("\"created_at\":\"2026-11-28T10:15:30.123Z\"").contains("\"schema_version\":2");
		assertThat(WireFormat.read(json)).isEqualTo(batch);
	}

}
