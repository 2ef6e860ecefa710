package ai.northstar.local;

import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

import static ai.northstar.local.TestBatches.MAPPER;
import static ai.northstar.local.TestBatches.add;
import static ai.northstar.local.TestBatches.first;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IngestValidator}.
 */
class IngestValidatorTests {

	@Test
	void shouldAcceptWhenBatchHasOneValidRecordOfEachKind() {
		assertThat(IngestValidator.validate(TestBatches.full().batch())).isEmpty();
	}

	@Test
	void shouldAcceptWhenArraysAreAbsentOrEmpty() {
		assertThat(IngestValidator.validate(TestBatches.batch())).isEmpty();
		ObjectNode batch = TestBatches.batch();
		batch.putArray("runs");
		batch.putArray("scores");
		assertThat(IngestValidator.validate(batch)).isEmpty();
	}

	@Test
	void shouldAcceptWhenSchemaVersionIsOne() {
		assertThat(IngestValidator.validate(TestBatches.batch().put("schema_version", 1))).isEmpty();
	}

	@Test
	void shouldRejectWhenPayloadIsNotAnObject() {
		assertThat(IngestValidator.validate(MAPPER.createArrayNode())).contains("payload must be a JSON object");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"schema_version\": 3}", "{\"schema_version\": \"2\"}",
			"{\"schema_version\": 2.5}", "{\"schema_version\": null}" })
	void shouldRejectWhenSchemaVersionIsNotOneOrTwo(String json) {
		assertThat(IngestValidator.validate(MAPPER.readTree(json))).contains("schema_version must be 1 or 2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "sessions", "runs", "spans", "events", "scores", "prompt_links" })
	void shouldRejectWhenRecordListIsNotAnArray(String array) {
		ObjectNode batch = TestBatches.batch();
		batch.putObject(array);
		assertThat(IngestValidator.validate(batch)).contains(array + " must be an array");
	}

	@Test
	void shouldRejectWhenRecordIsNotAnObject() {
		ObjectNode batch = TestBatches.batch();
		batch.putArray("runs").add("run");
		assertThat(IngestValidator.validate(batch)).contains("runs[0] must be an object");
	}

	@Test
	void shouldRejectWhenRecordHasUnknownKey() {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "runs").put("foo", 1);
		assertThat(IngestValidator.validate(full.batch())).contains("runs[0].foo is not allowed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "sessions", "runs", "spans", "events", "scores", "prompt_links" })
	void shouldRejectWhenRecordCarriesProjectId(String array) {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), array).put("project_id", "abc");
		assertThat(IngestValidator.validate(full.batch())).contains(array + "[0].project_id is not allowed");
	}

	@Test
	void shouldRejectWhenBatchHasUnknownTopLevelKey() {
		assertThat(IngestValidator.validate(TestBatches.batch().put("project_id", "abc")))
			.contains("project_id is not allowed");
	}

	@ParameterizedTest
	@CsvSource({ "sessions, id", "sessions, created_at", "runs, id", "runs, session_id", "runs, name",
			"runs, started_at", "runs, status", "spans, id", "spans, run_id", "spans, kind", "spans, name",
			"spans, started_at", "spans, status", "events, id", "events, run_id", "events, type", "events, created_at",
			"events, content", "scores, id", "scores, trace_id", "scores, name", "scores, value", "scores, data_type",
			"scores, source", "scores, created_at", "prompt_links, trace_id", "prompt_links, span_id",
			"prompt_links, prompt_version_id" })
	void shouldRejectWhenRequiredKeyIsMissing(String array, String key) {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), array).remove(key);
		assertThat(IngestValidator.validate(full.batch())).contains(array + "[0]." + key + " is required");
	}

	@ParameterizedTest
	@CsvSource({ "sessions, ended_at", "sessions, metadata", "runs, ended_at", "runs, error", "runs, metadata",
			"spans, parent_span_id", "spans, ended_at", "spans, error", "spans, iteration", "spans, attributes",
			"events, span_id", "events, attributes", "scores, span_id", "scores, comment",
			"prompt_links, variable_values" })
	void shouldAcceptWhenOptionalKeyIsAbsent(String array, String key) {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), array).remove(key);
		assertThat(IngestValidator.validate(full.batch())).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-a-uuid", "0123456789abcdef0123456789abcdef", "{01234567-89ab-cdef-0123-456789abcdef}",
			"01234567-89ab-cdef-0123-456789abcdeg", "012345678-9ab-cdef-0123-456789abcdef",
			"01234567-89ab-cdef-0123-456789abcdef0", "" })
	void shouldRejectWhenIdIsNotACanonicalUuid(String id) {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "runs").put("id", id);
		assertThat(IngestValidator.validate(full.batch())).contains("runs[0].id must be a UUID");
	}

	@Test
	void shouldAcceptWhenUuidIsUpperCase() {
		ObjectNode batch = add(TestBatches.batch(), "sessions",
				TestBatches.session(UUID.randomUUID()).put("id", "01234567-89AB-CDEF-0123-456789ABCDEF"));
		assertThat(IngestValidator.validate(batch)).isEmpty();
	}

	@Test
	void shouldRejectWhenReferenceIsNotAUuid() {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "spans").put("parent_span_id", 12);
		assertThat(IngestValidator.validate(full.batch())).contains("spans[0].parent_span_id must be a UUID");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2025-06-01T10:00Z", "2025-06-01T10:00:00", "2025-06-01", "2025-06-01 10:00:00Z",
			"2025-13-01T10:00:00Z", "2025-02-30T10:00:00Z", "2025-06-01T10:00:00+0200", "1717236000" })
	void shouldRejectWhenTimestampLacksSecondsOrZoneOrIsInvalid(String timestamp) {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "runs").put("started_at", timestamp);
		assertThat(IngestValidator.validate(full.batch()))
			.contains("runs[0].started_at must be an ISO-8601 timestamp with seconds and a time zone");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2025-06-01T10:00:00Z", "2025-06-01T10:00:00.1Z", "2025-06-01T10:00:00.123456789012Z",
			"2025-06-01T10:00:00+02:00", "2025-06-01T10:00:00.5-05:30" })
	void shouldAcceptWhenTimestampHasSecondsAndZone(String timestamp) {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "events").put("created_at", timestamp);
		assertThat(IngestValidator.validate(full.batch())).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "runs, status, done, 'must be one of running, ok, error'",
			"spans, status, failed, 'must be one of running, ok, error'",
			"spans, kind, llm, 'must be one of agent, workflow, model, tool, custom'",
			"events, type, message, 'must be one of user_input, system_message, assistant_message, reasoning, "
					+ "tool_arguments, tool_result, final_response, custom'",
			"scores, data_type, text, 'must be one of numeric, categorical, boolean'",
			"scores, source, sdk, 'must be \"api\"'" })
	void shouldRejectWhenEnumValueIsUnknown(String array, String key, String value, String message) {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), array).put(key, value);
		assertThat(IngestValidator.validate(full.batch())).contains(array + "[0]." + key + " " + message);
	}

	@ParameterizedTest
	@CsvSource({ "sessions, metadata", "runs, metadata", "runs, error", "spans, error", "spans, attributes",
			"events, attributes", "prompt_links, variable_values" })
	void shouldRejectWhenObjectValueIsNotAnObject(String array, String key) {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), array).put(key, "text");
		assertThat(IngestValidator.validate(full.batch())).contains(array + "[0]." + key + " must be an object");
		first(full.batch(), array).putArray(key);
		assertThat(IngestValidator.validate(full.batch())).contains(array + "[0]." + key + " must be an object");
	}

	@Test
	void shouldRejectWhenOptionalValueIsExplicitNull() {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "runs").putNull("ended_at");
		assertThat(IngestValidator.validate(full.batch()))
			.contains("runs[0].ended_at must be an ISO-8601 timestamp with seconds and a time zone");
	}

	@Test
	void shouldRejectWhenIterationIsNotAnInteger() {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "spans").put("iteration", 1.5);
		assertThat(IngestValidator.validate(full.batch())).contains("spans[0].iteration must be an integer");
		first(full.batch(), "spans").put("iteration", "1");
		assertThat(IngestValidator.validate(full.batch())).contains("spans[0].iteration must be an integer");
	}

	@Test
	void shouldAcceptWhenIterationIsIntegralDouble() {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "spans").put("iteration", 2.0);
		assertThat(IngestValidator.validate(full.batch())).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "runs", "spans" })
	void shouldRejectWhenNameIsEmpty(String array) {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), array).put("name", "");
		assertThat(IngestValidator.validate(full.batch())).contains(array + "[0].name must not be empty");
		first(full.batch(), array).put("name", 42);
		assertThat(IngestValidator.validate(full.batch())).contains(array + "[0].name must be a string");
	}

	@Test
	void shouldAcceptWhenEventContentIsNullButPresent() {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "events").putNull("content");
		assertThat(IngestValidator.validate(full.batch())).isEmpty();
	}

	@Test
	void shouldAcceptWhenEventContentIsAnyJson() {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "events").putObject("content").putArray("messages").add(1);
		assertThat(IngestValidator.validate(full.batch())).isEmpty();
	}

	@Test
	void shouldRejectWhenThereAreMoreThan500Scores() {
		ObjectNode batch = TestBatches.batch();
		UUID runId = UUID.randomUUID();
		for (int i = 0; i < 501; i++) {
			add(batch, "scores", TestBatches.score(UUID.randomUUID(), runId, null));
		}
		assertThat(IngestValidator.validate(batch)).contains("scores must contain at most 500 items");
		((tools.jackson.databind.node.ArrayNode) batch.get("scores")).remove(0);
		assertThat(IngestValidator.validate(batch)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void shouldRejectWhenScoreNameIsBlank(String name) {
		assertThat(validateScore((score) -> score.put("name", name))).contains("scores[0].name must not be blank");
	}

	@Test
	void shouldRejectWhenScoreValueIsNotAFiniteNumber() {
		assertThat(validateScore((score) -> score.put("value", "0.9")))
			.contains("scores[0].value must be a finite number");
		assertThat(validateScore((score) -> score.putNull("value")))
			.contains("scores[0].value must be a finite number");
		ObjectNode overflowing = (ObjectNode) MAPPER
			.readTree(TestBatches.full().batch().toString().replace("\"value\":0.9", "\"value\":1e400"));
		assertThat(IngestValidator.validate(overflowing)).contains("scores[0].value must be a finite number");
	}

	@Test
	void shouldRejectWhenCategoricalScoreHasNoLabel() {
		assertThat(validateScore((score) -> score.put("data_type", "categorical").put("value", 0)))
			.contains("scores[0].string_value is required for categorical scores");
		assertThat(validateScore(
				(score) -> score.put("data_type", "categorical").put("value", 0).put("string_value", " ")))
			.contains("scores[0].string_value is required for categorical scores");
	}

	@Test
	void shouldAcceptWhenCategoricalScoreHasLabel() {
		assertThat(validateScore(
				(score) -> score.put("data_type", "categorical").put("value", 0).put("string_value", "good")))
			.isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "numeric", "boolean" })
	void shouldRejectWhenNonCategoricalScoreHasLabel(String dataType) {
		assertThat(validateScore((score) -> score.put("data_type", dataType).put("value", 1).put("string_value", "x")))
			.contains("scores[0].string_value is only allowed for categorical scores");
	}

	@Test
	void shouldRejectWhenBooleanScoreIsNotZeroOrOne() {
		assertThat(validateScore((score) -> score.put("data_type", "boolean").put("value", 0.5)))
			.contains("scores[0].value must be 0 or 1 for boolean scores");
		assertThat(validateScore((score) -> score.put("data_type", "boolean").put("value", 1.0))).isEmpty();
		assertThat(validateScore((score) -> score.put("data_type", "boolean").put("value", 0))).isEmpty();
	}

	@Test
	void shouldReportFirstProblemWhenThereAreSeveral() {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "scores").put("name", "");
		first(full.batch(), "spans").put("kind", "llm");
		first(full.batch(), "spans").remove("name");
		assertThat(IngestValidator.validate(full.batch())).contains("spans[0].name is required");
	}

	@Test
	void shouldReportServerErrorWhenStringContainsNul() {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "events").put("content", "bad\u0000byte");
		assertThat(IngestValidator.check(full.batch()))
			.contains(new IngestValidator.Problem(500, IngestValidator.NUL_CHARACTER_ERROR));
		assertThat(IngestValidator.validate(full.batch())).contains(IngestValidator.NUL_CHARACTER_ERROR);
	}

	@Test
	void shouldReportServerErrorWhenKeyContainsNul() {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "runs").withObject("metadata").put("a\u0000b", 1);
		assertThat(IngestValidator.check(full.batch())).hasValueSatisfying((problem) -> {
			assertThat(problem.status()).isEqualTo(500);
			assertThat(problem.isServerError()).isTrue();
		});
	}

	@Test
	void shouldReportServerErrorWhenStringHoldsLoneSurrogate() {
		for (String text : new String[] { "a\uD800b", "\uDC00", "end\uD83D", "\uDE00\uD83D" }) {
			TestBatches.Full full = TestBatches.full();
			first(full.batch(), "spans").put("name", text);
			assertThat(IngestValidator.check(full.batch())).as(text)
				.contains(new IngestValidator.Problem(500, IngestValidator.LONE_SURROGATE_ERROR));
		}
	}

	@Test
	void shouldReportServerErrorWhenKeyHoldsLoneSurrogate() {
		TestBatches.Full full = TestBatches.full();
		first(full.batch(), "events").withObject("attributes").put("k\uDBFF", "v");
		assertThat(IngestValidator.check(full.batch()))
			.contains(new IngestValidator.Problem(500, IngestValidator.LONE_SURROGATE_ERROR));
	}

	@Test
	void shouldAcceptEveryOtherCharacterWhenTextIsInAnyScript() {
		TestBatches.Full full = TestBatches.full();
		String text = "résumé Grüße 中文 עברית العربية e\u0301 \u200B\uFEFF 😀 \uD840\uDC00 \uFFFF \uFFFE \u0001";
		first(full.batch(), "runs").put("name", text).withObject("metadata").put(text, text);
		first(full.batch(), "events").put("content", text);
		assertThat(IngestValidator.check(full.batch())).isEmpty();
	}

	@Test
	void shouldReportBadRequestWhenShapeIsWrong() {
		assertThat(IngestValidator.check(TestBatches.batch().put("schema_version", 9)))
			.contains(new IngestValidator.Problem(400, "schema_version must be 1 or 2"));
	}

	private static java.util.Optional<String> validateScore(Consumer<ObjectNode> change) {
		TestBatches.Full full = TestBatches.full();
		change.accept(first(full.batch(), "scores"));
		return IngestValidator.validate(full.batch());
	}

}
