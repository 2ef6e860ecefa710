package ai.northstar.evals;

import org.jspecify.annotations.Nullable;

/**
 * What a case's run measured: latency and cost ({@code metrics}).
 *
 * @param latencyMs the latency in milliseconds
 * @param costUsd the cost in US dollars
 * @since 0.1.0
 */
public record EvalMetrics(@Nullable Double latencyMs, @Nullable Double costUsd) {

	private static final EvalMetrics NONE = new EvalMetrics(null, null);

	/**
	 * Returns metrics with nothing measured.
	 * @return empty metrics
	 */
	public static EvalMetrics none() {
		return NONE;
	}

}
