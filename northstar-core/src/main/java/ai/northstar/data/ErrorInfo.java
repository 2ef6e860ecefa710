package ai.northstar.data;

import ai.northstar.internal.Throwables;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The error object of a failed run or span: {@code {"type", "message", "module"}}, as the reference SDK writes it.
 *
 * @param type the exception class's simple name
 * @param message the exception message, if any
 * @param module the exception class's package, if any
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorInfo(String type, @Nullable String message, @Nullable String module) {

	/**
	 * Describes a throwable. Never fails: a message that cannot be read is {@code <unavailable>}.
	 * @param throwable the throwable
	 * @return its error object
	 */
	public static ErrorInfo of(Throwable throwable) {
		Class<?> type = throwable.getClass();
		String simpleName = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
		return new ErrorInfo(simpleName, Throwables.message(throwable),
				type.getPackageName().isEmpty() ? null : type.getPackageName());
	}

}
