package ai.northstar.evals.judge;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link FaithfulnessJudge}, {@link HallucinatedToolResultJudge} or {@link PlanningActionMismatchJudge}:
 * name, threshold (default 0.7 on a numeric 0..1 scale), temperature (default 0) or explicit scoring.
 *
 * @param <J> the judge built
 * @since 0.1.0
 */
public final class JudgeBuilder<J> {

	/** The default threshold of these judges. */
	public static final double DEFAULT_THRESHOLD = 0.7;

	private final JudgeModel model;

	private final Factory<J> factory;

	private String name;

	private double threshold = DEFAULT_THRESHOLD;

	private double temperature;

	private @Nullable JudgeScoring scoring;

	JudgeBuilder(String defaultName, JudgeModel model, Factory<J> factory) {
		this.name = defaultName;
		this.model = Objects.requireNonNull(model, "model must not be null");
		this.factory = factory;
	}

	/**
	 * Sets the judge's name, the name of its grades.
	 * @param name the name
	 * @return this builder
	 */
	public JudgeBuilder<J> name(String name) {
		this.name = Objects.requireNonNull(name, "name must not be null");
		return this;
	}

	/**
	 * Sets the passing score of the default numeric 0..1 scale.
	 * @param threshold the threshold, from 0 to 1
	 * @return this builder
	 */
	public JudgeBuilder<J> threshold(double threshold) {
		this.threshold = threshold;
		return this;
	}

	/**
	 * Sets the sampling temperature.
	 * @param temperature the temperature
	 * @return this builder
	 */
	public JudgeBuilder<J> temperature(double temperature) {
		this.temperature = temperature;
		return this;
	}

	/**
	 * Sets the scoring, instead of the numeric 0..1 scale with the threshold.
	 * @param scoring the scoring
	 * @return this builder
	 */
	public JudgeBuilder<J> scoring(JudgeScoring scoring) {
		this.scoring = Objects.requireNonNull(scoring, "scoring must not be null");
		return this;
	}

	/**
	 * Builds the judge.
	 * @return the judge
	 */
	public J build() {
		JudgeScoring resolved = (this.scoring != null) ? this.scoring : JudgeScoring.numeric(0, 1, this.threshold);
		return this.factory.create(this.name, this.model, resolved, this.temperature);
	}

	@FunctionalInterface
	interface Factory<J> {

		J create(String name, JudgeModel model, JudgeScoring scoring, double temperature);

	}

}
