package ai.northstar.internal.export;

/**
 * The batch array a record goes in, in the order the backend applies them. Not API: subject to change without
 * notice.
 *
 * @since 0.1.0
 */
public enum RecordKind {

	/** A session. */
	SESSION(true),

	/** A run. */
	RUN(true),

	/** A span. */
	SPAN(true),

	/** An event. */
	EVENT(false),

	/** A score. */
	SCORE(false),

	/** A prompt link. */
	PROMPT_LINK(false);

	private final boolean mutable;

	RecordKind(boolean mutable) {
		this.mutable = mutable;
	}

	/**
	 * Returns whether records of this kind change after they are created, so that an older state sent late could
	 * overwrite a newer one on the backend.
	 * @return {@code true} for sessions, runs and spans
	 */
	public boolean isMutable() {
		return this.mutable;
	}

	/**
	 * Returns the name the logs give this kind.
	 * @return the singular wire name, such as {@code span}
	 */
	public String wireName() {
		return (this == PROMPT_LINK) ? "prompt link" : name().toLowerCase(java.util.Locale.ROOT);
	}

}
