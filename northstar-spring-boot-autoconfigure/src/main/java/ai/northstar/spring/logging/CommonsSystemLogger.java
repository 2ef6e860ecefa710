package ai.northstar.spring.logging;

import java.text.MessageFormat;
import java.util.ResourceBundle;

import ai.northstar.internal.SdkLoggers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A {@link System.Logger} over commons-logging, the logging Spring itself logs with, so the SDK's lines go wherever
 * the application's go (Logback, Log4j 2, {@code java.util.logging}), under the same names. A message with
 * arguments is formatted here, with {@link MessageFormat} as {@code System.Logger} specifies, and logged as plain
 * text: a {@code {}} in a value (a backend's error text) is kept as it is.
 *
 * @since 0.1.0
 */
public final class CommonsSystemLogger implements System.Logger {

	private final String name;

	private final Log log;

	/**
	 * Creates a logger.
	 * @param name the logger name
	 */
	public CommonsSystemLogger(String name) {
		this.name = name;
		this.log = LogFactory.getLog(name);
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public boolean isLoggable(Level level) {
		return switch (level) {
			case ALL, TRACE -> this.log.isTraceEnabled();
			case DEBUG -> this.log.isDebugEnabled();
			case INFO -> this.log.isInfoEnabled();
			case WARNING -> this.log.isWarnEnabled();
			case ERROR -> this.log.isErrorEnabled();
			case OFF -> false;
		};
	}

	@Override
	public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String message,
			@Nullable Throwable thrown) {
		if (isLoggable(level)) {
			write(level, message, thrown);
		}
	}

	@Override
	public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String format,
			@Nullable Object... params) {
		if (isLoggable(level)) {
			write(level, SdkLoggers.format(format, params), null);
		}
	}

	private void write(Level level, @Nullable String message, @Nullable Throwable thrown) {
		switch (level) {
			case ALL, TRACE -> this.log.trace(message, thrown);
			case DEBUG -> this.log.debug(message, thrown);
			case INFO -> this.log.info(message, thrown);
			case WARNING -> this.log.warn(message, thrown);
			case ERROR -> this.log.error(message, thrown);
			case OFF -> {
			}
		}
	}

}
