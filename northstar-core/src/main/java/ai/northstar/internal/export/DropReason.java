package ai.northstar.internal.export;

/**
 * Why a record was dropped on purpose; the {@code reason} tag of the {@code northstar.records.dropped} metric. Every
 * record the application made ends either sent or dropped for exactly one of these reasons. Not API: subject to
 * change without notice.
 *
 * @since 0.1.0
 */
public enum DropReason {

	/** The queue was full when the record, or the record it depends on, arrived. */
	QUEUE_FULL("queue_full"),

	/** The backend refused the record, or the record it depends on, as invalid. */
	REJECTED("rejected"),

	/** The record could not be delivered within the maximum retention. */
	EXPIRED("expired"),

	/** The record was still pending when the shutdown deadline passed, or was made after the client closed. */
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
