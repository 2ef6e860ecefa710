package ai.northstar;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The data type of a score. Inferred from the value unless given explicitly in {@link ScoreOptions}.
 *
 * @since 0.1.0
 */
public enum ScoreDataType {

	/** A number, inferred from any {@link Number}. */
	NUMERIC("numeric"),

	/** A label, inferred from any {@link CharSequence}. */
	CATEGORICAL("categorical"),

	/** A yes/no verdict, inferred from a {@link Boolean} and sent as 1 or 0. */
	BOOLEAN("boolean");

	private final String wireValue;

	ScoreDataType(String wireValue) {
		this.wireValue = wireValue;
	}

	/**
	 * Returns the value sent on the wire.
	 * @return the lower-case wire value
	 */
	@JsonValue
	public String wireValue() {
		return this.wireValue;
	}

}
