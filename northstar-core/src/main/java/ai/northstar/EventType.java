package ai.northstar;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The type of an event recorded on a {@link Run} or a {@link Span}.
 *
 * @since 0.1.0
 */
public enum EventType {

	/** The input that started the agent, such as the user's question. */
	USER_INPUT("user_input"),

	/** A system message sent to a model. */
	SYSTEM_MESSAGE("system_message"),

	/** An intermediate assistant message. */
	ASSISTANT_MESSAGE("assistant_message"),

	/** Model reasoning, where the model exposes it. */
	REASONING("reasoning"),

	/** The arguments of a tool call. */
	TOOL_ARGUMENTS("tool_arguments"),

	/** The result of a tool call. */
	TOOL_RESULT("tool_result"),

	/** The answer the agent delivered. */
	FINAL_RESPONSE("final_response"),

	/** Anything else; custom events are always captured. */
	CUSTOM("custom");

	private final String wireValue;

	EventType(String wireValue) {
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
