package ai.northstar.evals.grader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.northstar.evals.GradeResult;
import ai.northstar.evals.GradeStatus;
import ai.northstar.evals.internal.EvalJson;
import tools.jackson.databind.JsonNode;

/**
 * Turns what a custom grader returned into a grade, as the Python SDK does for its code graders: a boolean, or an
 * object with a boolean {@code passed} and optional {@code reason}, {@code feedback} (text), {@code score} (a number)
 * and {@code metadata} (an object); anything else fails the grade.
 */
final class CustomResults {

	private CustomResults() {
	}

	static GradeResult toGrade(String name, JsonNode value, String passReason, String failReason,
			Map<String, JsonNode> metadata) {
		if (value.isBoolean()) {
			return value.asBoolean() ? GradeResult.passed(name, passReason, metadata)
					: GradeResult.failed(name, failReason, metadata);
		}
		if (!value.isObject() || !value.path("passed").isBoolean()) {
			return invalid(name, "Custom grader returned an invalid result.", value, metadata);
		}
		boolean passed = value.get("passed").asBoolean();
		JsonNode reasonNode = value.get("reason");
		String reason = (reasonNode != null && reasonNode.isString() && !reasonNode.asString().isBlank())
				? reasonNode.asString().strip() : (passed ? passReason : failReason);
		JsonNode feedback = value.get("feedback");
		if (feedback != null && !feedback.isNull() && !feedback.isString()) {
			return invalid(name, "Custom grader returned an invalid feedback value.", value, metadata);
		}
		JsonNode resultMetadata = value.get("metadata");
		if (resultMetadata != null && !resultMetadata.isNull() && !resultMetadata.isObject()) {
			return invalid(name, "Custom grader returned invalid metadata.", value, metadata);
		}
		JsonNode scoreNode = value.get("score");
		double score = (scoreNode != null && scoreNode.isNumber()) ? scoreNode.asDouble() : (passed ? 1.0 : 0.0);
		Map<String, JsonNode> merged = new LinkedHashMap<>(metadata);
		if (resultMetadata != null && resultMetadata.isObject()) {
			resultMetadata.properties().forEach((entry) -> merged.put(entry.getKey(), entry.getValue()));
		}
		return new GradeResult(name, passed ? GradeStatus.PASSED : GradeStatus.FAILED, reason,
				(feedback != null && feedback.isString()) ? feedback.asString() : null, score, 1.0,
				passed ? "pass" : "fail", null, List.of(), merged);
	}

	private static GradeResult invalid(String name, String reason, JsonNode value, Map<String, JsonNode> metadata) {
		Map<String, JsonNode> merged = new LinkedHashMap<>(metadata);
		merged.put("result", value);
		return GradeResult.failed(name, reason, merged);
	}

	static Map<String, JsonNode> with(Map<String, JsonNode> metadata, Object... keysAndValues) {
		Map<String, JsonNode> merged = new LinkedHashMap<>(metadata);
		merged.putAll(EvalJson.map(keysAndValues));
		return merged;
	}

}
