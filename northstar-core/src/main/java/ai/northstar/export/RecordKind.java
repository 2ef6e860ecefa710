package ai.northstar.export;

/**
 * The batch array a record goes in. Not API: subject to change without notice.
 *
 * @since 0.1.0
 */
public enum RecordKind {

	/** A session. */
	SESSION,

	/** A run. */
	RUN,

	/** A span. */
	SPAN,

	/** An event. */
	EVENT,

	/** A score. */
	SCORE

}
