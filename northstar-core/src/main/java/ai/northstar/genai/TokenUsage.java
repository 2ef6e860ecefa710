package ai.northstar.genai;

import org.jspecify.annotations.Nullable;

/**
 * The token usage a provider reported for one model round.
 *
 * @param inputTokens the input (prompt) tokens, at least 0
 * @param outputTokens the output (completion) tokens, at least 0
 * @param cacheReadTokens the input tokens read from the provider's prompt cache, when reported
 * @since 0.1.0
 */
public record TokenUsage(long inputTokens, long outputTokens, @Nullable Long cacheReadTokens) {

	public TokenUsage {
		if (inputTokens < 0 || outputTokens < 0) {
			throw new IllegalArgumentException(
					"token counts must be >= 0, were " + inputTokens + " and " + outputTokens);
		}
		if (cacheReadTokens != null && cacheReadTokens < 0) {
			throw new IllegalArgumentException("cacheReadTokens must be >= 0, was " + cacheReadTokens);
		}
	}

	/**
	 * Returns usage without cache information.
	 * @param inputTokens the input tokens
	 * @param outputTokens the output tokens
	 * @return the usage
	 */
	public static TokenUsage of(long inputTokens, long outputTokens) {
		return new TokenUsage(inputTokens, outputTokens, null);
	}

	/**
	 * Returns this usage with the cache-read count of another when this one has none: a streamed round's final
	 * aggregate often drops the cache count its last chunk carried.
	 * @param other the usage to take the cache-read count from, if any
	 * @return the merged usage
	 */
	public TokenUsage withCacheReadFrom(@Nullable TokenUsage other) {
		if (this.cacheReadTokens != null || other == null || other.cacheReadTokens == null) {
			return this;
		}
		return new TokenUsage(this.inputTokens, this.outputTokens, other.cacheReadTokens);
	}

}
