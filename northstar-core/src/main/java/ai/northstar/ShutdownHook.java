package ai.northstar;

import java.lang.System.Logger.Level;

import ai.northstar.internal.SdkLoggers;
import org.jspecify.annotations.Nullable;

/**
 * A JVM shutdown hook that runs one close action when the program ends ({@code main} returns, {@code System.exit}),
 * registered at most once and removed again when the action runs the ordinary way. Registering or removing it never
 * throws: a JVM already shutting down, or a security manager, only means it is not there.
 */
final class ShutdownHook {

	/** The name of the hook's thread. */
	static final String THREAD_NAME = "northstar-shutdown";

	private static final System.Logger logger = SdkLoggers.get(NorthstarFlusher.class.getName());

	private final Runnable action;

	private volatile @Nullable Thread thread;

	ShutdownHook(Runnable action) {
		this.action = action;
	}

	/** Registers the hook. */
	void register() {
		Thread hook = new Thread(this.action, THREAD_NAME);
		try {
			Runtime.getRuntime().addShutdownHook(hook);
			this.thread = hook;
		}
		catch (IllegalStateException | SecurityException ex) {
			logger.log(Level.DEBUG, "NorthStar could not register its shutdown hook: {0}", ex.toString());
		}
	}

	/** Removes the hook, unless called from the hook itself. Idempotent. */
	void remove() {
		Thread hook = this.thread;
		if (hook != null && Thread.currentThread() != hook) {
			this.thread = null;
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException | SecurityException ex) {
				// The JVM is shutting down already: the hook runs, or ran, and finds the flusher closed.
			}
		}
	}

}
