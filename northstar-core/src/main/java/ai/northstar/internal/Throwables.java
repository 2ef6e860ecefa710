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
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			return UNAVAILABLE;
		}
	}

}
