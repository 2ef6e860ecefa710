package ai.northstar.evals.judge;

import java.util.Objects;

import ai.northstar.evals.EvalCase;
import ai.northstar.evals.EvalRun;
import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An LLM judge grading the final response against a rubric and the case's goal, as the Python SDK's
 * {@code RubricJudge}: the model sees {@code goal}, {@code rubric} (the judge's, else the case's, else "pass only
 * when the final response achieves the goal"), {@code ground_truth}, {@code final_response}, {@code tool_calls},
 * {@code tool_outputs} and {@code context}. Skipped when the case has no goal or rubric and the judge no rubric.
 * Scores on a numeric 0..1 scale passing at {@value #DEFAULT_THRESHOLD} unless told otherwise.
 *
 * <pre>{@code
 * RubricJudge judge = RubricJudge.builder("answer_quality", model)
 *     .rubric("Pass if the answer gives the refund window.")
 *     .scoring(JudgeScoring.numeric(0, 5, 4))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RubricJudge extends LlmJudge {

	/** The default threshold of a rubric judge. */
	public static final double DEFAULT_THRESHOLD = 0.5;

	private final @Nullable String rubric;

	private RubricJudge(String name, JudgeModel model, @Nullable String rubric, JudgeScoring scoring,
			double temperature) {
		super(name, model, scoring, temperature);
		this.rubric = rubric;
	}

	/**
	 * Returns a rubric judge with the defaults.
	 * @param name the judge's name
	 * @param model the model
	 * @return the judge
	 */
	public static RubricJudge create(String name, JudgeModel model) {
		return builder(name, model).build();
	}

	/**
	 * Returns a builder.
	 * @param name the judge's name
	 * @param model the model
	 * @return the builder
	 */
	public static Builder builder(String name, JudgeModel model) {
		return new Builder(name, model);
	}

	@Override
	@Nullable String skipReason(EvalCase evalCase, EvalRun run) {
		boolean nothingToJudge = evalCase.expected().goal() == null && evalCase.expected().rubric() == null
				&& this.rubric == null;
		return nothingToJudge ? "expected.goal or expected.rubric was not provided." : null;
	}

	@Override
	String rules() {
		return JudgePrompts.RUBRIC;
	}

	@Override
	ObjectNode context(EvalCase evalCase, EvalRun run) {
		ObjectNode context = EvalJson.NODES.objectNode();
		context.put("goal", evalCase.expected().goal());
		String rubric = (this.rubric != null) ? this.rubric
				: (evalCase.expected().rubric() != null) ? evalCase.expected().rubric() : JudgePrompts.DEFAULT_RUBRIC;
		context.put("rubric", rubric);
		context.put("ground_truth", evalCase.expected().groundTruth());
		context.put("final_response", run.finalResponse());
		ArrayNode calls = context.putArray("tool_calls");
		run.toolCalls().forEach((call) -> calls.add(call.toJson()));
		ArrayNode outputs = context.putArray("tool_outputs");
		run.toolOutputs().forEach((output) -> outputs.add(output.toJson()));
		context.set("context", EvalJson.toJson(evalCase.expected().context()));
		return context;
	}

	/**
	 * Builds a {@link RubricJudge}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final String name;

		private final JudgeModel model;

		private @Nullable String rubric;

		private double threshold = DEFAULT_THRESHOLD;

		private double temperature;

		private @Nullable JudgeScoring scoring;

		private Builder(String name, JudgeModel model) {
			this.name = Objects.requireNonNull(name, "name must not be null");
			this.model = Objects.requireNonNull(model, "model must not be null");
		}

		/**
		 * Sets the rubric, which wins over the case's.
		 * @param rubric the rubric
		 * @return this builder
		 */
		public Builder rubric(@Nullable String rubric) {
			this.rubric = rubric;
			return this;
		}

		/**
		 * Sets the passing score of the default numeric 0..1 scale.
		 * @param threshold the threshold, from 0 to 1
		 * @return this builder
		 */
		public Builder threshold(double threshold) {
			this.threshold = threshold;
			return this;
		}

		/**
		 * Sets the sampling temperature.
		 * @param temperature the temperature
		 * @return this builder
		 */
		public Builder temperature(double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Sets the scoring, instead of the numeric 0..1 scale with the threshold.
		 * @param scoring the scoring
		 * @return this builder
		 */
		public Builder scoring(JudgeScoring scoring) {
			this.scoring = Objects.requireNonNull(scoring, "scoring must not be null");
			return this;
		}

		/**
		 * Builds the judge.
		 * @return the judge
		 */
		public RubricJudge build() {
			JudgeScoring resolved = (this.scoring != null) ? this.scoring : JudgeScoring.numeric(0, 1, this.threshold);
			return new RubricJudge(this.name, this.model, this.rubric, resolved, this.temperature);
		}

	}

}
