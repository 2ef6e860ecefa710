package ai.northstar.evals;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The outcome of one grader on one case.
 *
 * @since 0.1.0
 */
public enum GradeStatus {

	/** The case passed the grader. */
	PASSED("passed"),

	/** The case failed the grader, or the grader threw. */
	FAILED("failed"),

	/** The grader did not apply: the field it reads was absent. */
	SKIPPED("skipped");

	private final String wireValue;

	GradeStatus(String wireValue) {
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
