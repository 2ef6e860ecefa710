package ai.northstar.local.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The figures of the overview page over a time range.
 *
 * @param from the start of the range
 * @param to the end of the range
 * @param bucket the width of one bucket
 * @param buckets runs, errors and latency per bucket, oldest first
 * @param runs the runs in the range
 * @param errors the runs with status {@code error}
 * @param p50Ms the median duration of the ended runs, if any
 * @param p95Ms the 95th percentile of their durations, if any
 * @param costUsd the cost of the runs
 * @param models cost, calls and tokens of the model spans by model, most expensive first
 * @since 0.1.0
 */
public record Overview(Instant from, Instant to, Duration bucket, List<Bucket> buckets, long runs, long errors,
		@Nullable Long p50Ms, @Nullable Long p95Ms, double costUsd, List<ModelCost> models) {

	/**
	 * Creates an instance, copying the lists.
	 * @param from the start
	 * @param to the end
	 * @param bucket the bucket width
	 * @param buckets the buckets
	 * @param runs the runs
	 * @param errors the errors
	 * @param p50Ms the median duration
	 * @param p95Ms the 95th percentile
	 * @param costUsd the cost
	 * @param models the models
	 */
	public Overview {
		buckets = List.copyOf(buckets);
		models = List.copyOf(models);
	}

	/**
	 * One bucket of the time range.
	 *
	 * @param start when it starts
	 * @param runs the runs started in it
	 * @param errors those with status {@code error}
	 * @param p50Ms their median duration, if any ended
	 * @param p95Ms their 95th percentile duration, if any ended
	 * @since 0.1.0
	 */
	public record Bucket(Instant start, int runs, int errors, @Nullable Long p50Ms, @Nullable Long p95Ms) {

	}

	/**
	 * The model spans of one model.
	 *
	 * @param model the model, {@code (none)} for spans without one
	 * @param calls the model spans
	 * @param costUsd their cost
	 * @param tokens their input and output tokens
	 * @since 0.1.0
	 */
	public record ModelCost(String model, long calls, double costUsd, long tokens) {

	}

}
