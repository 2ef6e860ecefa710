package ai.northstar;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import ai.northstar.data.ScoreData;
import ai.northstar.internal.WireText;

/**
 * Checks a score the way the backend does and infers its data type, as the reference SDK does.
 */
final class Scores {

	private Scores() {
	}

	static ScoreData create(UUID id, UUID traceId, String name, Object value, ScoreOptions options, Instant now) {
		Objects.requireNonNull(traceId, "traceId must not be null");
		Objects.requireNonNull(options, "options must not be null");
		if (name == null || WireText.isBlank(name)) {
			throw new IllegalArgumentException("name must not be blank");
		}
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
		return new ScoreData(id, traceId, options.spanId(), name, numeric, inferred, stringValue, ScoreData.SOURCE_API,
				options.comment(), now);
	}

}
