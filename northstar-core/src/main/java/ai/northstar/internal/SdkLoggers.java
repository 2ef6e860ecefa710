package ai.northstar.internal;

import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The loggers the SDK logs with: {@link System.Logger}s that go to {@link System#getLogger(String)} unless an
 * integration routes them elsewhere. The Spring Boot auto-configuration routes them to the application's logging
 * (commons-logging), so that a line logged while the JVM exits is not lost with {@code java.util.logging}, which the
 * JDK resets in a shutdown hook of its own; the JDK's own lookup of a {@link System.LoggerFinder} cannot do this in a
 * packaged Boot application, whose libraries the system class loader does not see. Not routed, a warning or error
 * logged while the JVM exits, once {@code java.util.logging} has no handler left to take it, goes to
 * {@link System#err} instead. Not API: subject to change without notice.
 *
 * @since 0.1.0
 */
public final class SdkLoggers {

	private static volatile @Nullable Function<String, System.Logger> route;

	private SdkLoggers() {
	}

	/**
	 * Returns a logger that follows the routing in effect whenever it logs.
	 * @param name the logger name
	 * @return the logger
	 */
	public static System.Logger get(String name) {
		return new RoutedLogger(Objects.requireNonNull(name, "name must not be null"));
	}

	/**
	 * Routes every SDK logger, those made before included.
	 * @param factory the loggers to log with, by name; {@code null} for {@link System#getLogger(String)}
	 */
	public static void routeTo(@Nullable Function<String, System.Logger> factory) {
		route = factory;
	}

	/**
	 * Fills a {@link System.Logger} format with its parameters as the JDK's loggers do ({@link MessageFormat}), or
	 * returns it as it is when there are none.
	 * @param format the format
	 * @param params the parameters
	 * @return the message
	 */
	public static @Nullable String format(@Nullable String format, @Nullable Object... params) {
		return (format != null && params != null && params.length > 0) ? MessageFormat.format(format, params) : format;
	}

	/** Resolves its delegate again when the routing changes. */
	private static final class RoutedLogger implements System.Logger {

		private final String name;

		private volatile @Nullable Function<String, System.Logger> resolvedFor;

		private volatile System.@Nullable Logger delegate;

		RoutedLogger(String name) {
			this.name = name;
		}

		private System.Logger delegate() {
			Function<String, System.Logger> current = route;
			System.Logger resolved = this.delegate;
			if (resolved == null || this.resolvedFor != current) {
				resolved = (current != null) ? current.apply(this.name) : System.getLogger(this.name);
				this.delegate = resolved;
				this.resolvedFor = current;
			}
			return resolved;
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public boolean isLoggable(Level level) {
			return delegate().isLoggable(level);
		}

		@Override
		public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String message,
				@Nullable Throwable thrown) {
			if (lostAtExit(level)) {
				System.err.println(level.getName() + " " + this.name + ": " + message);
				if (thrown != null) {
					thrown.printStackTrace();
				}
				return;
			}
			delegate().log(level, bundle, message, thrown);
		}

		@Override
		public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String format,
				@Nullable Object... params) {
			if (lostAtExit(level)) {
				System.err.println(level.getName() + " " + this.name + ": " + format(format, params));
				return;
			}
			delegate().log(level, bundle, format, params);
		}

		/** Whether a warning or an error would go to {@code java.util.logging} after the exit reset it. */
		private boolean lostAtExit(Level level) {
			return route == null && level.getSeverity() >= Level.WARNING.getSeverity() && JulAtExit.lost(this.name);
		}

	}

}
