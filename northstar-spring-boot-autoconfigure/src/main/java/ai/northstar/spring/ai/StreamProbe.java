package ai.northstar.spring.ai;

import ai.northstar.genai.ModelRound;
import ai.northstar.genai.TokenUsage;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * What {@link NorthstarStreamAdvisor} sees of one streamed model round, handed to the round's
 * {@link NorthstarModelObservationHandler} when the model starts its observation: the chunks, for the time to first
 * token and the partial text of a cancelled stream, and the last usage a chunk carried, whose cache-read count the
 * stream's final aggregate loses. Spring AI's model advisor hands chunks to another thread ({@code publishOn}), so
 * the model's observation may stop before the advisor has seen the last chunk: the round ends only once both the
 * observation stopped and the advisor's stream terminated ({@link #afterTermination(Runnable)}).
 */
final class StreamProbe {

	private volatile @Nullable ModelRound round;

	private volatile @Nullable TokenUsage lastUsage;

	private boolean terminated;

	private @Nullable Runnable afterTermination;

	void bind(ModelRound round) {
		this.round = round;
	}

	boolean isBound() {
		return this.round != null;
	}

	@Nullable TokenUsage lastUsage() {
		return this.lastUsage;
	}

	void onChunk(@Nullable ChatResponse chunk) {
		ModelRound bound = this.round;
		if (chunk == null || bound == null) {
			return;
		}
		SpringAiMessages.ChunkContent content = SpringAiMessages.chunkContent(chunk);
		if (content.text() != null) {
			bound.appendText(content.text());
		}
		if (content.hasOtherContent()) {
			bound.firstContent();
		}
		TokenUsage usage = SpringAiMessages.usage(chunk);
		if (usage != null && (usage.cacheReadTokens() != null || this.lastUsage == null)) {
			this.lastUsage = usage;
		}
	}

	/**
	 * Runs the action once the advisor's stream has terminated (completed, failed or been cancelled): now if it has.
	 */
	void afterTermination(Runnable action) {
		synchronized (this) {
			if (!this.terminated) {
				this.afterTermination = action;
				return;
			}
		}
		action.run();
	}

	/**
	 * Notes that the advisor's stream terminated, and runs what waited for it.
	 */
	void terminate() {
		Runnable action;
		synchronized (this) {
			this.terminated = true;
			action = this.afterTermination;
			this.afterTermination = null;
		}
		if (action != null) {
			action.run();
		}
	}

}
