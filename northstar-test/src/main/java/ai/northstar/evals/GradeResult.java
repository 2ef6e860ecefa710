package ai.northstar.evals;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The grade one grader gave one case, with the keys of the Python SDK's {@code GradeResult}.
 *
 * @param name the grader's name
 * @param status passed, failed or skipped
 * @param reason why, in one sentence
 * @param feedback what to fix (judges)
 * @param score the score from 0 to 1: 1 or 0 for deterministic graders, the normalized score of a judge
 * @param threshold the score needed to pass
 * @param label {@code pass}, {@code fail} or a judge's label
 * @param confidence a judge's confidence, from 0 to 1
 * @param evidence what the verdict rests on
 * @param metadata details: what was expected and found
 * @since 0.1.0
 */
public record GradeResult(String name, GradeStatus status, String reason, @Nullable String feedback,
		@Nullable Double score, @Nullable Double threshold, @Nullable String label, @Nullable Double confidence,
		List<String> evidence, Map<String, JsonNode> metadata) {

	public GradeResult {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(status, "status must not be null");
		Objects.requireNonNull(reason, "reason must not be null");
		evidence = List.copyOf(evidence);
		metadata = EvalJson.copy(metadata);
	}

	/**
	 * Returns a passed grade: score 1, threshold 1, label {@code pass}.
	 * @param name the grader's name
	 * @param reason why
	 * @param metadata details
	 * @return the grade
	 */
	public static GradeResult passed(String name, String reason, Map<String, JsonNode> metadata) {
		return new GradeResult(name, GradeStatus.PASSED, reason, null, 1.0, 1.0, "pass", null, List.of(), metadata);
	}

	/**
	 * Returns a failed grade: score 0, threshold 1, label {@code fail}.
	 * @param name the grader's name
	 * @param reason why
	 * @param metadata details
	 * @return the grade
	 */
	public static GradeResult failed(String name, String reason, Map<String, JsonNode> metadata) {
		return new GradeResult(name, GradeStatus.FAILED, reason, null, 0.0, 1.0, "fail", null, List.of(), metadata);
	}

	/**
	 * Returns a skipped grade, with no score.
	 * @param name the grader's name
	 * @param reason why it did not apply
	 * @return the grade
	 */
	public static GradeResult skipped(String name, String reason) {
		return new GradeResult(name, GradeStatus.SKIPPED, reason, null, null, null, null, null, List.of(), Map.of());
	}

	/**
	 * Returns this grade with another score and threshold.
	 * @param score the score
	 * @param threshold the threshold
	 * @return the grade
	 */
	public GradeResult withScore(@Nullable Double score, @Nullable Double threshold) {
		return new GradeResult(this.name, this.status, this.reason, this.feedback, score, threshold, this.label,
				this.confidence, this.evidence, this.metadata);
	}

	/**
	 * Returns this grade with evidence.
	 * @param evidence the evidence
	 * @return the grade
	 */
	public GradeResult withEvidence(List<String> evidence) {
		return new GradeResult(this.name, this.status, this.reason, this.feedback, this.score, this.threshold, this.label,
				this.confidence, evidence, this.metadata);
	}

	/**
	 * Returns this grade with feedback.
	 * @param feedback the feedback
	 * @return the grade
	 */
	public GradeResult withFeedback(@Nullable String feedback) {
		return new GradeResult(this.name, this.status, this.reason, feedback, this.score, this.threshold, this.label,
				this.confidence, this.evidence, this.metadata);
	}

	/**
	 * Returns this grade with other metadata.
	 * @param metadata the metadata
	 * @return the grade
	 */
	public GradeResult withMetadata(Map<String, JsonNode> metadata) {
		return new GradeResult(this.name, this.status, this.reason, this.feedback, this.score, this.threshold, this.label,
				this.confidence, this.evidence, metadata);
	}

	/**
	 * Returns whether the grade passed.
	 * @return {@code true} when passed
	 */
	public boolean isPassed() {
		return this.status == GradeStatus.PASSED;
	}

	/**
	 * Returns the grade as JSON, with the keys of the Python SDK.
	 * @return the JSON
	 */
	public ObjectNode toJson() {
		ObjectNode node = EvalJson.NODES.objectNode();
		node.put("name", this.name);
		node.put("status", this.status.wireValue());
		node.put("reason", this.reason);
		node.put("feedback", this.feedback);
		node.put("score", this.score);
		node.put("threshold", this.threshold);
		node.put("label", this.label);
		node.put("confidence", this.confidence);
		ArrayNode evidence = node.putArray("evidence");
		this.evidence.forEach(evidence::add);
		node.set("metadata", EvalJson.toJson(this.metadata));
		return node;
	}

}
