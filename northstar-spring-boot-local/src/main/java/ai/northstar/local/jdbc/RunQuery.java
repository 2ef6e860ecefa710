package ai.northstar.local.jdbc;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What the runs list shows: filters (each {@code null} for none), an order and a page.
 *
 * @param name runs of exactly this name
 * @param status runs of this status: {@code running}, {@code ok} or {@code error}
 * @param sessionId runs of this session
 * @param from runs started at or after this time
 * @param to runs started before this time
 * @param text runs whose name, input or output contains this text, ignoring case
 * @param sort the order
 * @param descending whether the order is reversed (newest, longest, most expensive first)
 * @param page the page, from 0
 * @param pageSize the runs per page, 1 to {@value #MAX_PAGE_SIZE}
 * @since 0.1.0
 */
public record RunQuery(@Nullable String name, @Nullable String status, @Nullable UUID sessionId,
		@Nullable Instant from, @Nullable Instant to, @Nullable String text, Sort sort, boolean descending, int page,
		int pageSize) {

	/** The most runs on one page. */
	public static final int MAX_PAGE_SIZE = 500;

	/** The default page size. */
	public static final int DEFAULT_PAGE_SIZE = 50;

	/** Every run, newest first, the first page. */
	public static final RunQuery DEFAULT = new RunQuery(null, null, null, null, null, null, Sort.STARTED, true, 0,
			DEFAULT_PAGE_SIZE);

	/**
	 * Creates an instance, checking the page.
	 * @param name runs of exactly this name
	 * @param status runs of this status
	 * @param sessionId runs of this session
	 * @param from runs started at or after this time
	 * @param to runs started before this time
	 * @param text runs whose name, input or output contains this text
	 * @param sort the order
	 * @param descending whether the order is reversed
	 * @param page the page, from 0
	 * @param pageSize the runs per page
	 */
	public RunQuery {
		if (page < 0) {
			throw new IllegalArgumentException("page must be >= 0, was " + page);
		}
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE + ", was " + pageSize);
		}
	}

	/**
	 * The orders of the runs list.
	 */
	public enum Sort {

		/** By start time. */
		STARTED("r.started_at"),

		/** By duration; running runs last. */
		DURATION(null),

		/** By cost; runs without cost last. */
		COST("r.cost_usd"),

		/** By total tokens. */
		TOKENS("r.total_tokens"),

		/** By name. */
		NAME("r.name"),

		/** By status. */
		STATUS("r.status");

		private final @Nullable String column;

		Sort(@Nullable String column) {
			this.column = column;
		}

		String expression(Dialect dialect) {
			return (this.column != null) ? this.column : dialect.millisBetween("r.started_at", "r.ended_at");
		}

	}

}
