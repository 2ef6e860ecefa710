package ai.northstar.internal;

import org.jspecify.annotations.Nullable;

/**
 * Reads what an application's exception says without ever failing: a {@code getMessage()} that throws becomes
 * {@value #UNAVAILABLE}. Not API: subject to change without notice.
 *
 * @since 0.1.0
 */
public final class Throwables {

	/** What an exception's message is recorded as when reading it throws. */
	public static final String UNAVAILABLE = "<unavailable>";

	private Throwables() {
	}

	/**
	 * Returns an exception's message.
	 * @param throwable the exception
	 * @return its message, {@code null} when it has none, {@value #UNAVAILABLE} when reading it failed
	 */
	public static @Nullable String message(Throwable throwable) {
		try {
			return throwable.getMessage();
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			return UNAVAILABLE;
		}
	}

	/**
	 * Rethrows a failure that code calling the application's own code (a {@code getMessage()}, a {@code toString()},
	 * a getter) must never swallow: the JVM's own errors, such as {@link OutOfMemoryError}, but not a
	 * {@link StackOverflowError}, which a deep or cyclic value causes and from which the caller recovers. Every other
	 * failure, an {@link AssertionError} or a Kotlin {@code NotImplementedError} included, the caller handles.
	 * @param failure what was thrown
	 */
	public static void rethrowIfFatal(Throwable failure) {
		if (failure instanceof VirtualMachineError error && !(failure instanceof StackOverflowError)) {
			throw error;
		}
	}

	/**
	 * Describes a failure in one line for logs and statistics: its class's simple name and its message, read as
	 * {@link #message} does.
	 * @param throwable the failure
	 * @param maxMessageLength the most characters of the message kept; a longer one is cut and ends with {@code ...}
	 * @return {@code SimpleName: message}, or the simple name alone when there is no message
	 */
	public static String describe(Throwable throwable, int maxMessageLength) {
		String message = message(throwable);
		if (message == null) {
			return throwable.getClass().getSimpleName();
		}
		if (message.length() > maxMessageLength) {
			message = message.substring(0, maxMessageLength) + "...";
		}
		return throwable.getClass().getSimpleName() + ": " + message;
	}

}
