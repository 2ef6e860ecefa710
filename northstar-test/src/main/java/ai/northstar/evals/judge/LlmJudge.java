package ai.northstar.evals.judge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ai.northstar.evals.EvalCase;
import ai.northstar.evals.EvalRun;
import ai.northstar.evals.GradeResult;
import ai.northstar.evals.GradeStatus;
import ai.northstar.evals.Grader;
import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every LLM judge does: skip when it has nothing to judge, ask the model, read its answer tolerantly and turn
 * it into a grade (a failed grade when the answer has no valid verdict).
 */
abstract class LlmJudge implements Grader {

	private final String name;

	private final JudgeModel model;

	private final JudgeScoring scoring;

	private final double temperature;

	LlmJudge(String name, JudgeModel model, JudgeScoring scoring, double temperature) {
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.model = Objects.requireNonNull(model, "model must not be null");
		this.scoring = Objects.requireNonNull(scoring, "scoring must not be null");
		this.temperature = temperature;
	}

	@Override
	public final String name() {
		return this.name;
	}

	@Override
	public final boolean requiresFeedback() {
		return true;
	}

	@Override
	public final String judgeModel() {
		return this.model.name();
	}

	/**
	 * Returns the scoring.
	 * @return the scoring
	 */
	public final JudgeScoring scoring() {
		return this.scoring;
	}

	/**
	 * Returns the normalized score needed to pass.
	 * @return the threshold, from 0 to 1
	 */
	public final double threshold() {
		return this.scoring.normalize(this.scoring.passingScore());
	}

	/** Why the judge does not apply to this case, or {@code null} when it does. */
	abstract @Nullable String skipReason(EvalCase evalCase, EvalRun run);

	abstract String rules();

	abstract ObjectNode context(EvalCase evalCase, EvalRun run);

	GradeResult decorate(GradeResult result, EvalRun run) {
		return result;
	}

	@Override
	public final GradeResult grade(EvalCase evalCase, EvalRun run) throws Exception {
		String skip = skipReason(evalCase, run);
		if (skip != null) {
			return GradeResult.skipped(this.name, skip);
		}
		JudgeRequest request = new JudgeRequest(JudgePrompts.system(rules(), this.scoring),
				EvalJson.MAPPER.writeValueAsString(context(evalCase, run)), this.temperature, this.scoring,
				JudgeVerdict.schema(this.scoring));
		String content = this.model.complete(request);
		content = (content != null) ? content : "";
		JudgeVerdict verdict = JudgeVerdict.parse(content, this.scoring);
		if (verdict == null) {
			return GradeResult.failed(this.name, "LLM judge returned invalid JSON.", EvalJson.map("raw_response", content))
				.withFeedback("The judge response did not include valid pass/fail feedback.");
		}
		return decorate(toGrade(verdict), run);
	}

	private GradeResult toGrade(JudgeVerdict verdict) {
		boolean passed;
		double raw;
		double score;
		String label;
		if (this.scoring.mode() == JudgeScoring.Mode.BINARY) {
			passed = Boolean.TRUE.equals(verdict.passed());
			raw = passed ? this.scoring.maxScore() : this.scoring.minScore();
			score = passed ? 1.0 : 0.0;
			label = (verdict.label() != null && !verdict.label().isEmpty()) ? verdict.label() : (passed ? "pass" : "fail");
		}
		else {
			raw = Objects.requireNonNull(verdict.score());
			score = this.scoring.normalize(raw);
			passed = raw >= this.scoring.passingScore();
			label = this.scoring.labels().get(raw);
			if (label == null || label.isEmpty()) {
				label = (verdict.label() != null && !verdict.label().isEmpty()) ? verdict.label()
						: (passed ? "pass" : "fail");
			}
		}
		Map<String, JsonNode> metadata = EvalJson.map("judge_model", this.model.name(), "scoring_mode",
				this.scoring.mode().wireValue(), "raw_score", raw, "passing_score", this.scoring.passingScore(), "scale",
				List.of(this.scoring.minScore(), this.scoring.maxScore()));
		return new GradeResult(this.name, passed ? GradeStatus.PASSED : GradeStatus.FAILED, verdict.reason(),
				verdict.feedback(), score, threshold(), label, verdict.confidence(), verdict.evidence(), metadata);
	}

	static GradeResult withMetadata(GradeResult result, Object... keysAndValues) {
		Map<String, JsonNode> metadata = new LinkedHashMap<>(result.metadata());
		metadata.putAll(EvalJson.map(keysAndValues));
		return result.withMetadata(metadata);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.name + ", " + this.model.name() + "]";
	}

}
