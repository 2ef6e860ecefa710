package ai.northstar.internal;

/**
 * Tells whether a line logged through {@code java.util.logging} now would be lost because the JVM is exiting: the
 * JDK's own shutdown hook resets {@code java.util.logging} (removing every handler) while ours still drain.
 */
final class JulAtExit {

	private static final String JUL_FINDER = "sun.util.logging.internal.LoggingProviderImpl";

	private JulAtExit() {
	}

	/**
	 * Returns whether {@link System#getLogger(String)}'s logger of that name goes to the JDK's
	 * {@code java.util.logging}, no handler is left to take its lines, and the JVM is exiting.
	 * @param name the logger name
	 * @return whether a line logged now would be lost
	 */
	static boolean lost(String name) {
		try {
			// Only the JDK's own LogManager loses handlers at exit; another (log4j's, say) has none and needs none.
			if (!JUL_FINDER.equals(System.LoggerFinder.getLoggerFinder().getClass().getName())
					|| java.util.logging.LogManager.getLogManager().getClass() != java.util.logging.LogManager.class) {
				return false;
			}
			for (java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name); logger != null;
					logger = logger.getParent()) {
				if (logger.getHandlers().length > 0) {
					return false;
				}
				if (!logger.getUseParentHandlers()) {
					break;
				}
			}
			return exiting();
		}
		catch (RuntimeException | LinkageError ex) {
			// No java.util.logging, or not allowed to look: log the ordinary way.
			return false;
		}
	}

	/** Whether the JVM is running its shutdown hooks: it then refuses new ones. */
	private static boolean exiting() {
		Thread probe = new Thread(() -> {
		});
		try {
			Runtime.getRuntime().addShutdownHook(probe);
		}
		catch (IllegalStateException ex) {
			return true;
		}
		try {
			Runtime.getRuntime().removeShutdownHook(probe);
		}
		catch (IllegalStateException ex) {
			// The exit began between the two calls; the empty probe runs as a hook and does nothing.
			return true;
		}
		return false;
	}

}
