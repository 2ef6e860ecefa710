package ai.northstar.internal.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import ai.northstar.EventType;
import ai.northstar.RunStatus;
import ai.northstar.ScoreDataType;
import ai.northstar.SpanKind;
import ai.northstar.data.Batch;
import ai.northstar.data.EventData;
import ai.northstar.data.RunData;
import ai.northstar.data.ScoreData;
import ai.northstar.data.SessionData;
import ai.northstar.data.SpanData;
import ai.northstar.unicode.HostileText;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
	void shouldWriteEveryOtherCharacterExactlyAsUtf8WhenTextIsNotAscii() {
		for (String text : List.of("café", "résumé-agent", "Grüße aus München 中文 😀", "עברית العربية", "e\u0301",
				"\u200B\u200D\uFEFF", "👨\u200D👩\u200D👧", "\uD840\uDC00\uDBFF\uDFFF", "\uFFFF\uFFFE", "\u2028\u2029")) {
			byte[] written = WireFormat.mapper().writeValueAsBytes(Map.of(text, text));
			assertThat(new String(written, StandardCharsets.UTF_8)).as(text)
				.isEqualTo("{\"" + text + "\":\"" + text + "\"}");
			assertThat(WireFormat.mapper().readTree(written).get(text).stringValue()).isEqualTo(text);
		}
	}

	@Test
	void shouldRemoveNulAndReplaceLoneSurrogatesInEveryStringAndKey() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("a\uD800", "x\u0000y\uDC00z");
		values.put("\u0000k😀", "\uDE00\uD83D😀\uD83D");
		String json = new String(WireFormat.mapper().writeValueAsBytes(values), StandardCharsets.UTF_8);
		assertThat(json).isEqualTo("{\"a\uFFFD\":\"xy\uFFFDz\",\"k😀\":\"\uFFFD\uFFFD😀\uFFFD\"}");
		assertThat(json).doesNotContain("\\u");
	}

	@Test
	void shouldWriteStringsOfEveryLengthExactlyOneAfterAnother() {
		HostileText hostile = new HostileText(20261203);
		List<String> texts = new ArrayList<>();
		for (int length : new int[] { 0, 1, 255, 256, 257, 511, 4095, 4096, 4097, 9000, 3, 700, 2 }) {
			for (String tail : List.of("", "😀", "\uD83D", "\u0000", "é\"\\\n")) {
				StringBuilder text = new StringBuilder(hostile.next(length));
				text.setLength(Math.min(text.length(), length));
				texts.add(text.append(tail).toString());
				texts.add("x".repeat(length) + tail);
			}
		}
		List<String> expected = texts.stream().map(HostileText::expected).toList();
		byte[] asBytes = WireFormat.mapper().writeValueAsBytes(texts);
		String asText = WireFormat.mapper().writeValueAsString(texts);
		assertThat(asText).isEqualTo(new String(asBytes, StandardCharsets.UTF_8));
		List<String> read = new ArrayList<>();
		WireFormat.mapper().readTree(asBytes).forEach((node) -> read.add(node.stringValue()));
		assertThat(read).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			assertThat(read.get(i)).as("string %d of %d UTF-16 units", i, texts.get(i).length())
				.isEqualTo(expected.get(i));
		}
	}

	@Test
	void shouldKeepBothValuesWhenTwoMetadataKeysBecomeEqual() {
		UUID session = UUID.randomUUID();
		Map<String, JsonNode> metadata = new LinkedHashMap<>();
		metadata.put("a\u0000b", JsonNodeFactory.instance.stringNode("first"));
		metadata.put("ab", JsonNodeFactory.instance.stringNode("second"));
		metadata.put("ab\u0000", JsonNodeFactory.instance.stringNode("third"));
		Batch batch = new Batch(Batch.SCHEMA_VERSION, List.of(new SessionData(session, T, null, metadata)), List.of(),
				List.of(), List.of(), List.of());
		JsonNode written = WireFormat.mapper().readTree(WireFormat.write(batch)).at("/sessions/0/metadata");
		assertThat(written.propertyNames()).containsExactly("ab", "ab~2", "ab~3");
		assertThat(written.get("ab").stringValue()).isEqualTo("first");
		assertThat(written.get("ab~2").stringValue()).isEqualTo("second");
		assertThat(written.get("ab~3").stringValue()).isEqualTo("third");
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
		Random random = new Random(42);
		List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1970-01-01T00:00:00.000000001Z"),
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
			assertThat(WireFormat.mapper().writeValueAsBytes(instant))
				.isEqualTo(("\"" + instant + "\"").getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void shouldWriteConsecutiveTimestampsOfOneDayAndAcrossDaysExactlyAsInstantToString() {
		// The date text is kept from one timestamp to the next: walk seconds, days, month, leap-day and year ends in steps.
		List<Instant> starts = List.of(Instant.parse("2026-12-31T23:00:00Z"), Instant.parse("2024-02-28T23:30:00Z"),
				Instant.parse("1969-12-31T23:50:00Z"), Instant.parse("9999-12-31T23:55:00Z"),
				Instant.parse("-0001-12-31T23:55:00Z"));
		for (Instant start : starts) {
			for (long step = 0; step < 4_000; step++) {
				Instant instant = start.plusSeconds(step * 7).plusNanos(step * 1_000_003);
				StringBuilder json = new StringBuilder("{\"created_at\":\"").append(instant).append("\"}");
				assertThat(WireFormat.mapper().writeValueAsString(Map.of("created_at", instant)))
					.isEqualTo(json.toString());
				assertThat(WireFormat.mapper().writeValueAsBytes(instant))
					.isEqualTo(("\"" + instant + "\"").getBytes(StandardCharsets.UTF_8));
				// The text up to the fraction is kept too: other fractions of the same second, of every length.
				Instant second = instant.truncatedTo(ChronoUnit.SECONDS);
				for (long nanos : new long[] { 0, 999_000_000, 120_400_000, 5, 1_000 }) {
					Instant same = second.plusNanos(nanos);
					assertThat(WireFormat.mapper().writeValueAsString(same)).isEqualTo("\"" + same + "\"");
				}
			}
		}
	}

	@Test
	void shouldWriteEveryUuidExactlyAsUuidToString() {
		Random random = new Random(7);
		List<UUID> ids = new ArrayList<>(List.of(new UUID(0, 0), new UUID(-1, -1),
				new UUID(Long.MIN_VALUE, Long.MAX_VALUE), UUID.fromString("00000000-0000-0001-0000-000000000001")));
		for (int i = 0; i < 20_000; i++) {
			ids.add(new UUID(random.nextLong(), random.nextLong()));
		}
		for (UUID id : ids) {
			assertThat(WireFormat.mapper().writeValueAsString(id)).isEqualTo("\"" + id + "\"");
			assertThat(WireFormat.mapper().writeValueAsBytes(id))
				.isEqualTo(("\"" + id + "\"").getBytes(StandardCharsets.UTF_8));
		}
		String listed = "{\"ids\":[\"" + ids.get(0) + "\",\"" + ids.get(1) + "\",\"" + ids.get(2) + "\"]}";
		assertThat(WireFormat.mapper().writeValueAsString(Map.of("ids", ids.subList(0, 3)))).isEqualTo(listed);
		byte[] listedBytes = WireFormat.mapper().writeValueAsBytes(Map.of("ids", ids.subList(0, 3)));
		assertThat(new String(listedBytes, StandardCharsets.UTF_8)).isEqualTo(listed);
	}

	@Test
	void shouldCheckProtocolNamesAndValuesOnceAndEveryOtherSerializedStringAtEachWrite() {
		assertThatIllegalArgumentException().isThrownBy(() -> StorableTextGenerator.checked("na\u0000me"));
		assertThatIllegalArgumentException().isThrownBy(() -> StorableTextGenerator.checked("lone\uD800"));
		java.io.StringWriter text = new java.io.StringWriter();
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		for (tools.jackson.core.JsonGenerator gen : List.of(WireFormat.mapper().createGenerator(text),
				WireFormat.mapper().createGenerator(bytes))) {
			try (gen) {
				gen.writeStartObject();
				gen.writeName(StorableTextGenerator.checked("run_id"));
				gen.writeString("é🚀");
				gen.writeName(StorableTextGenerator.checked("kind"));
				gen.writeString(StorableTextGenerator.checked("llm_call"));
				gen.writeName(new tools.jackson.core.io.SerializedString("na\u0000me\uDC00"));
				gen.writeString(new tools.jackson.core.io.SerializedString("va\u0000lue"));
				gen.writeEndObject();
			}
		}
		String expected = "{\"run_id\":\"é🚀\",\"kind\":\"llm_call\",\"name\uFFFD\":\"value\"}";
		assertThat(text.toString()).isEqualTo(expected);
		assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
	}

	@Test
	void shouldWriteEveryEnumConstantAsItsWireValue() {
		UUID session = UUID.randomUUID();
		UUID run = UUID.randomUUID();
		List<RunData> runs = new ArrayList<>();
		List<SpanData> spans = new ArrayList<>();
		List<EventData> events = new ArrayList<>();
		List<ScoreData> scores = new ArrayList<>();
		for (RunStatus status : RunStatus.values()) {
			runs.add(new RunData(UUID.randomUUID(), session, "r", T, null, status, null, Map.of()));
		}
		for (SpanKind kind : SpanKind.values()) {
			RunStatus status = RunStatus.values()[kind.ordinal() % RunStatus.values().length];
			spans.add(new SpanData(UUID.randomUUID(), run, null, kind, "s", T, null, status, null, null, Map.of()));
		}
		for (EventType type : EventType.values()) {
			events.add(new EventData(UUID.randomUUID(), run, null, type, T, JsonNodeFactory.instance.stringNode("c"),
					Map.of()));
		}
		for (ScoreDataType type : ScoreDataType.values()) {
			scores.add(new ScoreData(UUID.randomUUID(), run, null, "q", 1.0, type, null, "api", null, T));
		}
		Batch batch = new Batch(Batch.SCHEMA_VERSION, List.of(), runs, spans, events, scores);
		byte[] asText = WireFormat.writeString(batch).getBytes(StandardCharsets.UTF_8);
		for (byte[] json : List.of(WireFormat.write(batch), asText)) {
			JsonNode written = WireFormat.mapper().readTree(json);
			for (RunStatus status : RunStatus.values()) {
				assertThat(written.at("/runs/" + status.ordinal() + "/status").stringValue())
					.isEqualTo(status.wireValue());
			}
			for (SpanKind kind : SpanKind.values()) {
				JsonNode span = written.at("/spans/" + kind.ordinal());
				assertThat(span.get("kind").stringValue()).isEqualTo(kind.wireValue());
				assertThat(span.get("status").stringValue()).isEqualTo(spans.get(kind.ordinal()).status().wireValue());
			}
			for (EventType type : EventType.values()) {
				assertThat(written.at("/events/" + type.ordinal() + "/type").stringValue())
					.isEqualTo(type.wireValue());
			}
			for (ScoreDataType type : ScoreDataType.values()) {
				assertThat(written.at("/scores/" + type.ordinal() + "/data_type").stringValue())
					.isEqualTo(type.wireValue());
			}
			assertThat(WireFormat.read(new String(json, StandardCharsets.UTF_8))).isEqualTo(batch);
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
