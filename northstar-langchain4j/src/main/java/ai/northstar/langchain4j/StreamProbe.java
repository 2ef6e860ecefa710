package ai.northstar.langchain4j;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link NorthstarStreamingChatModel} hands to the listener that records its stream (through the call's
 * listener attributes), and gets back: the round the listener opened, so that the wrapper can note the stream's
 * first content and partial text, and end the round when the stream is cancelled or fails before it started.
 */
final class StreamProbe {

	private volatile @Nullable ChatRound round;

	void bind(ChatRound round) {
		this.round = round;
	}

	@Nullable ChatRound round() {
		return this.round;
	}

	void text(@Nullable String text) {
		ChatRound bound = this.round;
		if (bound != null) {
			bound.round().appendText(text);
		}
	}

	void content() {
		ChatRound bound = this.round;
		if (bound != null) {
			bound.round().firstContent();
		}
	}

	void cancel() {
		ChatRound bound = this.round;
		if (bound != null) {
			bound.cancel();
		}
	}

	void fail(Throwable error) {
		ChatRound bound = this.round;
		if (bound != null) {
			bound.fail(error);
		}
	}

}
