package ai.northstar.local;

import java.util.UUID;

import tools.jackson.databind.node.ObjectNode;

/**
 * A link between a model span and the prompt version it used, as stored by {@link LocalStore}. Keyed by span and
 * prompt version; a re-sent link replaces the variable values. Immutable: JSON accessors return copies.
 *
 * @param traceId the id of the run
 * @param spanId the id of the span
 * @param promptVersionId the id of the prompt version
 * @param variableValues the variable values, {@code {}} when there were none
 * @since 0.1.0
 */
public record StoredPromptLink(UUID traceId, UUID spanId, UUID promptVersionId, ObjectNode variableValues) {

	/**
	 * Creates an instance, copying the mutable arguments.
	 * @param traceId the id of the run
	 * @param spanId the id of the span
	 * @param promptVersionId the id of the prompt version
	 * @param variableValues the variable values, {@code {}} when there were none
	 */
	public StoredPromptLink {
		variableValues = variableValues.deepCopy();
	}

	/**
	 * Returns a copy of the variable values.
	 * @return the variable values
	 */
	@Override
	public ObjectNode variableValues() {
		return this.variableValues.deepCopy();
	}

}
