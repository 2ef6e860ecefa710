package ai.northstar.evals.judge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a judge scores, as the Python SDK's {@code JudgeScoringConfig}: binary (the model says passed or not; passing
 * score the maximum) or numeric (the model gives a score from {@code minScore} to {@code maxScore}, and the grade
 * passes at {@code passingScore} or above). Grades carry the score normalized to 0..1; labels name raw scores.
 *
 * @param mode binary or numeric
 * @param minScore the lowest score
 * @param maxScore the highest score, above {@code minScore}
 * @param passingScore the least passing score, within the scale
 * @param labels labels of raw scores, such as {@code 4 -> "good"}
 * @since 0.1.0
 */
public record JudgeScoring(Mode mode, double minScore, double maxScore, double passingScore,
		Map<Double, String> labels) {

	public JudgeScoring {
		Objects.requireNonNull(mode, "mode must not be null");
		if (!(maxScore > minScore)) {
			throw new IllegalArgumentException("max_score must be greater than min_score, were " + minScore + " and "
					+ maxScore);
		}
		if (!(passingScore >= minScore && passingScore <= maxScore)) {
			throw new IllegalArgumentException("passing_score must be within min_score and max_score, was "
					+ passingScore);
		}
		labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
	}

	/**
	 * Returns binary scoring on 0..1.
	 * @return the scoring
	 */
	public static JudgeScoring binary() {
		return of(Mode.BINARY, 0, 1, null, Map.of());
	}

	/**
	 * Returns numeric scoring.
	 * @param minScore the lowest score
	 * @param maxScore the highest score
	 * @param passingScore the least passing score
	 * @return the scoring
	 */
	public static JudgeScoring numeric(double minScore, double maxScore, double passingScore) {
		return of(Mode.NUMERIC, minScore, maxScore, passingScore, Map.of());
	}

	/**
	 * Returns scoring as the Python SDK configures it: the passing score defaults to the maximum in binary mode and
	 * is required in numeric mode.
	 * @param mode the mode
	 * @param minScore the lowest score
	 * @param maxScore the highest score
	 * @param passingScore the least passing score
	 * @param labels labels of raw scores
	 * @return the scoring
	 * @throws IllegalArgumentException when numeric scoring has no passing score, or the scale is invalid
	 */
	public static JudgeScoring of(Mode mode, double minScore, double maxScore, @Nullable Double passingScore,
			Map<Double, String> labels) {
		if (passingScore == null) {
			if (mode == Mode.NUMERIC) {
				throw new IllegalArgumentException("passing_score is required for numeric judge scoring");
			}
			passingScore = maxScore;
		}
		return new JudgeScoring(mode, minScore, maxScore, passingScore, labels);
	}

	/**
	 * Returns this scoring with labels of raw scores.
	 * @param labels the labels
	 * @return the scoring
	 */
	public JudgeScoring withLabels(Map<Double, String> labels) {
		return new JudgeScoring(this.mode, this.minScore, this.maxScore, this.passingScore, labels);
	}

	/**
	 * Normalizes a raw score to 0..1.
	 * @param raw the raw score
	 * @return the normalized score
	 */
	public double normalize(double raw) {
		return (raw - this.minScore) / (this.maxScore - this.minScore);
	}

	/**
	 * The scoring mode.
	 *
	 * @since 0.1.0
	 */
	public enum Mode {

		/** The model says whether the answer passes. */
		BINARY("binary"),

		/** The model gives a score. */
		NUMERIC("numeric");

		private final String wireValue;

		Mode(String wireValue) {
			this.wireValue = wireValue;
		}

		/**
		 * Returns the mode as the Python SDK names it.
		 * @return {@code binary} or {@code numeric}
		 */
		public String wireValue() {
			return this.wireValue;
		}

	}

}
