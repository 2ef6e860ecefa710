package ai.northstar;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The status of a {@link Run} or a {@link Span}.
 *
 * @since 0.1.0
 */
public enum RunStatus {

	/** Started and not yet ended. */
	RUNNING("running"),

	/** Ended normally. */
	OK("ok"),

	/** Ended with an error. */
	ERROR("error");

	private final String wireValue;

	RunStatus(String wireValue) {
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
