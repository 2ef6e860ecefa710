package ai.northstar.data;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * A link from a model span to the prompt version it used, with the variable values the prompt was compiled with.
 * Unique per span and prompt version: sending it again updates it.
 *
 * @param traceId the id of the run the span belongs to
 * @param spanId the id of the model span
 * @param promptVersionId the id of the prompt version
 * @param variableValues the values the prompt was compiled with, captured like content
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PromptLinkData(@JsonProperty("trace_id") UUID traceId, @JsonProperty("span_id") UUID spanId,
		@JsonProperty("prompt_version_id") UUID promptVersionId,
		@JsonProperty("variable_values") Map<String, JsonNode> variableValues) {

	public PromptLinkData {
		variableValues = Frozen.map(variableValues);
	}

}
