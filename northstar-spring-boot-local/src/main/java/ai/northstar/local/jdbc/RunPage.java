package ai.northstar.local.jdbc;

import java.util.List;

/**
 * One page of the runs list.
 *
 * @param runs the runs of the page
 * @param total how many runs match the filters
 * @param query the query that produced the page
 * @since 0.1.0
 */
public record RunPage(List<RunSummary> runs, long total, RunQuery query) {

	/**
	 * Creates an instance, copying the runs.
	 * @param runs the runs of the page
	 * @param total how many runs match the filters
	 * @param query the query
	 */
	public RunPage {
		runs = List.copyOf(runs);
	}

	/**
	 * Returns how many pages the matching runs fill.
	 * @return the page count, at least 1
	 */
	public long pages() {
		return Math.max(1, (this.total + this.query.pageSize() - 1) / this.query.pageSize());
	}

}
