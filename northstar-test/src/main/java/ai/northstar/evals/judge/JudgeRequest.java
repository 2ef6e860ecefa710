package ai.northstar.evals.judge;

import java.util.Objects;

import tools.jackson.databind.node.ObjectNode;

/**
 * What a judge asks its model: a system prompt with the grading rules, a user prompt holding the case as JSON, the
 * temperature, and the JSON Schema of the expected answer (for models that can be held to one).
 *
 * @param systemPrompt the grading rules
 * @param userPrompt the case, as a JSON object
 * @param temperature the sampling temperature, 0 by default
 * @param scoring how the answer is scored
 * @param responseSchema the JSON Schema of the answer
 * @since 0.1.0
 */
public record JudgeRequest(String systemPrompt, String userPrompt, double temperature, JudgeScoring scoring,
		ObjectNode responseSchema) {

	public JudgeRequest {
		Objects.requireNonNull(systemPrompt, "systemPrompt must not be null");
		Objects.requireNonNull(userPrompt, "userPrompt must not be null");
		Objects.requireNonNull(scoring, "scoring must not be null");
		Objects.requireNonNull(responseSchema, "responseSchema must not be null");
	}

}
