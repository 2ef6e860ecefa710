package ai.northstar;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of a {@link Span}, as shown on the NorthStar dashboard.
 *
 * @since 0.1.0
 */
public enum SpanKind {

	/** An agent step, such as one planning iteration. */
	AGENT("agent"),

	/** A deterministic workflow step. */
	WORKFLOW("workflow"),

	/** A call to a language model. */
	MODEL("model"),

	/** A tool invocation. */
	TOOL("tool"),

	/** Anything else. */
	CUSTOM("custom");

	private final String wireValue;

	SpanKind(String wireValue) {
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
