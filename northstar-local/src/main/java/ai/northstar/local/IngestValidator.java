package ai.northstar.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Validates an ingest batch the way the NorthStar backend does, before anything touches the database.
 * <p>
 * The checks, in the order they run (the first problem found is the one reported):
 * <ol>
 * <li>the batch is a JSON object whose only keys are {@code schema_version} and the record arrays;</li>
 * <li>{@code schema_version} is {@code 1} or {@code 2};</li>
 * <li>each of {@code sessions, runs, spans, events, scores, prompt_links} is absent or an array, and there are at
 * most {@value #MAX_SCORES} scores;</li>
 * <li>each record, array by array: an object; no unknown key (so no {@code project_id}); every required key
 * present; every value of the right type (canonical UUIDs, timestamps with seconds and a zone, enums, objects,
 * integers); then the score rules;</li>
 * <li>no string and no key anywhere contains U+0000 or a lone (unpaired) UTF-16 surrogate: Postgres cannot store
 * either in {@code jsonb}, so the real backend fails with a server error (status {@code 500}) rather than a
 * validation error.</li>
 * </ol>
 * Optional keys are checked like required ones when present: an explicit JSON {@code null} is a type error, except
 * for an event's {@code content}. Numbers follow JavaScript: {@code 1.0} is an integer.
 * <p>
 * Example: <pre>{@code
 * Optional<String> problem = IngestValidator.validate(mapper.readTree(body));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class IngestValidator {

	/** The most scores one batch may carry. */
	public static final int MAX_SCORES = 500;

	/** The error the backend reports for a string or key containing U+0000 (status 500). */
	public static final String NUL_CHARACTER_ERROR = "unsupported Unicode escape sequence";

	/**
	 * The error the backend reports for a string or key containing a lone surrogate, such as the escape
	 * {@code \ud800} without its low half (status 500).
	 */
	public static final String LONE_SURROGATE_ERROR = "invalid input syntax for type json";

	private static final List<String> ARRAYS = List.of("sessions", "runs", "spans", "events", "scores",
			"prompt_links");

	private static final Set<String> TOP_LEVEL_KEYS = Set.of("schema_version", "sessions", "runs", "spans", "events",
			"scores", "prompt_links");

	private static final List<String> STATUSES = List.of("running", "ok", "error");

	private static final List<String> SPAN_KINDS = List.of("agent", "workflow", "model", "tool", "custom");

	private static final List<String> EVENT_TYPES = List.of("user_input", "system_message", "assistant_message",
			"reasoning", "tool_arguments", "tool_result", "final_response", "custom");

	private static final List<String> DATA_TYPES = List.of("numeric", "categorical", "boolean");

	private static final Map<String, List<Field>> RECORDS = Map.of(
			"sessions", List.of(required("id", IngestValidator::uuid), required("created_at", IngestValidator::timestamp),
					optional("ended_at", IngestValidator::timestamp), optional("metadata", IngestValidator::object)),
			"runs", List.of(required("id", IngestValidator::uuid), required("session_id", IngestValidator::uuid),
					required("name", IngestValidator::nonEmptyString),
					required("started_at", IngestValidator::timestamp),
					optional("ended_at", IngestValidator::timestamp), required("status", oneOf(STATUSES)),
					optional("error", IngestValidator::object), optional("metadata", IngestValidator::object)),
			"spans", List.of(required("id", IngestValidator::uuid), required("run_id", IngestValidator::uuid),
					optional("parent_span_id", IngestValidator::uuid), required("kind", oneOf(SPAN_KINDS)),
					required("name", IngestValidator::nonEmptyString),
					required("started_at", IngestValidator::timestamp),
					optional("ended_at", IngestValidator::timestamp), required("status", oneOf(STATUSES)),
					optional("error", IngestValidator::object), optional("iteration", IngestValidator::integer),
					optional("attributes", IngestValidator::object)),
			"events", List.of(required("id", IngestValidator::uuid), required("run_id", IngestValidator::uuid),
					optional("span_id", IngestValidator::uuid), required("type", oneOf(EVENT_TYPES)),
					required("created_at", IngestValidator::timestamp), required("content", (value) -> null),
					optional("attributes", IngestValidator::object)),
			"scores", List.of(required("id", IngestValidator::uuid), required("trace_id", IngestValidator::uuid),
					optional("span_id", IngestValidator::uuid), required("name", IngestValidator::notBlankString),
					required("value", IngestValidator::finiteNumber), required("data_type", oneOf(DATA_TYPES)),
					optional("string_value", IngestValidator::string), required("source", IngestValidator::api),
					optional("comment", IngestValidator::string), required("created_at", IngestValidator::timestamp)),
			"prompt_links", List.of(required("trace_id", IngestValidator::uuid), required("span_id", IngestValidator::uuid),
					required("prompt_version_id", IngestValidator::uuid),
					optional("variable_values", IngestValidator::object)));

	private IngestValidator() {
	}

	/**
	 * Returns the first problem of a batch as the backend would word it in {@code {"error": ...}}.
	 * @param batch the parsed request body
	 * @return the problem, or empty when the backend would accept the batch's shape
	 */
	public static Optional<String> validate(JsonNode batch) {
		return check(batch).map(Problem::message);
	}

	/**
	 * Returns the first problem of a batch together with the HTTP status the backend answers it with: {@code 400}
	 * for a validation error, {@code 500} for U+0000 or a lone surrogate (see {@link #NUL_CHARACTER_ERROR} and
	 * {@link #LONE_SURROGATE_ERROR}).
	 * @param batch the parsed request body
	 * @return the problem, or empty when the backend would accept the batch's shape
	 */
	public static Optional<Problem> check(JsonNode batch) {
		String message = shapeProblem(batch);
		if (message != null) {
			return Optional.of(new Problem(400, message));
		}
		String unstorable = unstorableText(batch);
		return (unstorable != null) ? Optional.of(new Problem(500, unstorable)) : Optional.empty();
	}

	/**
	 * Returns why Postgres could not store a JSON tree: U+0000 or a lone surrogate in a string value or an object
	 * key.
	 * @param node the tree
	 * @return {@link #NUL_CHARACTER_ERROR} or {@link #LONE_SURROGATE_ERROR} for the first such character found, or
	 * {@code null} when the tree can be stored
	 */
	public static @Nullable String unstorableText(JsonNode node) {
		if (node.isString()) {
			return unstorableText(node.stringValue());
		}
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				String problem = unstorableText(property.getKey());
				if (problem == null) {
					problem = unstorableText(property.getValue());
				}
				if (problem != null) {
					return problem;
				}
			}
			return null;
		}
		if (node.isArray()) {
			for (JsonNode element : node.values()) {
				String problem = unstorableText(element);
				if (problem != null) {
					return problem;
				}
			}
		}
		return null;
	}

	private static @Nullable String unstorableText(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0) {
				return NUL_CHARACTER_ERROR;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return LONE_SURROGATE_ERROR;
			}
		}
		return null;
	}

	private static @Nullable String shapeProblem(JsonNode batch) {
		if (!batch.isObject()) {
			return "payload must be a JSON object";
		}
		for (String key : batch.propertyNames()) {
			if (!TOP_LEVEL_KEYS.contains(key)) {
				return key + " is not allowed";
			}
		}
		JsonNode version = batch.get("schema_version");
		if (version == null || !version.isNumber() || !isIntegral(version)
				|| (version.doubleValue() != 1 && version.doubleValue() != 2)) {
			return "schema_version must be 1 or 2";
		}
		for (String array : ARRAYS) {
			JsonNode records = batch.get(array);
			if (records != null && !records.isArray()) {
				return array + " must be an array";
			}
		}
		JsonNode scores = batch.get("scores");
		if (scores != null && scores.size() > MAX_SCORES) {
			return "scores must contain at most " + MAX_SCORES + " items";
		}
		for (String array : ARRAYS) {
			JsonNode records = batch.get(array);
			if (records == null) {
				continue;
			}
			for (int i = 0; i < records.size(); i++) {
				String path = array + "[" + i + "]";
				String problem = recordProblem(path, RECORDS.get(array), records.get(i));
				if (problem == null && array.equals("scores")) {
					problem = scoreProblem(path, records.get(i));
				}
				if (problem != null) {
					return problem;
				}
			}
		}
		return null;
	}

	private static @Nullable String recordProblem(String path, List<Field> fields, JsonNode record) {
		if (!record.isObject()) {
			return path + " must be an object";
		}
		for (String key : record.propertyNames()) {
			if (fields.stream().noneMatch((field) -> field.name().equals(key))) {
				return path + "." + key + " is not allowed";
			}
		}
		for (Field field : fields) {
			if (field.required() && !record.has(field.name())) {
				return path + "." + field.name() + " is required";
			}
		}
		for (Field field : fields) {
			JsonNode value = record.get(field.name());
			if (value != null) {
				String problem = field.check().apply(value);
				if (problem != null) {
					return path + "." + field.name() + " " + problem;
				}
			}
		}
		return null;
	}

	private static @Nullable String scoreProblem(String path, JsonNode score) {
		String dataType = score.get("data_type").stringValue();
		JsonNode stringValue = score.get("string_value");
		if (dataType.equals("categorical")) {
			if (stringValue == null || stringValue.stringValue().isBlank()) {
				return path + ".string_value is required for categorical scores";
			}
		}
		else if (stringValue != null) {
			return path + ".string_value is only allowed for categorical scores";
		}
		if (dataType.equals("boolean")) {
			double value = score.get("value").doubleValue();
			if (value != 0 && value != 1) {
				return path + ".value must be 0 or 1 for boolean scores";
			}
		}
		return null;
	}

	private static Field required(String name, Function<JsonNode, @Nullable String> check) {
		return new Field(name, true, check);
	}

	private static Field optional(String name, Function<JsonNode, @Nullable String> check) {
		return new Field(name, false, check);
	}

	private static @Nullable String uuid(JsonNode value) {
		return (value.isString() && isUuid(value.stringValue())) ? null : "must be a UUID";
	}

	/** Whether the text is a UUID in its canonical 8-4-4-4-12 hexadecimal form, either case. */
	private static boolean isUuid(String text) {
		if (text.length() != 36) {
			return false;
		}
		for (int i = 0; i < 36; i++) {
			char c = text.charAt(i);
			boolean valid = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-'
					: (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
			if (!valid) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable String timestamp(JsonNode value) {
		return (value.isString() && Timestamps.parse(value.stringValue()) != null) ? null
				: "must be an ISO-8601 timestamp with seconds and a time zone";
	}

	private static @Nullable String object(JsonNode value) {
		return value.isObject() ? null : "must be an object";
	}

	private static @Nullable String string(JsonNode value) {
		return value.isString() ? null : "must be a string";
	}

	private static @Nullable String nonEmptyString(JsonNode value) {
		if (!value.isString()) {
			return "must be a string";
		}
		return value.stringValue().isEmpty() ? "must not be empty" : null;
	}

	private static @Nullable String notBlankString(JsonNode value) {
		if (!value.isString()) {
			return "must be a string";
		}
		return value.stringValue().isBlank() ? "must not be blank" : null;
	}

	private static @Nullable String integer(JsonNode value) {
		return (value.isNumber() && isIntegral(value)) ? null : "must be an integer";
	}

	private static @Nullable String finiteNumber(JsonNode value) {
		return (value.isNumber() && Double.isFinite(value.doubleValue())) ? null : "must be a finite number";
	}

	private static @Nullable String api(JsonNode value) {
		return (value.isString() && value.stringValue().equals("api")) ? null : "must be \"api\"";
	}

	private static Function<JsonNode, @Nullable String> oneOf(List<String> allowed) {
		String message = "must be one of " + String.join(", ", allowed);
		return (value) -> (value.isString() && allowed.contains(value.stringValue())) ? null : message;
	}

	private static boolean isIntegral(JsonNode number) {
		if (number.isIntegralNumber()) {
			return true;
		}
		double value = number.doubleValue();
		return Double.isFinite(value) && value == Math.rint(value);
	}

	/**
	 * A problem found in a batch.
	 *
	 * @param status the HTTP status the backend answers with, {@code 400} or {@code 500}
	 * @param message the text of the {@code error} property of the response body
	 * @since 0.1.0
	 */
	public record Problem(int status, String message) {

		/**
		 * Returns whether the backend reports this problem as an internal error rather than a bad request.
		 * @return {@code true} for status {@code 500}
		 */
		public boolean isServerError() {
			return this.status >= 500;
		}

	}

	private record Field(String name, boolean required, Function<JsonNode, @Nullable String> check) {

	}

}
