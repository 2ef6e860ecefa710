package ai.northstar.internal.export;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.northstar.EventType;
import ai.northstar.RunStatus;
import ai.northstar.ScoreDataType;
import ai.northstar.SpanKind;
import ai.northstar.data.Batch;
import ai.northstar.data.ErrorInfo;
import ai.northstar.data.EventData;
import ai.northstar.data.PromptLinkData;
import ai.northstar.data.RunData;
import ai.northstar.data.ScoreData;
import ai.northstar.data.SessionData;
import ai.northstar.data.SpanData;
import ai.northstar.unicode.HostileText;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link BatchWriter}, through {@link WireFormat#write}: every batch must come out byte for byte as the wire
 * format's Jackson mapper (whose generator applies the storable-text rules, and which its own tests check against the
 * rules) writes the same batch laid out as a tree, the protocol's fields in the protocol's order.
 */
class BatchWriterTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	@Test
	void shouldWriteRandomHostileBatchesExactlyAsJacksonWritesTheSameTree() {
		Random random = new Random(20261203);
		HostileText text = new HostileText(20261203);
		for (int i = 0; i < 400; i++) {
			// Small and large batches in turn, so the kept buffer is reused after a larger body.
			Batch batch = randomBatch(random, text, (i % 7 == 0) ? 60 : 1 + random.nextInt(6));
			byte[] written = WireFormat.write(batch);
			String expected = WireFormat.mapper().writeValueAsString(expectedTree(batch));
			assertThat(new String(written, StandardCharsets.UTF_8)).as("batch %d", i).isEqualTo(expected);
			assertThat(written).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
			assertThat(WireFormat.writeString(batch)).isEqualTo(expected);
		}
	}

	@Test
	void shouldWriteEveryBatchRightWhenThreadsWriteAtOnce() throws Exception {
		List<Batch> batches = new ArrayList<>();
		List<String> expected = new ArrayList<>();
		Random random = new Random(7);
		HostileText text = new HostileText(7);
		for (int i = 0; i < 64; i++) {
			Batch batch = randomBatch(random, text, 1 + random.nextInt(40));
			batches.add(batch);
			expected.add(WireFormat.mapper().writeValueAsString(expectedTree(batch)));
		}
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<String>>> results = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int offset = t;
				results.add(threads.submit(() -> {
					List<String> written = new ArrayList<>();
					for (int round = 0; round < 20; round++) {
						for (int i = 0; i < batches.size(); i++) {
							written.add(WireFormat.writeString(batches.get((i + offset) % batches.size())));
						}
					}
					return written;
				}));
			}
			for (int t = 0; t < results.size(); t++) {
				List<String> written = results.get(t).get();
				for (int n = 0; n < written.size(); n++) {
					assertThat(written.get(n)).isEqualTo(expected.get((n % batches.size() + t) % batches.size()));
				}
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void shouldWriteTheValuesJacksonWritesItselfAndNoNonJsonToken() {
		Map<String, JsonNode> values = new LinkedHashMap<>();
		values.put("decimal", NODES.numberNode(new BigDecimal("12345678901234567.8900")));
		values.put("exponent", NODES.numberNode(new BigDecimal("1E+400")));
		values.put("double", NODES.numberNode(0.1));
		values.put("nan", NODES.numberNode(Double.NaN));
		values.put("infinity", NODES.numberNode(Float.NEGATIVE_INFINITY));
		values.put("short", NODES.numberNode((short) -7));
		values.put("big", NODES.numberNode(new BigInteger("-123456789012345678901234567890")));
		values.put("long", NODES.numberNode(Long.MIN_VALUE));
		values.put("binary", NODES.binaryNode("café".getBytes(StandardCharsets.UTF_8)));
		values.put("pojo", NODES.pojoNode(Map.of("k\u0000", "v\uD800")));
		values.put("missing", NODES.missingNode());
		Batch batch = sessionWith(values);
		String written = WireFormat.writeString(batch);
		assertThat(written).isEqualTo(WireFormat.mapper().writeValueAsString(expectedTree(batch)));
		assertThat(written).contains("\"decimal\":12345678901234567.8900", "\"exponent\":1E+400", "\"nan\":\"NaN\"",
				"\"infinity\":\"-Infinity\"", "\"pojo\":{\"k\":\"v\uFFFD\"}");
		assertThat(WireFormat.mapper().readTree(written).at("/sessions/0/metadata/big").bigIntegerValue())
			.isEqualTo(new BigInteger("-123456789012345678901234567890"));
	}

	@Test
	void shouldRefuseAValueNestedTooDeepInsteadOfOverflowingTheStack() {
		Batch tooDeep = eventWith(nested(5_000));
		assertThatIllegalArgumentException().isThrownBy(() -> WireFormat.write(tooDeep))
			.withMessageContaining("nested deeper than 500 levels");
	}

	@Test
	void shouldRefuseNestingExactlyWhereTheMapperDoesAndWriteOnlyWhatItReadsBack() {
		// Jackson 3 allows 500 levels; the batch, its events array and the event hold the content.
		int deepest = 0;
		for (int arrays = 490; arrays <= 510; arrays++) {
			Batch batch = eventWith(nested(arrays));
			boolean mapperWrites = catchThrowable(() -> WireFormat.mapper().writeValueAsBytes(expectedTree(batch))) == null;
			boolean writerWrites = catchThrowable(() -> WireFormat.write(batch)) == null;
			assertThat(writerWrites).as("%d nested arrays", arrays).isEqualTo(mapperWrites);
			if (writerWrites) {
				deepest = arrays;
				assertThat(WireFormat.read(WireFormat.writeString(batch)).events().get(0).content())
					.isEqualTo(batch.events().get(0).content());
			}
		}
		assertThat(deepest).isBetween(490, 509);
	}

	private static JsonNode nested(int arrays) {
		JsonNode node = NODES.stringNode("bottom");
		for (int i = 0; i < arrays; i++) {
			node = NODES.arrayNode().add(node);
		}
		return node;
	}

	private static Batch sessionWith(Map<String, JsonNode> metadata) {
		return new Batch(Batch.SCHEMA_VERSION, List.of(new SessionData(UUID.randomUUID(), Instant.now(), null, metadata)),
				List.of(), List.of(), List.of(), List.of());
	}

	private static Batch eventWith(JsonNode content) {
		return new Batch(Batch.SCHEMA_VERSION, List.of(), List.of(), List.of(), List.of(new EventData(UUID.randomUUID(),
				UUID.randomUUID(), null, EventType.CUSTOM, Instant.now(), content, Map.of())), List.of());
	}

	/** The batch as a tree with the protocol's field names, in its order, absent optional fields left out. */
	private static ObjectNode expectedTree(Batch batch) {
		ObjectNode root = NODES.objectNode();
		root.put("schema_version", batch.schemaVersion());
		ArrayNode sessions = root.putArray("sessions");
		for (SessionData session : batch.sessions()) {
			ObjectNode node = sessions.addObject();
			put(node, "id", session.id());
			put(node, "created_at", session.createdAt());
			put(node, "ended_at", session.endedAt());
			put(node, "metadata", session.metadata());
		}
		ArrayNode runs = root.putArray("runs");
		for (RunData run : batch.runs()) {
			ObjectNode node = runs.addObject();
			put(node, "id", run.id());
			put(node, "session_id", run.sessionId());
			node.put("name", run.name());
			put(node, "started_at", run.startedAt());
			put(node, "ended_at", run.endedAt());
			node.put("status", run.status().wireValue());
			put(node, run.error());
			put(node, "metadata", run.metadata());
		}
		ArrayNode spans = root.putArray("spans");
		for (SpanData span : batch.spans()) {
			ObjectNode node = spans.addObject();
			put(node, "id", span.id());
			put(node, "run_id", span.runId());
			put(node, "parent_span_id", span.parentSpanId());
			node.put("kind", span.kind().wireValue());
			node.put("name", span.name());
			put(node, "started_at", span.startedAt());
			put(node, "ended_at", span.endedAt());
			node.put("status", span.status().wireValue());
			put(node, span.error());
			if (span.iteration() != null) {
				node.put("iteration", span.iteration());
			}
			put(node, "attributes", span.attributes());
		}
		ArrayNode events = root.putArray("events");
		for (EventData event : batch.events()) {
			ObjectNode node = events.addObject();
			put(node, "id", event.id());
			put(node, "run_id", event.runId());
			put(node, "span_id", event.spanId());
			node.put("type", event.type().wireValue());
			put(node, "created_at", event.createdAt());
			node.set("content", event.content());
			put(node, "attributes", event.attributes());
		}
		ArrayNode scores = root.putArray("scores");
		for (ScoreData score : batch.scores()) {
			ObjectNode node = scores.addObject();
			put(node, "id", score.id());
			put(node, "trace_id", score.traceId());
			put(node, "span_id", score.spanId());
			node.put("name", score.name());
			node.put("value", score.value());
			node.put("data_type", score.dataType().wireValue());
			putString(node, "string_value", score.stringValue());
			node.put("source", score.source());
			putString(node, "comment", score.comment());
			put(node, "created_at", score.createdAt());
		}
		ArrayNode links = root.putArray("prompt_links");
		for (PromptLinkData link : batch.promptLinks()) {
			ObjectNode node = links.addObject();
			put(node, "trace_id", link.traceId());
			put(node, "span_id", link.spanId());
			put(node, "prompt_version_id", link.promptVersionId());
			node.putObject("variable_values").setAll(link.variableValues());
		}
		return root;
	}

	private static void put(ObjectNode node, String name, @Nullable Object value) {
		if (value != null) {
			node.put(name, value.toString());
		}
	}

	private static void putString(ObjectNode node, String name, @Nullable String value) {
		if (value != null) {
			node.put(name, value);
		}
	}

	private static void put(ObjectNode node, String name, Map<String, JsonNode> values) {
		if (!values.isEmpty()) {
			node.putObject(name).setAll(values);
		}
	}

	private static void put(ObjectNode node, @Nullable ErrorInfo error) {
		if (error != null) {
			ObjectNode object = node.putObject("error");
			putString(object, "type", error.type());
			putString(object, "message", error.message());
			putString(object, "module", error.module());
		}
	}

	private static Batch randomBatch(Random random, HostileText text, int size) {
		List<SessionData> sessions = new ArrayList<>();
		List<RunData> runs = new ArrayList<>();
		List<SpanData> spans = new ArrayList<>();
		List<EventData> events = new ArrayList<>();
		List<ScoreData> scores = new ArrayList<>();
		List<PromptLinkData> links = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			UUID id = UUID.randomUUID();
			UUID other = UUID.randomUUID();
			Instant at = instant(random);
			switch (random.nextInt(6)) {
				case 0 -> sessions.add(new SessionData(id, at, maybe(random, instant(random)), tree(random, text)));
				case 1 -> runs.add(new RunData(id, other, text.next(40), at, maybe(random, instant(random)),
						pick(random, RunStatus.values()), maybe(random, error(random, text)), tree(random, text)));
				case 2 -> spans.add(new SpanData(id, other, maybe(random, UUID.randomUUID()),
						pick(random, SpanKind.values()), text.next(30), at, maybe(random, instant(random)),
						pick(random, RunStatus.values()), maybe(random, error(random, text)),
						maybe(random, random.nextInt()), tree(random, text)));
				case 3 -> events.add(new EventData(id, other, maybe(random, UUID.randomUUID()),
						pick(random, EventType.values()), at, value(random, text, 0), tree(random, text)));
				case 4 -> {
					boolean categorical = random.nextBoolean();
					scores.add(new ScoreData(id, other, maybe(random, UUID.randomUUID()), "s" + text.next(20),
							categorical ? 0 : random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20),
							categorical ? ScoreDataType.CATEGORICAL : ScoreDataType.NUMERIC,
							categorical ? "c" + text.next(10) : null, "api", maybe(random, text.next(50)), at));
				}
				default -> links.add(new PromptLinkData(id, other, UUID.randomUUID(), tree(random, text)));
			}
		}
		return new Batch(Batch.SCHEMA_VERSION, sessions, runs, spans, events, scores, links);
	}

	private static <T> @Nullable T maybe(Random random, T value) {
		return random.nextBoolean() ? value : null;
	}

	private static <T> T pick(Random random, T[] values) {
		return values[random.nextInt(values.length)];
	}

	private static Instant instant(Random random) {
		int precision = random.nextInt(4);
		long nanos = (precision == 0) ? 0 : random.nextInt(1_000_000_000);
		if (precision == 1) {
			nanos -= nanos % 1_000_000;
		}
		else if (precision == 2) {
			nanos -= nanos % 1_000;
		}
		return Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_402_300_799L + 100_000_000L), nanos);
	}

	private static ErrorInfo error(Random random, HostileText text) {
		// Now and then no type: an error read from JSON without one, which the mapper wrote without it.
		String type = (random.nextInt(8) == 0) ? null : text.next(20);
		return new ErrorInfo(type, maybe(random, text.next(200)), maybe(random, text.next(30)));
	}

	private static Map<String, JsonNode> tree(Random random, HostileText text) {
		Map<String, JsonNode> values = new LinkedHashMap<>();
		int count = random.nextInt(4);
		for (int i = 0; i < count; i++) {
			values.put(text.next(12), value(random, text, 1));
		}
		return values;
	}

	private static JsonNode value(Random random, HostileText text, int depth) {
		int choice = random.nextInt((depth > 4) ? 8 : 10);
		return switch (choice) {
			case 0 -> NODES.nullNode();
			case 1 -> NODES.booleanNode(random.nextBoolean());
			case 2 -> NODES.numberNode(random.nextInt());
			case 3 -> NODES.numberNode(random.nextLong());
			case 4 -> NODES.numberNode(new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(40) - 20));
			case 5 -> NODES.numberNode(random.nextDouble() * 1e10);
			case 6, 7 -> NODES.stringNode(text.next((random.nextInt(10) == 0) ? 3_000 : 60));
			case 8 -> {
				ArrayNode array = NODES.arrayNode();
				for (int i = random.nextInt(4); i > 0; i--) {
					array.add(value(random, text, depth + 1));
				}
				yield array;
			}
			default -> {
				ObjectNode object = NODES.objectNode();
				for (int i = random.nextInt(4); i > 0; i--) {
					object.set(text.next(10), value(random, text, depth + 1));
				}
				yield object;
			}
		};
	}

}
