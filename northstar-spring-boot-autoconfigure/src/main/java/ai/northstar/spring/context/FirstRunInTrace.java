package ai.northstar.spring.context;

import ai.northstar.TraceContext;
import org.jspecify.annotations.Nullable;

/**
 * A task that runs in the trace it was submitted in the first time it runs, and in whatever context its thread has
 * after that. For a task that runs once, the same as {@link TraceContext#wrap(Runnable)}; for a periodic one (a
 * poller scheduled at a fixed rate, or with a trigger, from inside a request), only its first run belongs to that
 * trace: the later ones are not part of a request that ended long ago, and do not keep its run alive.
 */
final class FirstRunInTrace implements Runnable {

	private final Runnable task;

	private volatile @Nullable TraceContext context;

	FirstRunInTrace(TraceContext context, Runnable task) {
		this.task = task;
		this.context = context;
	}

	@Override
	@SuppressWarnings("try")
	public void run() {
		TraceContext submitted = this.context;
		if (submitted == null) {
			this.task.run();
			return;
		}
		this.context = null;
		try (TraceContext.Scope scope = submitted.makeCurrent()) {
			this.task.run();
		}
	}

	@Override
	public String toString() {
		return this.task.toString();
	}

}
