package ai.northstar.evals;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The outcome of one case: failed when any grade failed, not evaluated when every grade was skipped.
 *
 * @since 0.1.0
 */
public enum CaseStatus {

	/** Every grade that applied passed. */
	PASSED("passed"),

	/** A grade failed. */
	FAILED("failed"),

	/** Every grade was skipped. */
	NOT_EVALUATED("not_evaluated");

	private final String wireValue;

	CaseStatus(String wireValue) {
		this.wireValue = wireValue;
	}

	/**
	 * Returns the value in the JSON of a result.
	 * @return the value
	 */
	@JsonValue
	public String wireValue() {
		return this.wireValue;
	}

}
