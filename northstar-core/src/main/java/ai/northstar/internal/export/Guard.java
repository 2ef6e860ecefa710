package ai.northstar.internal.export;

/**
 * Runs code the SDK does not control (listeners, callbacks) so that nothing it throws escapes. Not API: subject to
 * change without notice.
 *
 * @since 0.1.0
 */
public final class Guard {

	private Guard() {
	}

	/**
	 * Runs the action, swallowing any exception or {@link LinkageError} / {@link StackOverflowError} it throws.
	 * @param action the action
	 */
	public static void run(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			// A callback must never fail the application or the pipeline.
		}
	}

}
