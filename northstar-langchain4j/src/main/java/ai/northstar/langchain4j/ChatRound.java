package ai.northstar.langchain4j;

import ai.northstar.genai.AutoTraceRun;
import ai.northstar.genai.ModelRound;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.jspecify.annotations.Nullable;

/**
 * The records of one chat model call: its model round, the run started for it when it was made outside any trace,
 * and the AI-service invocation it is a round of, if any. Each end is claimed once by the round.
 */
final class ChatRound {

	private final NorthstarLangChain4j tracing;

	private final ModelRound round;

	private final @Nullable AutoTraceRun run;

	private final @Nullable Invocation invocation;

	ChatRound(NorthstarLangChain4j tracing, ModelRound round, @Nullable AutoTraceRun run,
			@Nullable Invocation invocation) {
		this.tracing = tracing;
		this.round = round;
		this.run = run;
		this.invocation = invocation;
	}

	ModelRound round() {
		return this.round;
	}

	void succeed(ChatResponse response) {
		if (this.round.isEnded()) {
			return;
		}
		this.tracing.guard("end a LangChain4j model round", () -> this.round.succeed(Lc4jMessages.result(response)));
		if (this.run != null) {
			this.tracing.guard("end the run of a LangChain4j model call", () -> this.run
				.succeed((response.aiMessage() != null) ? response.aiMessage().text() : null));
		}
	}

	void fail(Throwable error) {
		if (this.round.isEnded()) {
			return;
		}
		this.tracing.guard("end a failed LangChain4j model round", () -> this.round.fail(error));
		if (this.run != null) {
			this.tracing.guard("end the run of a failed LangChain4j model call", () -> this.run.fail(error));
		}
		if (this.invocation != null) {
			// A round that fails fails its invocation: a stream whose errors are ignored reports nothing else
			this.invocation.fail(error);
		}
	}

	void cancel() {
		if (this.round.isEnded()) {
			return;
		}
		String partial = this.round.partialText();
		this.tracing.guard("end a cancelled LangChain4j model round", this.round::cancel);
		if (this.run != null) {
			this.tracing.guard("end the run of a cancelled LangChain4j stream",
					() -> this.run.cancel(partial.isEmpty() ? null : partial));
		}
		if (this.invocation != null) {
			this.invocation.cancel(partial.isEmpty() ? null : partial);
		}
	}

}
