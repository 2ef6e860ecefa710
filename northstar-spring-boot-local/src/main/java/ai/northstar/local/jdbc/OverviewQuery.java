package ai.northstar.local.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The figures of the overview: runs, errors and latency percentiles per time bucket from one scan of the runs in the
 * range, and cost by model from one aggregate over their model spans.
 */
final class OverviewQuery {

	private OverviewQuery() {
	}

	static Overview run(Connection connection, Dialect dialect, @Nullable Instant from, @Nullable Instant to,
			int bucketCount) throws SQLException {
		Instant end = (to != null) ? to : Instant.now();
		Instant start = from;
		if (start == null) {
			try (PreparedStatement statement = connection.prepareStatement("SELECT MIN(started_at) FROM runs");
					ResultSet rows = statement.executeQuery()) {
				rows.next();
				OffsetDateTime first = rows.getObject(1, OffsetDateTime.class);
				start = (first != null) ? first.toInstant() : end.minus(Duration.ofHours(1));
			}
		}
		if (!start.isBefore(end)) {
			start = end.minus(Duration.ofMinutes(1));
		}
		Duration width = Duration.between(start, end).dividedBy(bucketCount);
		if (width.isZero()) {
			width = Duration.ofMillis(1);
		}
		List<List<Long>> durations = new ArrayList<>();
		int[] runs = new int[bucketCount];
		int[] errors = new int[bucketCount];
		for (int i = 0; i < bucketCount; i++) {
			durations.add(new ArrayList<>());
		}
		List<Long> all = new ArrayList<>();
		double cost = 0;
		long total = 0;
		long failed = 0;
		try (PreparedStatement statement = connection.prepareStatement("SELECT r.started_at, r.status, r.cost_usd, "
				+ dialect.millisBetween("r.started_at", "r.ended_at")
				+ " AS duration_ms FROM runs r WHERE r.started_at >= ? AND r.started_at < ?")) {
			statement.setObject(1, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
			statement.setObject(2, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					Instant started = Rows.instant(rows, "started_at");
					int index = (int) Math.min(bucketCount - 1,
							Duration.between(start, started).toMillis() / Math.max(1, width.toMillis()));
					runs[index]++;
					total++;
					if ("error".equals(rows.getString("status"))) {
						errors[index]++;
						failed++;
					}
					Double runCost = Rows.optionalDouble(rows, "cost_usd");
					cost += (runCost != null) ? runCost : 0;
					Long duration = Rows.optionalLong(rows, "duration_ms");
					if (duration != null) {
						durations.get(index).add(duration);
						all.add(duration);
					}
				}
			}
		}
		List<Overview.Bucket> buckets = new ArrayList<>();
		for (int i = 0; i < bucketCount; i++) {
			List<Long> bucket = durations.get(i);
			buckets.add(new Overview.Bucket(start.plus(width.multipliedBy(i)), runs[i], errors[i],
					percentile(bucket, 50), percentile(bucket, 95)));
		}
		List<Overview.ModelCost> models = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT COALESCE(s.model, '(none)') AS model, COUNT(*) AS calls, SUM(s.cost_usd) AS cost, "
						+ "SUM(s.total_tokens) AS tokens FROM spans s JOIN runs r ON r.id = s.run_id "
						+ "WHERE s.kind = 'model' AND r.started_at >= ? AND r.started_at < ? "
						+ "GROUP BY COALESCE(s.model, '(none)') ORDER BY cost DESC NULLS LAST, calls DESC")) {
			statement.setObject(1, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
			statement.setObject(2, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					Double modelCost = Rows.optionalDouble(rows, "cost");
					Long tokens = Rows.optionalLong(rows, "tokens");
					models.add(new Overview.ModelCost(rows.getString("model"), rows.getLong("calls"),
							(modelCost != null) ? modelCost : 0, (tokens != null) ? tokens : 0));
				}
			}
		}
		return new Overview(start, end, width, buckets, total, failed, percentile(all, 50), percentile(all, 95),
				cost, models);
	}

	static @Nullable Long percentile(List<Long> values, int percent) {
		if (values.isEmpty()) {
			return null;
		}
		List<Long> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

}
