package ai.northstar.local;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of offering one batch to a {@link LocalStore}, with the HTTP answer the backend gives for it.
 *
 * @param kind what happened
 * @param error the text of the response's {@code error} property, {@code null} when accepted
 * @since 0.1.0
 */
public record IngestResult(Kind kind, @Nullable String error) {

	/** The message of a batch whose records reference rows that do not exist. */
	public static final String INVALID_REFERENCES = "Payload contains invalid project references";

	/** The message of a batch the database failed to store for another reason (status 500). */
	public static final String INTERNAL_ERROR = "Internal server error";

	/**
	 * Returns whether the batch was stored.
	 * @return {@code true} when accepted
	 */
	public boolean isAccepted() {
		return this.kind == Kind.ACCEPTED;
	}

	/**
	 * Returns the HTTP status the backend answers with.
	 * @return {@code 200}, {@code 400} or {@code 500}
	 */
	public int httpStatus() {
		return switch (this.kind) {
			case ACCEPTED -> 200;
			case INVALID, INVALID_REFERENCES -> 400;
			case SERVER_ERROR -> 500;
		};
	}

	/**
	 * What happened to a batch.
	 */
	public enum Kind {

		/** Every record was stored. */
		ACCEPTED,

		/** The batch failed validation; nothing was stored. */
		INVALID,

		/** A record references a row that does not exist; nothing was stored. */
		INVALID_REFERENCES,

		/**
		 * The database could not store the batch (U+0000, a prompt link to a span of another run, a constraint);
		 * nothing was stored.
		 */
		SERVER_ERROR

	}

}
