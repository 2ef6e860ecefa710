package ai.northstar.internal.export;

import java.lang.System.Logger.Level;
import java.text.MessageFormat;

import ai.northstar.internal.SdkLoggers;

/**
 * Logs a warning that must be seen even while the JVM exits. {@link System.Logger} goes to
 * {@code java.util.logging} unless a logging library provides its own finder, and the JDK's own shutdown hook resets
 * {@code java.util.logging} (removing every handler) while ours still drains: a line logged then is lost. When the
 * JVM is exiting, the loggers are not routed elsewhere ({@link SdkLoggers}, as the Spring Boot auto-configuration
 * does) and the line would reach no handler, it goes to {@link System#err} instead, once.
 */
final class ExitLog {

	private static final String JUL_FINDER = "sun.util.logging.internal.LoggingProviderImpl";

	private ExitLog() {
	}

	/**
	 * Logs a warning, or prints it to {@link System#err} when the JVM is exiting and no handler is left to take it.
	 * @param logger the logger
	 * @param format the message, in {@link MessageFormat} syntax as {@link System.Logger} takes it when there are
	 * arguments
	 * @param args the arguments
	 */
	static void warn(System.Logger logger, String format, Object... args) {
		if (lostAtExit(logger.getName())) {
			String line = (args.length == 0) ? format : MessageFormat.format(format, args);
			System.err.println("WARNING " + logger.getName() + ": " + line);
			return;
		}
		logger.log(Level.WARNING, format, args);
	}

	private static boolean lostAtExit(String name) {
		if (SdkLoggers.isRouted()) {
			// An integration's logging (the application's), which the exit does not reset.
			return false;
		}
		try {
			// Only the JDK's own LogManager loses handlers at exit; another (log4j's, say) has none and needs none.
			if (!exiting() || !JUL_FINDER.equals(System.LoggerFinder.getLoggerFinder().getClass().getName())
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
			return true;
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
