package ai.northstar;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import ai.northstar.data.ScoreData;
import ai.northstar.internal.WireText;

/**
 * Checks a score the way the backend does and infers its data type, as the reference SDK does. Its texts are cut so
 * that one score, whatever it is given (an LLM judge's feedback as the comment, say), stays a small record: the name
 * and a categorical value to {@value Run#MAX_NAME_LENGTH} and {@value #MAX_CATEGORY_LENGTH} characters, the comment
 * to {@value #MAX_COMMENT_LENGTH}.
 */
final class Scores {

	/** The longest categorical value, in characters. */
	static final int MAX_CATEGORY_LENGTH = 1024;

	/** The longest comment, in characters. */
	static final int MAX_COMMENT_LENGTH = 32 * 1024;

	private Scores() {
	}

	static ScoreData create(UUID id, UUID traceId, String name, Object value, ScoreOptions options, Instant now) {
		Objects.requireNonNull(traceId, "traceId must not be null");
		Objects.requireNonNull(options, "options must not be null");
		String checkedName = Run.checkedName(name);
		ScoreDataType inferred;
		double numeric;
		String stringValue = null;
		if (value instanceof Boolean bool) {
			inferred = ScoreDataType.BOOLEAN;
			numeric = bool ? 1.0 : 0.0;
		}
		else if (value instanceof CharSequence text) {
			inferred = ScoreDataType.CATEGORICAL;
			numeric = 0.0;
			stringValue = text.toString();
			if (WireText.isBlank(stringValue)) {
				throw new IllegalArgumentException("A categorical score value must not be blank");
			}
			stringValue = WireText.truncate(stringValue, MAX_CATEGORY_LENGTH);
		}
		else if (value instanceof Number number) {
			inferred = ScoreDataType.NUMERIC;
			numeric = number.doubleValue();
			if (!Double.isFinite(numeric)) {
				throw new IllegalArgumentException("A score value must be finite, was " + numeric);
			}
		}
		else {
			throw new IllegalArgumentException("A score value must be a Boolean, a CharSequence or a Number, was "
					+ ((value != null) ? value.getClass().getName() : "null"));
		}
		if (options.dataType() != null && options.dataType() != inferred) {
			throw new IllegalArgumentException("Data type " + options.dataType() + " disagrees with the value, which is "
					+ inferred);
		}
		// The wire writer applies the two storable-text rules to every string, these included.
		String comment = options.comment();
		if (comment != null) {
			comment = WireText.truncate(comment, MAX_COMMENT_LENGTH);
		}
		return new ScoreData(id, traceId, options.spanId(), checkedName, numeric, inferred, stringValue,
				ScoreData.SOURCE_API, comment, now);
	}

}
