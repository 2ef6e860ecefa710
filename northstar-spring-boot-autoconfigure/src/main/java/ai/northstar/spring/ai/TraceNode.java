package ai.northstar.spring.ai;

import ai.northstar.TraceContext;
import ai.northstar.genai.AutoTraceRun;
import ai.northstar.genai.ModelRound;
import ai.northstar.genai.ToolExecution;
import org.jspecify.annotations.Nullable;

/**
 * The NorthStar record of one Spring AI observation, kept in the observation's context: the context its children
 * open their spans in, the run started for it when it is an outermost call outside any trace, and its end, held back
 * while child observations are still open. Spring AI's streams stop a parent observation before its children (its
 * {@code doFinally} runs downstream first); ending the parent only after its last child keeps the run's usage totals
 * and the spans' end times right.
 */
final class TraceNode {

	private final @Nullable TraceNode parent;

	private final TraceContext context;

	private final @Nullable AutoTraceRun run;

	private final @Nullable ModelRound round;

	private final @Nullable ToolExecution tool;

	/** The last model round started directly under this node, for the partial text of a cancelled call. */
	private volatile @Nullable ModelRound lastRound;

	private int openChildren;

	private @Nullable Runnable pendingEnd;

	private boolean ended;

	TraceNode(@Nullable TraceNode parent, TraceContext context, @Nullable AutoTraceRun run,
			@Nullable ModelRound round, @Nullable ToolExecution tool) {
		this.parent = parent;
		this.context = context;
		this.run = run;
		this.round = round;
		this.tool = tool;
		if (parent != null) {
			parent.childStarted(round);
		}
	}

	TraceContext context() {
		return this.context;
	}

	@Nullable AutoTraceRun run() {
		return this.run;
	}

	@Nullable ModelRound round() {
		return this.round;
	}

	@Nullable ToolExecution tool() {
		return this.tool;
	}

	@Nullable ModelRound lastRound() {
		return this.lastRound;
	}

	private synchronized void childStarted(@Nullable ModelRound childRound) {
		this.openChildren++;
		if (childRound != null) {
			this.lastRound = childRound;
		}
	}

	/**
	 * Ends this node with the finisher now, or once its last open child has ended. Only the first call counts.
	 * @param finisher records the outcome and ends the records; guarded by the caller
	 */
	void end(Runnable finisher) {
		synchronized (this) {
			if (this.ended || this.pendingEnd != null) {
				return;
			}
			if (this.openChildren > 0) {
				this.pendingEnd = finisher;
				return;
			}
			this.ended = true;
		}
		finish(finisher);
	}

	private void childEnded() {
		Runnable finisher = null;
		synchronized (this) {
			this.openChildren--;
			if (this.openChildren <= 0 && this.pendingEnd != null && !this.ended) {
				this.ended = true;
				finisher = this.pendingEnd;
				this.pendingEnd = null;
			}
		}
		if (finisher != null) {
			finish(finisher);
		}
	}

	private void finish(Runnable finisher) {
		try {
			finisher.run();
		}
		finally {
			if (this.parent != null) {
				this.parent.childEnded();
			}
		}
	}

}
