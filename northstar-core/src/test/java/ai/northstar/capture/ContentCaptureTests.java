package ai.northstar.capture;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link ContentCapture}.
 */
class ContentCaptureTests {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private static final int TEN_MB = 10 * 1024 * 1024;

	private final ContentCapture capture = ContentCapture.defaults();

	// Builder

	@Test
	void shouldUseDefaultsWhenNothingIsConfigured() {
		ContentCapture capture = ContentCapture.builder().build();
		assertThat(capture.maxContentSize()).isEqualTo(ContentCapture.DEFAULT_MAX_CONTENT_SIZE).isEqualTo(65536);
		assertThat(capture.redactKeys()).containsExactly("api_key", "authorization", "cookie", "password", "secret",
				"token");
		assertThat(ContentCapture.DEFAULT_REDACT_KEYS).containsExactlyElementsOf(capture.redactKeys());
		assertThat(ContentCapture.defaults().maxContentSize()).isEqualTo(ContentCapture.DEFAULT_MAX_CONTENT_SIZE);
	}

	@Test
	void shouldAddRedactKeysToDefaultsWhenKeysAreGiven() {
		ContentCapture capture = ContentCapture.builder()
			.redactKeys(List.of("ssn"))
			.redactKeys(List.of("private_key"))
			.build();
		assertThat(capture.redactKeys()).containsExactly("api_key", "authorization", "cookie", "password", "secret",
				"token", "ssn", "private_key");
		assertThat(json(capture.capture(Map.of("customer-SSN", "123", "privateKey", "k", "token", "t", "name", "n"))))
			.contains("\"customer-SSN\":\"[REDACTED]\"", "\"privateKey\":\"[REDACTED]\"", "\"token\":\"[REDACTED]\"",
					"\"name\":\"n\"");
	}

	@Test
	void shouldRejectMaxContentSizeWhenNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> ContentCapture.builder().maxContentSize(0))
			.withMessage("maxContentSize must be > 0, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> ContentCapture.builder().maxContentSize(-5))
			.withMessage("maxContentSize must be > 0, was -5");
	}

	@Test
	void shouldRejectRedactKeysWhenInvalid() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ContentCapture.builder().redactKeys(Arrays.asList("ssn", null)))
			.withMessage("redactKeys must not contain null");
		assertThatIllegalArgumentException().isThrownBy(() -> ContentCapture.builder().redactKeys(List.of("_ -.")))
			.withMessage("redactKeys must not contain keys made only of '_', '-', '.' and spaces, was '_ -.'");
		assertThatNullPointerException().isThrownBy(() -> ContentCapture.builder().redactKeys(null))
			.withMessage("redactKeys must not be null");
	}

	@Test
	void shouldRejectObjectConverterWhenNull() {
		assertThatNullPointerException().isThrownBy(() -> ContentCapture.builder().objectConverter(null))
			.withMessage("objectConverter must not be null");
	}

	@Test
	void shouldKeepRedactKeysUnmodifiableWhenBuilt() {
		ContentCapture.Builder builder = ContentCapture.builder();
		ContentCapture capture = builder.build();
		builder.redactKeys(List.of("ssn"));
		assertThat(capture.redactKeys()).doesNotContain("ssn");
		assertThat(capture.redactKeys()).isUnmodifiable();
		assertThat(ContentCapture.DEFAULT_REDACT_KEYS).isUnmodifiable();
	}

	// Scalars

	@Test
	void shouldReturnNullNodeWhenValueIsNull() {
		assertThat(this.capture.capture(null)).isSameAs(NullNode.getInstance());
	}

	@Test
	void shouldReuseStringWhenStringIsShortAndClean() {
		String value = "What is the weather in Paris?";
		JsonNode node = this.capture.capture(value);
		assertThat(node.isString()).isTrue();
		assertThat(node.stringValue()).isSameAs(value);
	}

	@Test
	void shouldMapScalarsWhenValuesAreSimple() {
		assertThat(json(this.capture.capture(42))).isEqualTo("42");
		assertThat(json(this.capture.capture(-9_000_000_000L))).isEqualTo("-9000000000");
		assertThat(json(this.capture.capture((short) 7))).isEqualTo("7");
		assertThat(json(this.capture.capture((byte) -3))).isEqualTo("-3");
		assertThat(json(this.capture.capture(1.5d))).isEqualTo("1.5");
		assertThat(json(this.capture.capture(0.25f))).isEqualTo("0.25");
		assertThat(json(this.capture.capture(new BigDecimal("12345678901234567890.123456789"))))
			.isEqualTo("12345678901234567890.123456789");
		assertThat(json(this.capture.capture(new BigInteger("123456789012345678901234567890"))))
			.isEqualTo("123456789012345678901234567890");
		assertThat(json(this.capture.capture(true))).isEqualTo("true");
		assertThat(json(this.capture.capture('x'))).isEqualTo("\"x\"");
		assertThat(json(this.capture.capture(new StringBuilder("built")))).isEqualTo("\"built\"");
		assertThat(json(this.capture.capture(new AtomicLong(5)))).isEqualTo("5");
	}

	@Test
	void shouldWriteNullWhenNumberIsNotFinite() {
		assertThat(this.capture.capture(Double.NaN)).isSameAs(NullNode.getInstance());
		assertThat(this.capture.capture(Double.POSITIVE_INFINITY)).isSameAs(NullNode.getInstance());
		assertThat(this.capture.capture(Double.NEGATIVE_INFINITY)).isSameAs(NullNode.getInstance());
		assertThat(this.capture.capture(Float.NaN)).isSameAs(NullNode.getInstance());
		assertThat(this.capture.capture(Float.POSITIVE_INFINITY)).isSameAs(NullNode.getInstance());
		assertThat(json(this.capture.capture(List.of(1.0, Double.NaN, Double.NEGATIVE_INFINITY))))
			.isEqualTo("[1.0,null,null]");
		assertThat(json(this.capture.capture(new double[] { Double.NaN, 2.5 }))).isEqualTo("[null,2.5]");
		assertThat(json(this.capture.capture(new float[] { Float.NEGATIVE_INFINITY }))).isEqualTo("[null]");
		assertThat(json(this.capture.capture(Map.of("score", Double.NaN)))).isEqualTo("{\"score\":null}");
		assertThat(json(this.capture.capture(OptionalDouble.of(Double.NaN)))).isEqualTo("null");
	}

	@Test
	void shouldWriteNullWhenConverterOutputHoldsNonFiniteNumbers() {
		assertThat(json(this.capture.capture(new Measurement("temp", Double.NaN, Float.POSITIVE_INFINITY))))
			.isEqualTo("{\"name\":\"temp\",\"value\":null,\"ratio\":null}");
		ObjectNode tree = JsonNodeFactory.instance.objectNode();
		tree.put("a", Double.NaN).put("b", Float.NEGATIVE_INFINITY).put("c", 3.0);
		assertThat(json(this.capture.capture(tree))).isEqualTo("{\"a\":null,\"b\":null,\"c\":3.0}");
		String serialized = json(this.capture.capture(List.of(tree, Double.NaN)));
		assertThat(serialized).doesNotContain("NaN", "Infinity");
	}

	// Strings and keys

	@Test
	void shouldRemoveNulCharacterWhenInStringsAndKeys() {
		assertThat(this.capture.capture("a\u0000b\u0000").stringValue()).isEqualTo("ab");
		assertThat(this.capture.capture('\u0000').stringValue()).isEmpty();
		assertThat(this.capture.capture(new StringBuilder("x\u0000y")).stringValue()).isEqualTo("xy");
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("ke\u0000y", "va\u0000lue");
		map.put("nested", Map.of("\u0000inner", List.of("\u0000")));
		assertThat(json(this.capture.capture(map)))
			.isEqualTo("{\"key\":\"value\",\"nested\":{\"inner\":[\"\"]}}");
		assertThat(json(this.capture.capture(new char[] { 'o', '\u0000', 'k' }))).isEqualTo("\"ok\"");
	}

	@Test
	void shouldRemoveNulCharacterWhenInConverterOutput() {
		assertThat(json(this.capture.capture(new Measurement("t\u0000emp", 1.0, 2.0f))))
			.isEqualTo("{\"name\":\"temp\",\"value\":1.0,\"ratio\":2.0}");
		ContentCapture capture = ContentCapture.builder().objectConverter((value) -> {
			ObjectNode tree = JsonNodeFactory.instance.objectNode();
			tree.put("na\u0000me", "va\u0000l");
			tree.put("pass\u0000word", "hunter2");
			return tree;
		}).build();
		assertThat(json(capture.capture(new Object()))).isEqualTo("{\"name\":\"val\",\"password\":\"[REDACTED]\"}");
	}

	@Test
	void shouldReplaceLoneSurrogateWhenStringIsMalformed() {
		String emoji = "\uD83D\uDE00";
		assertThat(this.capture.capture("ok " + emoji).stringValue()).isEqualTo("ok " + emoji);
		assertThat(this.capture.capture("bad \uD83D end").stringValue()).isEqualTo("bad \uFFFD end");
		assertThat(this.capture.capture("\uDE00").stringValue()).isEqualTo("\uFFFD");
		assertThat(json(this.capture.capture(Map.of("k\uD800", "v")))).isEqualTo("{\"k\uFFFD\":\"v\"}");
		// Jackson would write a lone surrogate as an escape that Postgres jsonb rejects.
		assertThat(MAPPER.writeValueAsBytes(this.capture.capture(List.of("x\uDBFF", "\uDC00y"))))
			.asString(StandardCharsets.UTF_8)
			.isEqualTo("[\"x\uFFFD\",\"\uFFFDy\"]");
	}

	@Test
	void shouldKeepBothValuesWhenTwoKeysBecomeEqual() {
		Map<Object, Object> map = new LinkedHashMap<>();
		map.put("a\u0000b", 1);
		map.put("ab", 2);
		map.put(7, "number");
		map.put("7", "text");
		map.put("ab~2", 3);
		assertThat(json(this.capture.capture(map)))
			.isEqualTo("{\"ab\":1,\"ab~2\":2,\"7\":\"number\",\"7~2\":\"text\",\"ab~2~2\":3}");
	}

	@Test
	void shouldKeepEveryCharacterWhenTextIsInAnyScript() {
		String text = "résumé Grüße 中文 עברית العربية e\u0301 \u200B😀👨\u200D👩 \uD840\uDC00 \uFFFF";
		assertThat(this.capture.capture(text).stringValue()).isEqualTo(text);
		assertThat(this.capture.capture(Map.of(text, List.of(text))).get(text).get(0).stringValue()).isEqualTo(text);
	}

	// Containers and types

	@Test
	void shouldMapCollectionsWhenValuesAreContainers() {
		assertThat(json(this.capture.capture(List.of(1, "two", false)))).isEqualTo("[1,\"two\",false]");
		assertThat(json(this.capture.capture(new LinkedHashSet<>(List.of("a", "b"))))).isEqualTo("[\"a\",\"b\"]");
		Iterable<Integer> iterable = () -> List.of(3, 4).iterator();
		assertThat(json(this.capture.capture(iterable))).isEqualTo("[3,4]");
		assertThat(json(this.capture.capture(new Object[] { "x", null, 1 }))).isEqualTo("[\"x\",null,1]");
		assertThat(json(this.capture.capture(new int[] { 1, 2 }))).isEqualTo("[1,2]");
		assertThat(json(this.capture.capture(new long[] { 3L }))).isEqualTo("[3]");
		assertThat(json(this.capture.capture(new boolean[] { true, false }))).isEqualTo("[true,false]");
		assertThat(json(this.capture.capture(new String[][] { { "a" }, { "b", "c" } })))
			.isEqualTo("[[\"a\"],[\"b\",\"c\"]]");
		assertThat(json(this.capture.capture(Collections.emptyList()))).isEqualTo("[]");
		assertThat(json(this.capture.capture(Collections.emptyMap()))).isEqualTo("{}");
	}

	@Test
	void shouldStringifyMapKeysWhenKeysAreNotStrings() {
		Map<Object, Object> map = new LinkedHashMap<>();
		map.put(1, "one");
		map.put(null, "none");
		map.put(DayOfWeek.MONDAY, List.of());
		assertThat(json(this.capture.capture(map))).isEqualTo("{\"1\":\"one\",\"null\":\"none\",\"MONDAY\":[]}");
	}

	@Test
	void shouldEncodeBase64WhenValueIsByteArray() {
		assertThat(this.capture.capture(new byte[] { 1, 2, 3 }).stringValue()).isEqualTo("AQID");
		assertThat(this.capture.capture(new byte[0]).stringValue()).isEmpty();
		assertThat(json(this.capture.capture(Map.of("data", "hi".getBytes(StandardCharsets.UTF_8)))))
			.isEqualTo("{\"data\":\"aGk=\"}");
	}

	@Test
	void shouldUnwrapOptionalWhenPresentAndWriteNullWhenEmpty() {
		assertThat(this.capture.capture(Optional.empty())).isSameAs(NullNode.getInstance());
		assertThat(this.capture.capture(Optional.of("x")).stringValue()).isEqualTo("x");
		assertThat(json(this.capture.capture(Optional.of(List.of(1))))).isEqualTo("[1]");
		assertThat(json(this.capture.capture(OptionalInt.of(5)))).isEqualTo("5");
		assertThat(this.capture.capture(OptionalInt.empty())).isSameAs(NullNode.getInstance());
		assertThat(json(this.capture.capture(Map.of("maybe", Optional.empty())))).isEqualTo("{\"maybe\":null}");
	}

	@Test
	void shouldWriteNameWhenValueIsEnum() {
		assertThat(this.capture.capture(Mood.HAPPY).stringValue()).isEqualTo("HAPPY");
		assertThat(this.capture.capture(Mood.GRUMPY).stringValue()).isEqualTo("GRUMPY");
		assertThat(this.capture.capture(DayOfWeek.FRIDAY).stringValue()).isEqualTo("FRIDAY");
	}

	@Test
	void shouldWriteIsoTextWhenValueIsJavaTime() {
		Instant instant = Instant.parse("2025-01-02T03:04:05.123Z");
		assertThat(this.capture.capture(instant).stringValue()).isEqualTo("2025-01-02T03:04:05.123Z");
		assertThat(this.capture.capture(Duration.ofMillis(1500)).stringValue()).isEqualTo("PT1.5S");
		assertThat(this.capture.capture(LocalDate.of(2025, 1, 2)).stringValue()).isEqualTo("2025-01-02");
		assertThat(this.capture.capture(LocalDateTime.of(2025, 1, 2, 3, 4, 5)).stringValue())
			.isEqualTo("2025-01-02T03:04:05");
		assertThat(this.capture.capture(LocalTime.of(3, 4)).stringValue()).isEqualTo("03:04");
		assertThat(this.capture.capture(OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)))
			.stringValue()).isEqualTo("2025-01-02T03:04:05+02:00");
		assertThat(this.capture.capture(ZonedDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneId.of("Europe/Paris")))
			.stringValue()).isEqualTo("2025-01-02T03:04:05+01:00[Europe/Paris]");
		assertThat(this.capture.capture(ZoneId.of("Europe/Paris")).stringValue()).isEqualTo("Europe/Paris");
		assertThat(this.capture.capture(Period.ofDays(3)).stringValue()).isEqualTo("P3D");
		assertThat(this.capture.capture(new Date(instant.toEpochMilli())).stringValue())
			.isEqualTo("2025-01-02T03:04:05.123Z");
	}

	@Test
	void shouldWriteTextWhenValueIsUuidOrPath() {
		UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
		assertThat(this.capture.capture(id).stringValue()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
		assertThat(this.capture.capture(Path.of("a", "b.txt")).stringValue()).isEqualTo(Path.of("a", "b.txt").toString());
	}

	@Test
	void shouldWriteErrorObjectWhenValueIsThrowable() {
		assertThat(json(this.capture.capture(new IllegalStateException("boom"))))
			.isEqualTo("{\"type\":\"IllegalStateException\",\"message\":\"boom\",\"module\":\"java.lang\"}");
		assertThat(json(this.capture.capture(new CustomFailure(null))))
			.isEqualTo("{\"type\":\"CustomFailure\",\"module\":\"ai.northstar.capture\"}");
		assertThat(json(this.capture.capture(new IllegalStateException("a\u0000b")))).contains("\"message\":\"ab\"");
	}

	@Test
	void shouldConvertRecordsAndPojosWhenTypeIsUnknown() {
		assertThat(json(this.capture.capture(new Measurement("temp", 21.5, 0.5f))))
			.isEqualTo("{\"name\":\"temp\",\"value\":21.5,\"ratio\":0.5}");
		Customer customer = new Customer();
		customer.setName("Ada");
		customer.setTags(List.of("vip"));
		assertThat(json(this.capture.capture(customer)))
			.isEqualTo("{\"name\":\"Ada\",\"password\":\"[REDACTED]\",\"tags\":[\"vip\"]}");
	}

	@Test
	void shouldUseConfiguredConverterWhenGiven() {
		ContentCapture capture = ContentCapture.builder()
			.objectConverter((value) -> JsonNodeFactory.instance.stringNode("custom:" + value.getClass().getSimpleName()))
			.build();
		assertThat(capture.capture(new Customer()).stringValue()).isEqualTo("custom:Customer");
		assertThat(capture.capture(List.of(new Customer())).get(0).stringValue()).isEqualTo("custom:Customer");
		assertThat(capture.capture("plain").stringValue()).isEqualTo("plain");
	}

	@Test
	void shouldWriteNullWhenConverterReturnsNull() {
		ContentCapture capture = ContentCapture.builder().objectConverter((value) -> null).build();
		assertThat(capture.capture(new Customer())).isSameAs(NullNode.getInstance());
	}

	@Test
	void shouldWalkPojoNodeWhenConverterReturnsOne() {
		Customer customer = new Customer();
		customer.setName("Ada");
		List<Object> inner = new ArrayList<>(List.of("x"));
		ContentCapture capture = ContentCapture.builder()
			.objectConverter((value) -> (value == customer) ? new POJONode(List.of(inner, customer)) : null)
			.build();
		assertThat(json(capture.capture(customer))).isEqualTo("[[\"x\"],\"<cycle: Customer>\"]");
	}

	// Degrading

	@Test
	void shouldWriteUnserializableMarkerWhenPojoReferencesItself() {
		assertThat(this.capture.capture(new SelfReferencing()).stringValue())
			.isEqualTo("<unserializable: SelfReferencing>");
	}

	@Test
	void shouldWriteUnserializableMarkerWhenPojosFormCycle() {
		Parent parent = new Parent();
		parent.child = new Child();
		parent.child.parent = parent;
		assertThat(this.capture.capture(parent).stringValue()).isEqualTo("<unserializable: Parent>");
		assertThat(json(this.capture.capture(Map.of("p", parent)))).isEqualTo("{\"p\":\"<unserializable: Parent>\"}");
	}

	@Test
	void shouldWriteUnserializableMarkerWhenGetterThrows() {
		assertThat(this.capture.capture(new ThrowingGetter()).stringValue())
			.isEqualTo("<unserializable: ThrowingGetter>");
		assertThat(json(this.capture.capture(List.of("before", new ThrowingGetter(), "after"))))
			.isEqualTo("[\"before\",\"<unserializable: ThrowingGetter>\",\"after\"]");
	}

	@Test
	void shouldWriteUnserializableMarkerWhenObjectHasNoProperties() {
		assertThat(this.capture.capture(new Object()).stringValue()).isEqualTo("<unserializable: Object>");
	}

	@Test
	void shouldWriteUnserializableMarkerWhenConverterThrows() {
		ContentCapture capture = ContentCapture.builder().objectConverter((value) -> {
			throw new IllegalStateException("no");
		}).build();
		assertThat(capture.capture(new Customer()).stringValue()).isEqualTo("<unserializable: Customer>");
		ContentCapture overflowing = ContentCapture.builder().objectConverter((value) -> {
			throw new StackOverflowError();
		}).build();
		assertThat(overflowing.capture(new Customer()).stringValue()).isEqualTo("<unserializable: Customer>");
	}

	@Test
	void shouldWriteUnserializableMarkerWhenIterationFails() {
		Iterable<Object> failing = () -> {
			throw new ConcurrentModificationException();
		};
		assertThat(json(this.capture.capture(List.of(1, failing))))
			.startsWith("[1,\"<unserializable: ContentCaptureTests$$Lambda");
		Map<Object, Object> map = new LinkedHashMap<>();
		map.put(new Object() {
			@Override
			public String toString() {
				throw new IllegalStateException("no");
			}
		}, "value");
		assertThat(json(this.capture.capture(map))).isEqualTo("{\"<unserializable: ai.northstar.capture.ContentCaptureTests$1>\":\"value\"}");
	}

	@Test
	void shouldNotConsumeValueWhenValueIsIteratorOrStream() {
		Iterator<String> iterator = List.of("a").iterator();
		assertThat(this.capture.capture(iterator).stringValue()).startsWith("<unserializable: ");
		assertThat(iterator.hasNext()).isTrue();
		Stream<String> stream = Stream.of("a", "b");
		assertThat(this.capture.capture(stream).stringValue()).startsWith("<unserializable: ");
		assertThat(stream.collect(Collectors.toList())).containsExactly("a", "b");
		ByteArrayInputStream input = new ByteArrayInputStream(new byte[] { 1 });
		assertThat(this.capture.capture(input).stringValue()).isEqualTo("<unserializable: ByteArrayInputStream>");
		assertThat(input.available()).isEqualTo(1);
	}

	// Cycles and depth

	@Test
	void shouldWriteCycleMarkerWhenListContainsItself() {
		List<Object> list = new ArrayList<>();
		list.add(1);
		list.add(list);
		assertThat(json(this.capture.capture(list))).isEqualTo("[1,\"<cycle: ArrayList>\"]");
	}

	@Test
	void shouldWriteCycleMarkerWhenMapContainsItself() {
		Map<String, Object> map = new HashMap<>();
		map.put("self", map);
		assertThat(json(this.capture.capture(map))).isEqualTo("{\"self\":\"<cycle: HashMap>\"}");
		Object[] array = new Object[1];
		array[0] = array;
		assertThat(json(this.capture.capture(array))).isEqualTo("[\"<cycle: Object[]>\"]");
	}

	@Test
	void shouldWriteCycleMarkerWhenCycleIsIndirect() {
		Map<String, Object> map = new LinkedHashMap<>();
		List<Object> list = new ArrayList<>();
		map.put("list", list);
		list.add(map);
		assertThat(json(this.capture.capture(map))).isEqualTo("{\"list\":[\"<cycle: LinkedHashMap>\"]}");
	}

	@Test
	void shouldCaptureSharedValueTwiceWhenItIsNoCycle() {
		List<String> shared = List.of("s");
		assertThat(json(this.capture.capture(List.of(shared, shared)))).isEqualTo("[[\"s\"],[\"s\"]]");
	}

	@Test
	void shouldWriteCycleMarkerWhenJsonTreeContainsItself() {
		ObjectNode tree = JsonNodeFactory.instance.objectNode();
		tree.set("self", tree);
		assertThat(json(this.capture.capture(tree))).isEqualTo("{\"self\":\"<cycle: ObjectNode>\"}");
	}

	@Test
	void shouldWriteDepthMarkerWhenNestingIsTooDeep() {
		List<Object> root = new ArrayList<>();
		List<Object> current = root;
		for (int i = 0; i < 200; i++) {
			List<Object> next = new ArrayList<>();
			current.add(next);
			current = next;
		}
		JsonNode node = this.capture.capture(root);
		int depth = 0;
		while (node.isArray()) {
			node = node.get(0);
			depth++;
		}
		assertThat(depth).isEqualTo(CaptureWalker.MAX_DEPTH);
		assertThat(node.stringValue()).isEqualTo("<max depth exceeded: ArrayList>");
	}

	// Snapshot

	@Test
	void shouldKeepSnapshotWhenValueIsMutatedAfterCapture() {
		List<Object> list = new ArrayList<>(List.of("a"));
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("list", list);
		StringBuilder text = new StringBuilder("draft");
		map.put("text", text);
		int[] numbers = { 1, 2 };
		map.put("numbers", numbers);
		Date date = new Date(0);
		map.put("date", date);
		JsonNode snapshot = this.capture.capture(map);
		String before = json(snapshot);
		list.add("b");
		map.put("extra", 1);
		text.append(" final");
		numbers[0] = 99;
		date.setTime(1000);
		assertThat(json(snapshot)).isEqualTo(before)
			.isEqualTo("{\"list\":[\"a\"],\"text\":\"draft\",\"numbers\":[1,2],\"date\":\"1970-01-01T00:00:00Z\"}");
	}

	@Test
	void shouldCopyJsonNodeWhenValueIsTree() {
		ObjectNode tree = JsonNodeFactory.instance.objectNode();
		ArrayNode items = tree.putArray("items");
		items.add("a");
		tree.put("token", "secret-value");
		tree.put("ke\u0000y", "v");
		JsonNode snapshot = this.capture.capture(tree);
		items.add("b");
		tree.put("later", true);
		assertThat(json(snapshot)).isEqualTo("{\"items\":[\"a\"],\"token\":\"[REDACTED]\",\"key\":\"v\"}");
		assertThat(tree.get("token").stringValue()).isEqualTo("secret-value");
	}

	// Redaction

	@ParameterizedTest
	@ValueSource(strings = { "api_key", "apiKey", "API-KEY", "X-Api-Key", "x.api.key", "accessToken", "token",
			"clientSecret", "userPassword", "Authorization", "Proxy-Authorization", "cookie", "Set-Cookie",
			"refresh_token", "password ", "Secret" })
	void shouldRedactValueWhenKeyNamesSecret(String key) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(key, Map.of("nested", "value"));
		assertThat(this.capture.capture(map).get(key).stringValue()).isEqualTo(ContentCapture.REDACTED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "max_tokens", "tokenizer", "secretary", "token_count", "cookies", "passwords", "key",
			"author", "" })
	void shouldKeepValueWhenKeyOnlyResemblesSecret(String key) {
		assertThat(this.capture.capture(Map.of(key, "visible")).get(key).stringValue()).isEqualTo("visible");
	}

	@Test
	void shouldRedactSecretsWhenNestedAtAnyDepth() {
		Map<String, Object> deep = Map.of("level1", List.of(Map.of("level2", Map.of("password", "hunter2", "user",
				"ada"))));
		String serialized = json(this.capture.capture(deep));
		assertThat(serialized).contains("\"password\":\"[REDACTED]\"", "\"user\":\"ada\"").doesNotContain("hunter2");
	}

	@Test
	void shouldRedactSecretsWhenInPojoFields() {
		Credentials credentials = new Credentials("ada", "sk-123", new Customer());
		String serialized = json(this.capture.capture(Map.of("creds", credentials)));
		assertThat(serialized).contains("\"user\":\"ada\"", "\"apiKey\":\"[REDACTED]\"", "\"password\":\"[REDACTED]\"")
			.doesNotContain("sk-123", "p@ss");
	}

	@Test
	void shouldNotWalkValueWhenKeyIsRedacted() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("secret", new ThrowingGetter());
		List<Object> cyclic = new ArrayList<>();
		cyclic.add(cyclic);
		map.put("token", cyclic);
		assertThat(json(this.capture.capture(map))).isEqualTo("{\"secret\":\"[REDACTED]\",\"token\":\"[REDACTED]\"}");
	}

	// Size cap

	@Test
	void shouldKeepStringWhenItFitsExactly() {
		ContentCapture capture = ContentCapture.builder().maxContentSize(100).build();
		String fits = "a".repeat(98);
		assertThat(capture.capture(fits).stringValue()).isEqualTo(fits);
		assertThat(capture.capture("a".repeat(99)).get("truncated").booleanValue()).isTrue();
		assertThat(capture.capture(List.of("a".repeat(96))).get(0).stringValue()).hasSize(96);
		assertThat(capture.capture(List.of("a".repeat(97))).get("truncated").booleanValue()).isTrue();
	}

	@Test
	void shouldTruncateStringWhenTenMegabytes() {
		String huge = "abcdefghij".repeat(TEN_MB / 10);
		JsonNode node = this.capture.capture(huge);
		assertThat(node.get("truncated").booleanValue()).isTrue();
		assertThat(node.get("original_length").longValue()).isEqualTo(huge.length());
		String value = node.get("value").stringValue();
		assertThat(huge).startsWith(value);
		assertThat(value.length()).isGreaterThan(ContentCapture.DEFAULT_MAX_CONTENT_SIZE - 100);
		assertThat(serializedSize(node)).isLessThanOrEqualTo(ContentCapture.DEFAULT_MAX_CONTENT_SIZE);
		JsonNode builder = this.capture.capture(new StringBuilder(huge));
		assertThat(builder.get("value").stringValue()).isEqualTo(value);
	}

	@Test
	void shouldTruncateStringWithinCapWhenCharactersNeedEscapesOrSeveralBytes() {
		for (String unit : List.of("\"", "\u0001", "é", "\u20AC", "\uD83D\uDE00", "\n\u0000")) {
			String huge = unit.repeat(TEN_MB / unit.length());
			JsonNode node = this.capture.capture(huge);
			assertThat(node.get("truncated").booleanValue()).as(unit).isTrue();
			assertThat(serializedSize(node)).as(unit)
				.isLessThanOrEqualTo(ContentCapture.DEFAULT_MAX_CONTENT_SIZE)
				.isGreaterThan(ContentCapture.DEFAULT_MAX_CONTENT_SIZE - 100);
			String value = node.get("value").stringValue();
			assertThat(value).doesNotContain("\u0000");
			assertThat(Character.isHighSurrogate(value.charAt(value.length() - 1))).isFalse();
		}
	}

	@Test
	void shouldWritePreviewWhenListHasHundredThousandItems() {
		List<Integer> items = IntStream.range(0, 100_000).boxed().toList();
		JsonNode node = this.capture.capture(items);
		assertThat(node.get("truncated").booleanValue()).isTrue();
		assertThat(node.get("preview").stringValue()).startsWith("[0,1,2,3,4,5");
		assertThat(node.get("original_size").longValue()).isGreaterThan(ContentCapture.DEFAULT_MAX_CONTENT_SIZE);
		assertThat(serializedSize(node)).isLessThanOrEqualTo(ContentCapture.DEFAULT_MAX_CONTENT_SIZE)
			.isGreaterThan(ContentCapture.DEFAULT_MAX_CONTENT_SIZE / 2);
	}

	@Test
	void shouldWritePreviewWhenHugeStringIsNested() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("password", "hunter2");
		map.put("doc", "\"quoted\" ".repeat(TEN_MB / 9));
		JsonNode node = this.capture.capture(map);
		String preview = node.get("preview").stringValue();
		assertThat(preview).startsWith("{\"password\":\"[REDACTED]\",\"doc\":\"\\\"quoted\\\" ").doesNotContain("hunter2");
		assertThat(node.get("original_size").longValue()).isGreaterThan(TEN_MB);
		assertThat(serializedSize(node)).isLessThanOrEqualTo(ContentCapture.DEFAULT_MAX_CONTENT_SIZE);
	}

	@Test
	void shouldWritePreviewWhenByteArrayIsHuge() {
		JsonNode node = this.capture.capture(new byte[TEN_MB]);
		assertThat(node.get("preview").stringValue()).startsWith("\"AAAA");
		assertThat(node.get("original_size").longValue()).isGreaterThan(TEN_MB);
		assertThat(serializedSize(node)).isLessThanOrEqualTo(ContentCapture.DEFAULT_MAX_CONTENT_SIZE);
	}

	@Test
	void shouldStopWhenIterableIsEndless() {
		Iterable<String> endless = () -> Stream.generate(() -> "again").iterator();
		JsonNode node = this.capture.capture(Map.of("items", endless));
		assertThat(node.get("truncated").booleanValue()).isTrue();
		assertThat(node.get("preview").stringValue()).startsWith("{\"items\":[\"again\",\"again\"");
		assertThat(serializedSize(node)).isLessThanOrEqualTo(ContentCapture.DEFAULT_MAX_CONTENT_SIZE);
	}

	@Test
	void shouldCapToConfiguredSizeWhenSizeIsSmall() {
		ContentCapture capture = ContentCapture.builder().maxContentSize(200).build();
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < 1000; i++) {
			map.put("key" + i, List.of(i, "value " + i, 1.5 * i));
		}
		JsonNode node = capture.capture(map);
		assertThat(node.get("preview").stringValue()).startsWith("{\"key0\":[0,\"value 0\",0.0]");
		assertThat(serializedSize(node)).isLessThanOrEqualTo(200);
		ObjectNode small = JsonNodeFactory.instance.objectNode();
		small.put("a", 1);
		assertThat(capture.capture(small)).isEqualTo(small);
	}

	@Test
	void shouldCapPojoContentWhenConverterOutputIsHuge() {
		JsonNode node = this.capture.capture(new Measurement("x".repeat(TEN_MB), 1.0, 1.0f));
		assertThat(node.get("preview").stringValue()).startsWith("{\"name\":\"xxxx");
		assertThat(serializedSize(node)).isLessThanOrEqualTo(ContentCapture.DEFAULT_MAX_CONTENT_SIZE);
	}

	@Test
	void shouldTruncateTreeWhenJsonStringNodeIsHuge() {
		JsonNode node = this.capture.capture(JsonNodeFactory.instance.stringNode("y".repeat(TEN_MB)));
		assertThat(node.get("original_length").intValue()).isEqualTo(TEN_MB);
		assertThat(serializedSize(node)).isLessThanOrEqualTo(ContentCapture.DEFAULT_MAX_CONTENT_SIZE);
	}

	// Arguments

	@Test
	void shouldCaptureArgumentsByNameWhenNamesAndValuesMatch() {
		ObjectNode node = this.capture.captureArguments(new String[] { "city", "days", "apiKey", "opt\u0000ions" },
				new Object[] { "Paris", 3, "sk-123", Map.of("units", "metric") });
		assertThat(json(node)).isEqualTo(
				"{\"city\":\"Paris\",\"days\":3,\"apiKey\":\"[REDACTED]\",\"options\":{\"units\":\"metric\"}}");
	}

	@Test
	void shouldFillGapsWhenNamesAndValuesDiffer() {
		assertThat(json(this.capture.captureArguments(new String[] { "a", "b" }, new Object[] { 1 })))
			.isEqualTo("{\"a\":1,\"b\":null}");
		assertThat(json(this.capture.captureArguments(new String[] { "a" }, new Object[] { 1, 2 })))
			.isEqualTo("{\"a\":1,\"arg1\":2}");
		assertThat(json(this.capture.captureArguments(new String[0], new Object[0]))).isEqualTo("{}");
	}

	@Test
	void shouldWritePreviewWhenArgumentsAreOverCap() {
		ObjectNode node = this.capture.captureArguments(new String[] { "query", "document" },
				new Object[] { "weather", "z".repeat(TEN_MB) });
		assertThat(node.get("truncated").booleanValue()).isTrue();
		assertThat(node.get("preview").stringValue()).startsWith("{\"query\":\"weather\",\"document\":\"zzz");
		assertThat(serializedSize(node)).isLessThanOrEqualTo(ContentCapture.DEFAULT_MAX_CONTENT_SIZE);
	}

	// Threads

	@Test
	@Timeout(30)
	void shouldProduceSameSnapshotWhenUsedFromManyThreads() throws Exception {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("messages", List.of(Map.of("role", "user", "content", "hi\u0000"), Map.of("token", "t")));
		value.put("when", Instant.EPOCH);
		value.put("measurement", new Measurement("m", 1.0, Float.NaN));
		String expected = json(this.capture.capture(value));
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Set<String>>> futures = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				futures.add(executor.submit(() -> {
					start.await();
					Set<String> results = new LinkedHashSet<>();
					for (int i = 0; i < 500; i++) {
						results.add(json(this.capture.capture(value)));
					}
					return results;
				}));
			}
			start.countDown();
			for (Future<Set<String>> future : futures) {
				assertThat(future.get()).containsExactly(expected);
			}
		}
		finally {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	private static String json(JsonNode node) {
		return MAPPER.writeValueAsString(node);
	}

	private static int serializedSize(JsonNode node) {
		return MAPPER.writeValueAsBytes(node).length;
	}

	enum Mood {

		HAPPY,

		GRUMPY {
			@Override
			public String toString() {
				return "grumpy!";
			}
		}

	}

	record Measurement(String name, double value, float ratio) {
	}

	record Credentials(String user, String apiKey, Customer customer) {
	}

	static class Customer {

		private String name = "";

		private List<String> tags = List.of();

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getPassword() {
			return "p@ss";
		}

		public List<String> getTags() {
			return this.tags;
		}

		public void setTags(List<String> tags) {
			this.tags = tags;
		}

	}

	static class SelfReferencing {

		public SelfReferencing getSelf() {
			return this;
		}

		public String getName() {
			return "loop";
		}

	}

	static class Parent {

		public Child child;

	}

	static class Child {

		public Parent parent;

	}

	static class ThrowingGetter {

		public String getName() {
			throw new IllegalStateException("getter failed");
		}

	}

	static class CustomFailure extends RuntimeException {

		CustomFailure(String message) {
			super(message);
		}

	}

}
