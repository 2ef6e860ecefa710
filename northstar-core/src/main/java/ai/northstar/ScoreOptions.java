package ai.northstar;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Optional parts of a score: the scored span, an explicit data type, a comment.
 *
 * <pre>{@code
 * client.score(run.id(), "verdict", "good", ScoreOptions.builder().spanId(tool.id()).comment("checked").build());
 * }</pre>
 *
 * @param spanId the scored span, which must belong to the scored run
 * @param dataType the data type; inferred from the value when {@code null}, and must agree with it otherwise
 * @param comment a free-text comment
 * @since 0.1.0
 */
public record ScoreOptions(@Nullable UUID spanId, @Nullable ScoreDataType dataType, @Nullable String comment) {

	private static final ScoreOptions NONE = new ScoreOptions(null, null, null);

	/**
	 * Returns options with nothing set.
	 * @return empty options
	 */
	public static ScoreOptions none() {
		return NONE;
	}

	/**
	 * Returns a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link ScoreOptions}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable UUID spanId;

		private @Nullable ScoreDataType dataType;

		private @Nullable String comment;

		private Builder() {
		}

		/**
		 * Sets the scored span.
		 * @param spanId the span id
		 * @return this builder
		 */
		public Builder spanId(@Nullable UUID spanId) {
			this.spanId = spanId;
			return this;
		}

		/**
		 * Sets the data type explicitly.
		 * @param dataType the data type
		 * @return this builder
		 */
		public Builder dataType(@Nullable ScoreDataType dataType) {
			this.dataType = dataType;
			return this;
		}

		/**
		 * Sets the comment.
		 * @param comment the comment
		 * @return this builder
		 */
		public Builder comment(@Nullable String comment) {
			this.comment = comment;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public ScoreOptions build() {
			return new ScoreOptions(this.spanId, this.dataType, this.comment);
		}

	}

}
