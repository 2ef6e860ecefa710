package ai.northstar.export;

/**
 * Why a record was dropped on purpose; the {@code reason} tag of the {@code northstar.records.dropped} metric.
 *
 * @since 0.1.0
 */
public enum DropReason {

	/** The queue was full when the record, or the record it depends on, arrived. */
	QUEUE_FULL("queue_full"),

	/** The backend refused the batch that carried the record, or the record it depends on. */
	REJECTED("rejected"),

	/** The backend refused the API key: nothing is sent any more. */
	UNAUTHORIZED("unauthorized"),

	/** The record was still pending when the shutdown deadline passed. */
	SHUTDOWN("shutdown");

	private final String tag;

	DropReason(String tag) {
		this.tag = tag;
	}

	/**
	 * Returns the metric tag value.
	 * @return the tag value
	 */
	public String tag() {
		return this.tag;
	}

}
